import { TicketsDocument, type TicketFilter, type TicketOrder, type TicketSummaryFragment } from '@cocreate/schema';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { readPage } from '$lib/core/operations';

export const PAGE_SIZE = 20;

/** A ticket list (tickets query) a page at a time; the filter is read afresh on every load. */
export class TicketList extends PagedList<TicketSummaryFragment> {
  constructor(filter: () => TicketFilter, orderBy: TicketOrder = 'NEWEST', pageSize = PAGE_SIZE) {
    super((after): Promise<Fetched<TicketSummaryFragment>> =>
      readPage(TicketsDocument, { filter: filter(), orderBy, first: pageSize, after }, (d) => d.tickets),
    );
  }
}
