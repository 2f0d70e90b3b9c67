// The one mapper from a review as read to the review as GraphQL shows it.
import { proposalNumber } from '../proposals/proposal.service.js';
import { ReviewStatus } from './review.enums.js';
import { awarded, type ObjectionRecord, type ReviewRecord } from './review.queries.js';
import { basisPoints, displayScore, hundredths } from './review.rules.js';
import type { ObjectionView, ReviewView } from './review.types.js';

export function reviewView(r: ReviewRecord, now: Date): ReviewView {
  const score = r.scoreNum && r.scoreDen ? Number(displayScore({ num: BigInt(r.scoreNum), den: BigInt(r.scoreDen) })) : null;
  return {
    id: r.id,
    status: r.status,
    round: r.round,
    openedAt: r.openedAt,
    scoringClosesAt: r.scoringClosesAt,
    minReviewers: r.minReviewers,
    proposal: { id: r.proposal.id, number: proposalNumber(r.proposal.seq), title: r.proposal.title },
    recipientName: r.recipientName,
    rubric: { criteria: r.criteria.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn ?? null, weight: Number(basisPoints(c.weight)) / 10_000 })) },
    tiers: r.tiers.map((t) => ({ name: t.name, nameEn: t.nameEn ?? null, minScore: Number(hundredths(t.minScore)) / 100, points: t.points })),
    finalScore: score,
    tier: awarded(r),
    finalizedAt: r.finalizedAt,
    noticeEndsAt: r.noticeEndsAt,
    finalAt: r.finalAt,
    communityId: r.communityId,
    criteria: r.criteria,
    scoringOpen: r.status === ReviewStatus.SCORING && now <= r.scoringClosesAt,
  };
}

export function objectionView(o: ObjectionRecord): ObjectionView {
  const { reviewId: _reviewId, ...view } = o;
  return view;
}
