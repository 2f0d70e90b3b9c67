// Read side of reviews: the lists the resolvers serve, one query each.
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loader, type RequestScope } from '../shared/request-scope.js';
import { ReviewStatus } from './review.enums.js';
import { Objection, Review, RewardLedgerEntry } from './review.entity.js';
import type { TierAwardView } from './review.types.js';

/** Reviews still being scored (the committee workspace), newest first. */
export function reviewsToScore(em: EntityManager, communityId: string) {
  return em.find(
    Review,
    { community: communityId, status: ReviewStatus.SCORING },
    { populate: ['proposal', 'recipient'], orderBy: { openedAt: 'desc' }, limit: 100 },
  );
}

/** Published outcomes (in notice or final), newest first, keyset on (finalizedAt, id). */
export async function publishedOutcomes(em: EntityManager, communityId: string, size: number, cursor: [string, string] | null) {
  const where = { community: communityId, status: { $in: [ReviewStatus.NOTICE, ReviewStatus.FINAL] } };
  const [rows, total] = await Promise.all([
    em.find(
      Review,
      cursor ? { ...where, $or: [{ finalizedAt: { $lt: new Date(cursor[0]) } }, { finalizedAt: new Date(cursor[0]), id: { $lt: cursor[1] } }] } : where,
      { populate: ['proposal', 'recipient'], orderBy: { finalizedAt: 'desc', id: 'desc' }, limit: size + 1 },
    ),
    em.count(Review, where),
  ]);
  return { rows, total };
}

/** The tier awarded, with its English from the review's own tiers (the one the score reached is among them). */
export function awarded(r: Review): TierAwardView | null {
  if (r.tierName === null || r.tierPoints === null) return null;
  const tier = r.tiers.find((t) => t.name === r.tierName);
  return { name: r.tierName, nameEn: tier?.nameEn ?? null, points: r.tierPoints };
}

/** The tier each proposal was rewarded with (its final review's), or null; one query for all of them. */
export async function rewardsOf(em: EntityManager, proposalIds: readonly string[]): Promise<(TierAwardView | null)[]> {
  const rows = await em.find(
    Review,
    { proposal: { $in: [...proposalIds] }, status: ReviewStatus.FINAL, tierName: { $ne: null } },
    { orderBy: { finalAt: 'desc' } },
  );
  return proposalIds.map((id) => {
    const review = rows.find((r) => r.proposal.id === id);
    return review ? awarded(review) : null;
  });
}

/** One person's reward ledger, newest first. */
export function ledgerOf(em: EntityManager, personId: string) {
  return em.find(RewardLedgerEntry, { person: personId }, { populate: ['review.proposal'], orderBy: { at: 'desc' } });
}

/** A review's objections, oldest first; one query for every review of the request. */
export function objectionsOf(ctx: RequestScope, reviewId: string): Promise<Objection[]> {
  return loader(
    ctx,
    'reviewObjections',
    () =>
      new DataLoader<string, Objection[]>(async (ids) => {
        const rows = await ctx.em.find(Objection, { review: { $in: [...ids] } }, { populate: ['author', 'answeredBy'], orderBy: { createdAt: 'asc' } });
        return ids.map((id) => rows.filter((o) => o.review.id === id));
      }),
  ).load(reviewId);
}
