// The board's rules: lifecycle, who may move a proposal, when supports count. No I/O.
import { Role } from '../community/community.enums.js';
import { ProposalStatus } from './proposal.enums.js';
import type { ErrorReason } from '../shared/reasons.js';

const { OPEN, UNDER_REVIEW, ACCEPTED, DECLINED, IN_PROGRESS, IMPLEMENTED, REWARDED } = ProposalStatus;

/** Moves the committee may make by hand. REWARDED comes only from a final review outcome. */
export const ADVANCES: Record<ProposalStatus, readonly ProposalStatus[]> = {
  OPEN: [UNDER_REVIEW],
  UNDER_REVIEW: [ACCEPTED, DECLINED],
  ACCEPTED: [IN_PROGRESS],
  DECLINED: [],
  IN_PROGRESS: [IMPLEMENTED],
  IMPLEMENTED: [],
  REWARDED: [],
};

export const COMMITTEE_ROLES: readonly Role[] = [Role.COMMITTEE, Role.ADMIN];
export const STAFF_ROLES: readonly Role[] = [Role.STAFF, Role.CUSTOMER_SERVICE, Role.ADMIN];

export type AdvanceDecision =
  | { ok: true }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'BAD_USER_INPUT'; reason: ErrorReason; field?: string; message: string };

export function decideAdvance(roles: readonly Role[], from: ProposalStatus, to: ProposalStatus, reason: string | null): AdvanceDecision {
  if (!roles.some((r) => COMMITTEE_ROLES.includes(r))) {
    return { ok: false, code: 'FORBIDDEN', reason: 'COMMITTEE_ONLY', message: 'Only the committee or an admin can move a proposal on.' };
  }
  if (to === REWARDED) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'REWARD_BY_REVIEW_ONLY', message: 'A proposal becomes REWARDED only through a final review outcome.' };
  }
  if (!ADVANCES[from].includes(to)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'PROPOSAL_STATUS', message: `A proposal cannot go from ${from} to ${to}.` };
  }
  if (to === DECLINED && !reason?.trim()) {
    return { ok: false, code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED', field: 'reason', message: 'a public reason is required when declining a proposal' };
  }
  return { ok: true };
}

/** Supports are for owners, while the proposal is still being considered or carried out. */
export function canSupport(roles: readonly Role[], status: ProposalStatus, merged: boolean): AdvanceDecision {
  if (!roles.includes(Role.OWNER)) return { ok: false, code: 'FORBIDDEN', reason: 'OWNERS_ONLY', message: 'Only owners support proposals.' };
  if (merged) return { ok: false, code: 'INVALID_TRANSITION', reason: 'PROPOSAL_MERGED', message: 'This proposal was merged into another; support that one.' };
  if (![OPEN, UNDER_REVIEW, ACCEPTED, IN_PROGRESS].includes(status)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'SUPPORTS_CLOSED', message: `Supports are closed once a proposal is ${status}.` };
  }
  return { ok: true };
}

/** Reaching the community's threshold sends an open proposal to review by itself. */
export function reachesThreshold(status: ProposalStatus, supportCount: number, threshold: number): boolean {
  return status === OPEN && threshold > 0 && supportCount >= threshold;
}

export const isStaffAuthor = (roles: readonly Role[]) => roles.some((r) => STAFF_ROLES.includes(r));

/** Statuses in which the committee may put the matter to a formal owners' vote. */
export const DECIDABLE: readonly ProposalStatus[] = [UNDER_REVIEW, ACCEPTED, IN_PROGRESS];

/**
 * HOT ranking: supports (and half-weighted comments) decaying with age, like a news board, so a
 * new idea with early support can rise above an old one. Computed against one reference time for
 * a whole paging session so that cursors stay stable.
 */
export const HOT_SQL = `((p.support_count + 0.5 * p.comment_count + 1)::float8 / power(greatest(extract(epoch from (?::timestamptz - p.created_at))::float8 / 3600, 0) + 2, 1.5))`;

export function hotScore(supports: number, comments: number, ageHours: number): number {
  return (supports + 0.5 * comments + 1) / Math.pow(Math.max(ageHours, 0) + 2, 1.5);
}
