// Who may do what with a review, from the rules and the viewer.
import type { ViewerContext } from '../community/viewer.js';
import { COMMITTEE_ROLES } from '../proposals/proposal.rules.js';
import type { ReviewFacts, ReviewViewer, Seat } from './review.rules.js';

/** The committee and admins run reviews. */
export const isCommittee = (viewer: Pick<ViewerContext, 'roles'>): boolean => viewer.roles.some((r) => COMMITTEE_ROLES.includes(r));

/** The viewer's seat on a review's panel (its panelists, each with their recusal if any). */
export function seatOn(viewerId: string, panel: readonly { personId: string; recusalReason: string | null }[]): Seat {
  const seat = panel.find((p) => p.personId === viewerId);
  return !seat ? 'NONE' : seat.recusalReason ? 'RECUSED' : 'ELIGIBLE';
}

export const reviewViewer = (viewer: Pick<ViewerContext, 'id' | 'roles'>, panel: Parameters<typeof seatOn>[1]): ReviewViewer => ({
  committee: isCommittee(viewer),
  seat: seatOn(viewer.id, panel),
});

type Tally = Pick<ReviewFacts, 'eligible' | 'scored' | 'openObjections'>;

/** A review (entity or row) and its tally as the rules read them. */
export const reviewFacts = (review: Omit<ReviewFacts, keyof Tally>, tally: Tally): ReviewFacts => ({
  status: review.status,
  scoringClosesAt: review.scoringClosesAt,
  noticeEndsAt: review.noticeEndsAt,
  minReviewers: review.minReviewers,
  ...tally,
});
