import type { ReviewAction, ReviewFieldsFragment } from '@cocreate/schema';

export type Review = ReviewFieldsFragment;
export type Objection = Review['objections'][number];

/**
 * Where a review stands for the people looking at it: being scored · in its public notice ·
 * notice over but not final yet (an objection unanswered, or nobody published it) · final.
 */
export type Phase = 'scoring' | 'notice' | 'noticeOver' | 'final';

export function phaseOf(review: Pick<Review, 'status' | 'noticeEndsAt'>, now: number): Phase {
  switch (review.status) {
    case 'SCORING':
      return 'scoring';
    case 'FINAL':
      return 'final';
    case 'NOTICE':
      return review.noticeEndsAt && now < Date.parse(review.noticeEndsAt) ? 'notice' : 'noticeOver';
  }
}

export const openObjections = (review: Pick<Review, 'objections'>): Objection[] => review.objections.filter((o) => !o.answeredAt);

/** Whether the API offers the viewer this action on the review now. */
export const offers = (review: Pick<Review, 'availableActions'>, action: ReviewAction) => review.availableActions.includes(action);

/** The viewer's seat on this review's panel. */
export type Seat = { kind: 'eligible'; hasScored: boolean } | { kind: 'recused'; reason: string } | { kind: 'none' };

export function seatOf(review: Pick<Review, 'eligibleReviewers' | 'recusals'>, viewer: { id: string; displayName: string }): Seat {
  const eligible = review.eligibleReviewers.find((r) => r.id === viewer.id);
  if (eligible) return { kind: 'eligible', hasScored: eligible.hasScored };
  const recusal = review.recusals.find((r) => r.reviewerName === viewer.displayName);
  return recusal ? { kind: 'recused', reason: recusal.reason } : { kind: 'none' };
}

export function scoredCount(review: Pick<Review, 'eligibleReviewers'>): number {
  return review.eligibleReviewers.filter((r) => r.hasScored).length;
}

/** AUTHOR and HOUSEHOLD are the automatic recusals; anything else is the member's own words. */
export function recusalCode(reason: string): 'AUTHOR' | 'HOUSEHOLD' | null {
  return reason === 'AUTHOR' || reason === 'HOUSEHOLD' ? reason : null;
}

/** Two decimals, the way scores are published. */
export const scoreText = (value: number) => value.toFixed(2);

/** A weight as a percentage: 0.3 → "30%", 0.125 → "12.5%". */
export const weightText = (weight: number) => `${Math.round(weight * 10_000) / 100}%`;

/** The committee and admins run reviews. */
export const isCommitteeRole = (roles: readonly string[]) => roles.includes('COMMITTEE') || roles.includes('ADMIN');
