import type { Problem } from '$lib/core/problem';

export interface Page<T> {
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export type Fetched<T> = Page<T> | { problem: Problem };

/** One page after another of a Relay connection, with "加载更多". */
export class PagedList<T extends { id: string }> {
  items = $state<T[]>([]);
  totalCount = $state(0);
  hasNextPage = $state(false);
  /** True until the first page has arrived (or failed). */
  loading = $state(true);
  loadingMore = $state(false);
  problem = $state<Problem | null>(null);

  #cursor: string | null = null;
  #generation = 0;

  constructor(private readonly fetchPage: (after: string | null) => Promise<Fetched<T>>) {}

  /** (Re)loads the first page; an answer to an older request is ignored. */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    if (this.items.length === 0) this.loading = true;
    const page = await this.fetchPage(null);
    if (generation !== this.#generation) return;
    this.loading = false;
    if ('problem' in page) {
      this.problem = page.problem;
      return;
    }
    this.problem = null;
    this.items = page.items;
    this.#accept(page);
  }

  async loadMore(): Promise<void> {
    if (!this.hasNextPage || this.loadingMore) return;
    const generation = this.#generation;
    this.loadingMore = true;
    this.problem = null;
    const page = await this.fetchPage(this.#cursor);
    this.loadingMore = false;
    if (generation !== this.#generation) return;
    if ('problem' in page) {
      this.problem = page.problem;
      return;
    }
    // A plain Set: a throw-away lookup while merging the page, never state anyone watches.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const seen = new Set(this.items.map((item) => item.id));
    this.items = [...this.items, ...page.items.filter((item) => !seen.has(item.id))];
    this.#accept(page);
  }

  #accept(page: Page<T>) {
    this.totalCount = page.totalCount;
    this.hasNextPage = page.hasNextPage;
    this.#cursor = page.endCursor;
  }
}
