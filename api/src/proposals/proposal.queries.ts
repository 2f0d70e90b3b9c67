// The board's read model: one prepared statement for a page — the page's proposals with the viewer's
// own support and each one's latest owners' vote joined in, and the total.
import type { EntityManager } from '@mikro-orm/postgresql';
import { readRows } from '../db/read.js';
import type { ViewerContext } from '../community/viewer.js';
import { decodeCursor, encodeCursor, pageOf, type Page } from '../shared/pagination.js';
import { ProposalOrder, type ProposalCategory, type ProposalEventKind, type ProposalStatus } from './proposal.enums.js';
import { containsPattern as like } from '../shared/like.js';

export interface ProposalRecord {
  id: string;
  seq: number;
  title: string;
  body: string;
  category: ProposalCategory;
  status: ProposalStatus;
  statusReason: string | null;
  authorId: string;
  authorName: string;
  byStaff: boolean;
  expectedBenefit: string | null;
  estimatedCost: number | null;
  supportCount: number;
  commentCount: number;
  viewerHasSupported: boolean;
  mergedIntoId: string | null;
  mergedIntoSeq: number | null;
  mergedIntoTitle: string | null;
  createdAt: Date;
  updatedAt: Date;
  hot: number | null;
  /** Its latest owners' vote (the `decision` field, read by the decisions domain), read with it. */
  decision: object | null;
}

export interface ProposalListFilter {
  status?: ProposalStatus | null;
  category?: ProposalCategory | null;
  search?: string | null;
  mine?: boolean | null;
}

interface Row {
  id: string;
  seq: number;
  title: string;
  body: string;
  category: string;
  status: string;
  status_reason: string | null;
  author_id: string;
  author_name: string;
  by_staff: boolean;
  expected_benefit: string | null;
  estimated_cost: string | null;
  support_count: number;
  comment_count: number;
  viewer_has_supported: boolean;
  merged_into_id: string | null;
  merged_into_seq: number | null;
  merged_into_title: string | null;
  created_at: string;
  updated_at: string;
  hot: number | null;
  decision: object | null;
}

const record = (r: Row): ProposalRecord => ({
  id: r.id,
  seq: r.seq,
  title: r.title,
  body: r.body,
  category: r.category as ProposalCategory,
  status: r.status as ProposalStatus,
  statusReason: r.status_reason,
  authorId: r.author_id,
  authorName: r.author_name,
  byStaff: r.by_staff,
  expectedBenefit: r.expected_benefit,
  estimatedCost: r.estimated_cost === null ? null : Number(r.estimated_cost),
  supportCount: r.support_count,
  commentCount: r.comment_count,
  viewerHasSupported: r.viewer_has_supported,
  mergedIntoId: r.merged_into_id,
  mergedIntoSeq: r.merged_into_seq,
  mergedIntoTitle: r.merged_into_title,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  hot: r.hot === null ? null : Number(r.hot),
  decision: r.decision,
});

const select = (hot: string) => `select p.id, p.seq, p.title, p.body, p.category, p.status, p.status_reason, p.author_id,
    a.display_name as author_name, p.by_staff, p.expected_benefit, p.estimated_cost, p.support_count, p.comment_count,
    (s.person_id is not null) as viewer_has_supported, p.merged_into_id, m.seq as merged_into_seq, m.title as merged_into_title,
    p.created_at, p.updated_at, ${hot} as hot,
    (select to_jsonb(d) from (
       select d.id, d.article278_item, d.matter, d.question, d.status, d.opens_at, d.closes_at, d.closed_at, d.owners_total,
              d.area_total::text as area_total, d.result
         from decision d where d.proposal_id = p.id and d.community_id = p.community_id order by d.opens_at desc limit 1) d) as decision
  from proposal p
  join person a on a.id = p.author_id
  left join proposal m on m.id = p.merged_into_id
  left join proposal_support s on s.proposal_id = p.id and s.person_id = ?`;

export async function findProposal(em: EntityManager, viewer: ViewerContext, id: string): Promise<ProposalRecord | null> {
  const rows = await readRows<Row>(em, `${select('null')} where p.community_id = ? and p.id = ?`, [viewer.id, viewer.communityId, id]);
  return rows[0] ? record(rows[0]) : null;
}

