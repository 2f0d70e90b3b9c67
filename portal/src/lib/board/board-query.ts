import type { ProposalCategory, ProposalFilter, ProposalOrder, ProposalStatus } from '@cocreate/schema';
import { CATEGORIES, ORDERS, STATUSES } from './look';

/** What the board shows, kept in the address so Back, reload and shared links keep it. */
export interface BoardQuery {
  order: ProposalOrder;
  status: ProposalStatus | null;
  category: ProposalCategory | null;
  search: string;
  mine: boolean;
}

export const DEFAULT_QUERY: BoardQuery = { order: 'HOT', status: null, category: null, search: '', mine: false };

const pick = <T extends string>(allowed: readonly T[], raw: string | null): T | null =>
  raw !== null && (allowed as readonly string[]).includes(raw.toUpperCase()) ? (raw.toUpperCase() as T) : null;

export function parseBoardQuery(params: URLSearchParams): BoardQuery {
  return {
    order: pick(ORDERS, params.get('sort')) ?? DEFAULT_QUERY.order,
    status: pick(STATUSES, params.get('status')),
    category: pick(CATEGORIES, params.get('category')),
    search: (params.get('q') ?? '').trim().slice(0, 100),
    mine: params.get('mine') === '1',
  };
}

/** "/board?sort=new&status=open": only what differs from the default, in a stable order. */
export function boardHref(query: BoardQuery): string {
  const params = new URLSearchParams();
  if (query.order !== DEFAULT_QUERY.order) params.set('sort', query.order.toLowerCase());
  if (query.status) params.set('status', query.status.toLowerCase());
  if (query.category) params.set('category', query.category.toLowerCase());
  if (query.search.trim()) params.set('q', query.search.trim());
  if (query.mine) params.set('mine', '1');
  const text = params.toString();
  return text ? `/board?${text}` : '/board';
}

export function filterOf(query: BoardQuery): ProposalFilter {
  return {
    status: query.status,
    category: query.category,
    search: query.search.trim() || null,
    mine: query.mine || null,
  };
}

/** True when anything narrows the list (so an empty result means "nothing matches", not "nothing yet"). */
export const isFiltered = (query: BoardQuery) => Boolean(query.status || query.category || query.search.trim() || query.mine);
