// Read side of reviews: purpose-built SQL, rows shaped for the views, no hydration. A list costs the
// same statements for one review as for many: what a field asks per review is read for all of them.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readRows } from '../db/read.js';
import { loader, type RequestScope } from '../shared/request-scope.js';
import { ReviewStatus } from './review.enums.js';
import type { Criterion, Tier } from './review.rules.js';

/** A review as its views read it: its own columns, its proposal's number and title, its recipient's name. */
export interface ReviewRecord {
  id: string;
  communityId: string;
  status: ReviewStatus;
  round: number;
  openedAt: Date;
  scoringClosesAt: Date;
  minReviewers: number;
  criteria: Criterion[];
  tiers: Tier[];
  scoreNum: string | null;
  scoreDen: string | null;
  tierName: string | null;
  tierPoints: number | null;
  finalizedAt: Date | null;
  noticeEndsAt: Date | null;
  finalAt: Date | null;
  proposal: { id: string; seq: number; title: string };
  recipientName: string;
}

type Timestamps = 'openedAt' | 'scoringClosesAt' | 'finalizedAt' | 'noticeEndsAt' | 'finalAt';
type Row = Omit<ReviewRecord, Timestamps | 'proposal'> & Record<Timestamps, string | null> & { proposalId: string; seq: number; title: string };

const at = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

const REVIEW = `select r.id, r.community_id as "communityId", r.status, r.round, r.opened_at as "openedAt", r.scoring_closes_at as "scoringClosesAt",
    r.min_reviewers as "minReviewers", r.criteria, r.tiers, r.score_num as "scoreNum", r.score_den as "scoreDen", r.tier_name as "tierName",
    r.tier_points as "tierPoints", r.finalized_at as "finalizedAt", r.notice_ends_at as "noticeEndsAt", r.final_at as "finalAt",
    p.id as "proposalId", p.seq, p.title, rp.display_name as "recipientName"
  from review r join proposal p on p.id = r.proposal_id join person rp on rp.id = r.recipient_id`;

function record({ proposalId, seq, title, ...r }: Row): ReviewRecord {
  return {
    ...r,
    openedAt: at(r.openedAt)!,
    scoringClosesAt: at(r.scoringClosesAt)!,
    finalizedAt: at(r.finalizedAt),
    noticeEndsAt: at(r.noticeEndsAt),
    finalAt: at(r.finalAt),
    proposal: { id: proposalId, seq, title },
  };
}

/** One review of the community, or null. */
export async function readReview(em: EntityManager, communityId: string, id: string): Promise<ReviewRecord | null> {
  const [row] = await readRows<Row>(em, `${REVIEW} where r.id = ? and r.community_id = ?`, [id, communityId]);
  return row ? record(row) : null;
}

/** Reviews still being scored (the committee workspace), newest first. */
export async function reviewsToScore(em: EntityManager, communityId: string): Promise<ReviewRecord[]> {
  const rows = await readRows<Row>(em, `${REVIEW} where r.community_id = ? and r.status = ? order by r.opened_at desc, r.id desc limit 100`, [
    communityId,
    ReviewStatus.SCORING,
  ]);
  return rows.map(record);
}

/** Published outcomes (in notice or final), newest first, keyset on (finalizedAt, id); the page and the total in one statement. */
export async function publishedOutcomes(em: EntityManager, communityId: string, size: number, cursor: [string, string] | null) {
  const published = [ReviewStatus.NOTICE, ReviewStatus.FINAL];
  const rows = await readRows<Row & { total: number }>(
    em,
    `with page as materialized (
       select r.id from review r where r.community_id = ? and r.status = any(?)
          and (?::timestamptz is null or (r.finalized_at, r.id) < (?::timestamptz, ?::uuid))
        order by r.finalized_at desc, r.id desc limit ?)
     select q.*, (select count(*)::int from review where community_id = ? and status = any(?)) as total
       from (${REVIEW} join page on page.id = r.id) q order by q."finalizedAt" desc, q.id desc`,
    [communityId, published, cursor?.[0] ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null, size + 1, communityId, published],
  );
  return { rows: rows.map(({ total: _total, ...row }) => record(row)), total: rows[0]?.total ?? (await countPublished(em, communityId)) };
}

async function countPublished(em: EntityManager, communityId: string): Promise<number> {
  const [row] = await readRows<{ n: number }>(em, `select count(*)::int as n from review where community_id = ? and status = any(?)`, [
    communityId,
    [ReviewStatus.NOTICE, ReviewStatus.FINAL],
  ]);
  return row?.n ?? 0;
}

/** A committee member on a review's panel: eligible, or recused (automatically or by declaration). */
export interface PanelistRecord {
  personId: string;
  displayName: string;
  recusalReason: string | null;
  recusedAutomatically: boolean;
}

/** A reviewer's sheet: whole scores 0–10 by criterion id. */
export interface SheetRecord {
  reviewerId: string;
  reviewerName: string;
  scores: Record<string, number>;
  comment: string | null;
  round: number;
}

