import { TicketsDocument, type TicketFilter, type TicketOrder, type TicketSummaryFragment } from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { problemOf } from './problems';

export const PAGE_SIZE = 20;

/** A ticket list (tickets query) a page at a time; the filter is read afresh on every load. */
export class TicketList extends PagedList<TicketSummaryFragment> {
  constructor(filter: () => TicketFilter, orderBy: TicketOrder = 'NEWEST', pageSize = PAGE_SIZE) {
    super(async (after): Promise<Fetched<TicketSummaryFragment>> => {
      const result = await client
        .query(TicketsDocument, { filter: filter(), orderBy, first: pageSize, after }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error || !result.data) {
        return { problem: result.error ? problemOf(result.error) : { code: 'unknown', field: null, message: '' } };
      }
      const { edges, pageInfo, totalCount } = result.data.tickets;
      return { items: edges.map((edge) => edge.node), totalCount, hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor };
    });
  }
}
