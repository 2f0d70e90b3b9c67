import { ProposalsDocument, type ProposalCardFragment } from '@cocreate/schema';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import type { Problem } from '$lib/core/problem';
import { readPage } from '$lib/core/operations';
import { filterOf, type BoardQuery } from './board-query';
import { commands } from './commands';
import { toggledSupport } from './support';

export const PAGE_SIZE = 12;

/** The board a page at a time; the query is read afresh on every load. */
export class ProposalList extends PagedList<ProposalCardFragment> {
  constructor(query: () => BoardQuery, pageSize = PAGE_SIZE) {
    super((after): Promise<Fetched<ProposalCardFragment>> => {
      const current = query();
      return readPage(ProposalsDocument, { filter: filterOf(current), orderBy: current.order, first: pageSize, after }, (d) => d.proposals);
    });
  }

  /**
   * Supports or withdraws at once on screen, then settles on the server's count (others may
   * have supported meanwhile); on failure the card goes back to how it was.
   */
  async toggleSupport(id: string): Promise<Problem | null> {
    const before = this.items.find((item) => item.id === id);
    if (!before) return null;
    const optimistic = toggledSupport(before);
    this.#replace(id, (item) => ({ ...item, supportCount: optimistic.supportCount, viewerHasSupported: optimistic.viewerHasSupported }));
    const outcome = await commands.support(id, optimistic.viewerHasSupported);
    if (!outcome.ok) {
      this.#replace(id, (item) => ({ ...item, supportCount: before.supportCount, viewerHasSupported: before.viewerHasSupported }));
      return outcome.problem;
    }
    this.#replace(id, () => outcome.value);
    return null;
  }

  #replace(id: string, change: (item: ProposalCardFragment) => ProposalCardFragment) {
    this.items = this.items.map((item) => (item.id === id ? change(item) : item));
  }
}