/** The panels and sheets of these reviews, panel by name: one statement however many reviews. */
export async function panelsOf(
  em: EntityManager,
  communityId: string,
  reviewIds: readonly string[],
): Promise<Map<string, { panel: PanelistRecord[]; sheets: SheetRecord[] }>> {
  const rows = await readRows<{ reviewId: string; panel: PanelistRecord[]; sheets: SheetRecord[] }>(
    em,
    `select r.id as "reviewId",
       coalesce((select json_agg(json_build_object('personId', x.person_id, 'displayName', pe.display_name, 'recusalReason', x.recusal_reason,
                  'recusedAutomatically', x.recused_automatically) order by pe.display_name, x.person_id)
                   from review_panelist x join person pe on pe.id = x.person_id where x.review_id = r.id), '[]') as panel,
       coalesce((select json_agg(json_build_object('reviewerId', s.reviewer_id, 'reviewerName', pe.display_name, 'scores', s.scores,
                  'comment', s.comment, 'round', s.round) order by s.submitted_at, s.id)
                   from review_sheet s join person pe on pe.id = s.reviewer_id where s.review_id = r.id), '[]') as sheets
     from review r where r.community_id = ? and r.id = any(?::uuid[])`,
    [communityId, reviewIds],
  );
  return new Map(rows.map((r) => [r.reviewId, { panel: r.panel, sheets: r.sheets }]));
}

/** The tier awarded, with its English from the review's own tiers (the one the score reached is among them). */
export function awarded(r: {
  tierName: string | null;
  tierPoints: number | null;
  tiers: Tier[];
}): { name: string; nameEn: string | null; points: number } | null {
  if (r.tierName === null || r.tierPoints === null) return null;
  const tier = r.tiers.find((t) => t.name === r.tierName);
  return { name: r.tierName, nameEn: tier?.nameEn ?? null, points: r.tierPoints };
}

/** The tier each proposal was rewarded with (its final review's, the latest), or null; one statement for all of them. */
export async function rewardsOf(em: EntityManager, proposalIds: readonly string[]) {
  const rows = await readRows<{ proposalId: string; tierName: string; tierPoints: number; tiers: Tier[] }>(
    em,
    `select distinct on (r.proposal_id) r.proposal_id as "proposalId", r.tier_name as "tierName", r.tier_points as "tierPoints", r.tiers
       from review r where r.proposal_id = any(?::uuid[]) and r.status = ? and r.tier_name is not null
      order by r.proposal_id, r.final_at desc`,
    [proposalIds, ReviewStatus.FINAL],
  );
  return proposalIds.map((id) => {
    const row = rows.find((r) => r.proposalId === id);
    return row ? awarded(row) : null;
  });
}

/** A line of a reward ledger, with what it was for. */
export interface LedgerRecord {
  id: string;
  points: number;
  reason: string;
  at: Date;
  reviewId: string;
  tierName: string | null;
  tierPoints: number | null;
  tiers: Tier[];
  proposal: { id: string; seq: number; title: string };
}

/** One person's reward ledger, newest first. */
export async function ledgerOf(em: EntityManager, communityId: string, personId: string): Promise<LedgerRecord[]> {
  const rows = await readRows<Omit<LedgerRecord, 'at' | 'proposal'> & { at: string; proposalId: string; seq: number; title: string }>(
    em,
    `select e.id, e.points, e.reason, e.at, r.id as "reviewId", r.tier_name as "tierName", r.tier_points as "tierPoints", r.tiers,
            p.id as "proposalId", p.seq, p.title
       from reward_ledger_entry e join review r on r.id = e.review_id join proposal p on p.id = r.proposal_id
      where e.community_id = ? and e.person_id = ? order by e.at desc, e.id desc`,
    [communityId, personId],
  );
  return rows.map(({ proposalId, seq, title, ...e }) => ({ ...e, at: at(e.at)!, proposal: { id: proposalId, seq, title } }));
}

/** An objection with the names it shows. */
export interface ObjectionRecord {
  id: string;
  reviewId: string;
  body: string;
  authorName: string;
  createdAt: Date;
  answer: string | null;
  upheld: boolean | null;
  answeredAt: Date | null;
  answeredByName: string | null;
  round: number;
}

/** Objections, oldest first: those of these reviews, or these objections themselves; one statement. */
export async function readObjections(
  em: EntityManager,
  communityId: string,
  by: { reviewIds: readonly string[] } | { ids: readonly string[] },
): Promise<ObjectionRecord[]> {
  const rows = await readRows<Omit<ObjectionRecord, 'createdAt' | 'answeredAt'> & { createdAt: string; answeredAt: string | null }>(
    em,
    `select o.id, o.review_id as "reviewId", o.body, a.display_name as "authorName", o.created_at as "createdAt", o.answer, o.upheld,
            o.answered_at as "answeredAt", b.display_name as "answeredByName", o.round
       from review_objection o join person a on a.id = o.author_id left join person b on b.id = o.answered_by_id
      where o.community_id = ? and ${'reviewIds' in by ? 'o.review_id' : 'o.id'} = any(?::uuid[]) order by o.created_at, o.id`,
    [communityId, 'reviewIds' in by ? by.reviewIds : by.ids],
  );
  return rows.map((o) => ({ ...o, createdAt: at(o.createdAt)!, answeredAt: at(o.answeredAt) }));
}

/** A review's objections, oldest first; one statement for every review of the request. */
export function objectionsOf(ctx: RequestScope, communityId: string, reviewId: string): Promise<ObjectionRecord[]> {
  return loader(
    ctx,
    'reviewObjections',
    () =>
      new DataLoader<string, ObjectionRecord[]>(async (ids) => {
        const rows = await readObjections(ctx.em, communityId, { reviewIds: ids });
        return ids.map((id) => rows.filter((o) => o.reviewId === id));
      }),
  ).load(reviewId);
}