export async function listProposals(
  em: EntityManager,
  viewer: ViewerContext,
  filter: ProposalListFilter,
  order: ProposalOrder,
  first: number,
  after: string | null | undefined,
): Promise<Page<ProposalRecord>> {
  const where = ['p.community_id = ?', 'p.merged_into_id is null'];
  const params: unknown[] = [viewer.communityId];
  if (filter.status) {
    where.push('p.status = ?');
    params.push(filter.status);
  }
  if (filter.category) {
    where.push('p.category = ?');
    params.push(filter.category);
  }
  if (filter.mine) {
    where.push('p.author_id = ?');
    params.push(viewer.id);
  }
  for (const term of (filter.search ?? '').split(/\s+/).filter(Boolean)) {
    const number = /^P-?0*(\d{1,9})$/i.exec(term);
    if (number) {
      // "P-0003" or "p3" finds that proposal by its number.
      where.push('p.seq = ?');
      params.push(Number(number[1]));
    } else {
      where.push(`(p.title ilike ? or p.body ilike ?)`);
      params.push(like(term), like(term));
    }
  }
  // The total is counted (an index-only count of the community's proposals). A counter on the
  // community kept by triggers was tried: it put a second lock into every submit and merge, and
  // concurrent ones deadlocked.
  const countSql = `select count(*)::int as n from proposal p where ${where.join(' and ')}`;
  const countParams = [...params];

  let hot = 'null';
  let orderBy: string;
  let cursorOf: (r: ProposalRecord) => string;
  if (order === ProposalOrder.HOT) {
    // The stored rank (proposal_board_hot index): the page reads first + 1 index rows, whatever the board's size.
    // Cursors of the old format (a reference time, a score, an id) are refused as CURSOR_INVALID.
    const cursor = decodeCursor(after, ['number', 'uuid']);
    hot = 'p.hot_rank';
    if (cursor) {
      where.push('(p.hot_rank, p.id) < (?::float8, ?::uuid)');
      params.push(...cursor);
    }
    orderBy = 'hot desc, p.id desc';
    cursorOf = (r) => encodeCursor([r.hot, r.id]);
  } else if (order === ProposalOrder.TOP) {
    const cursor = decodeCursor(after, ['int', 'timestamp', 'uuid']);
    if (cursor) {
      where.push('(p.support_count, p.created_at, p.id) < (?, ?, ?)');
      params.push(...cursor);
    }
    orderBy = 'p.support_count desc, p.created_at desc, p.id desc';
    cursorOf = (r) => encodeCursor([r.supportCount, r.createdAt.toISOString(), r.id]);
  } else {
    const cursor = decodeCursor(after, ['timestamp', 'uuid']);
    if (cursor) {
      where.push('(p.created_at, p.id) < (?, ?)');
      params.push(...cursor);
    }
    orderBy = 'p.created_at desc, p.id desc';
    cursorOf = (r) => encodeCursor([r.createdAt.toISOString(), r.id]);
  }

  // Rank and cut the page on the proposal table alone, then join the display columns for those rows
  // only; the total rides along (a row with no proposal when the page is empty).
  const pageSql = `with page as (
      select p.id, ${hot} as hot from proposal p where ${where.join(' and ')} order by ${orderBy} limit ?
    ), total as (${countSql})
    select total.n as total_count, r.* from total left join (
      ${select('page.hot').replace('from proposal p', 'from page join proposal p on p.id = page.id')}
    ) r on true
    order by ${orderBy.replace(/^hot /, 'r.hot ').replace(/p\./g, 'r.')}`;
  const [first_, ...rest] = await readRows<Row & { total_count: number }>(em, pageSql, [...params, first + 1, ...countParams, viewer.id]);
  const count = first_!.total_count;
  const rows = first_!.id === null ? [] : [first_!, ...rest];
  return pageOf(rows, first, record, cursorOf, count);
}

/** What a comment's view needs; a ProposalComment entity (author populated) has this shape too. */
export interface CommentRecord {
  id: string;
  body: string;
  createdAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  author: { id: string; displayName: string; roles: string[] };
}

/** A page of a proposal's comments, oldest first, and their total: one prepared statement. */
export async function listComments(
  em: EntityManager,
  viewer: ViewerContext,
  proposalId: string,
  showHidden: boolean,
  first: number,
  afterId: string | null,
): Promise<{ rows: CommentRecord[]; total: number }> {
  const where = 'c.community_id = ? and c.proposal_id = ? and (?::boolean or c.hidden_at is null)';
  const rows = await readRows<{
    total_count: number;
    id: string | null;
    body: string;
    created_at: string;
    hidden_at: string | null;
    hidden_reason: string | null;
    author_id: string;
    author_name: string;
    author_roles: string[];
  }>(
    em,
    `with total as (select count(*)::int as n from proposal_comment c where ${where})
     select total.n as total_count, r.* from total left join (
       select c.id, c.body, c.created_at, c.hidden_at, c.hidden_reason, a.id as author_id, a.display_name as author_name, a.roles as author_roles
         from proposal_comment c join person a on a.id = c.author_id
        where ${where} and (?::bigint is null or c.id > ?::bigint)
        order by c.id limit ?) r on true
     order by r.id`,
    [viewer.communityId, proposalId, showHidden, viewer.communityId, proposalId, showHidden, afterId, afterId, first + 1],
  );
  return {
    total: rows[0]!.total_count,
    rows: rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: r.id!,
        body: r.body,
        createdAt: new Date(r.created_at),
        hiddenAt: r.hidden_at === null ? null : new Date(r.hidden_at),
        hiddenReason: r.hidden_reason,
        author: { id: r.author_id, displayName: r.author_name, roles: r.author_roles },
      })),
  };
}

/** A proposal's public history, oldest first: one prepared statement. */
export async function proposalHistory(em: EntityManager, viewer: ViewerContext, proposalId: string) {
  const rows = await readRows<{
    id: string;
    at: string;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    reason: string | null;
    actor_name: string | null;
    other_proposal_id: string | null;
  }>(
    em,
    `select e.id, e.at, e.kind, e.from_status, e.to_status, e.reason, a.display_name as actor_name, e.other_proposal_id
       from proposal_event e left join person a on a.id = e.actor_id
      where e.community_id = ? and e.proposal_id = ? order by e.id`,
    [viewer.communityId, proposalId],
  );
  return rows.map((e) => ({
    id: e.id,
    at: new Date(e.at),
    kind: e.kind as ProposalEventKind,
    fromStatus: e.from_status as ProposalStatus | null,
    toStatus: e.to_status as ProposalStatus | null,
    reason: e.reason,
    actorName: e.actor_name,
    otherProposalId: e.other_proposal_id,
  }));
}
