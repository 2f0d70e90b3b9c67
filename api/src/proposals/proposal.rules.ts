// The board's rules: lifecycle, who may move a proposal, when supports count. No I/O.
import { Role } from '../community/community.enums.js';
import { ProposalAction, ProposalStatus } from './proposal.enums.js';
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
  { ok: true } | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'BAD_USER_INPUT'; reason: ErrorReason; field?: string; message: string };

export function decideAdvance(roles: readonly Role[], from: ProposalStatus, to: ProposalStatus, reason: string | null): AdvanceDecision {
  if (!roles.some((r) => COMMITTEE_ROLES.includes(r))) {
    return { ok: false, code: 'FORBIDDEN', reason: 'COMMITTEE_ONLY', message: 'Only the committee or an admin can move a proposal on.' };
  }
  if (to === REWARDED) {
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: 'REWARD_BY_REVIEW_ONLY',
      message: 'A proposal becomes REWARDED only through a final review outcome.',
    };
  }
  if (!ADVANCES[from].includes(to)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'PROPOSAL_STATUS', message: `A proposal cannot go from ${from} to ${to}.` };
  }
  if (REASON_REQUIRED.includes(to) && !reason?.trim()) {
    return { ok: false, code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED', field: 'reason', message: 'a public reason is required when declining a proposal' };
  }
  return { ok: true };
}

/** Supports are for owners, while the proposal is still being considered or carried out. */
/** The statuses in which owners may still support a proposal. */
export const SUPPORTABLE: readonly ProposalStatus[] = [OPEN, UNDER_REVIEW, ACCEPTED, IN_PROGRESS];

/** Whether the proposal still takes supports (from owners), whoever looks: never a merged duplicate. */
export const supportsOpen = (status: ProposalStatus, merged: boolean) => !merged && SUPPORTABLE.includes(status);

export function canSupport(roles: readonly Role[], status: ProposalStatus, merged: boolean): AdvanceDecision {
  if (!roles.includes(Role.OWNER)) return { ok: false, code: 'FORBIDDEN', reason: 'OWNERS_ONLY', message: 'Only owners support proposals.' };
  if (merged) return { ok: false, code: 'INVALID_TRANSITION', reason: 'PROPOSAL_MERGED', message: 'This proposal was merged into another; support that one.' };
  if (!supportsOpen(status, merged)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'SUPPORTS_CLOSED', message: `Supports are closed once a proposal is ${status}.` };
  }
  return { ok: true };
}

/** Reaching the community's threshold sends an open proposal to review by itself. */
export function reachesThreshold(status: ProposalStatus, supportCount: number, threshold: number): boolean {
  return status === OPEN && threshold > 0 && supportCount >= threshold;
}

/** Moves to these statuses need a public reason (a decline says why). */
export const REASON_REQUIRED: readonly ProposalStatus[] = [DECLINED];

/** The moves this viewer may make by hand now (advanceProposal): none but the committee's, none on a merged duplicate. */
export function advanceTargets(roles: readonly Role[], status: ProposalStatus, merged: boolean): ProposalStatus[] {
  if (merged || !roles.some((r) => COMMITTEE_ROLES.includes(r))) return [];
  return [...ADVANCES[status]];
}

/**
 * What this viewer may do to the proposal now, by the same rules the commands apply: the portal
 * offers exactly these. An owners' vote already running (decisions' own check) still refuses openDecision.
 */
export function availableActions(roles: readonly Role[], p: { status: ProposalStatus; merged: boolean; viewerHasSupported: boolean }): ProposalAction[] {
  const committee = roles.some((r) => COMMITTEE_ROLES.includes(r));
  const supports = canSupport(roles, p.status, p.merged).ok;
  const actions: [ProposalAction, boolean][] = [
    [ProposalAction.supportProposal, supports && !p.viewerHasSupported],
    [ProposalAction.withdrawSupport, supports && p.viewerHasSupported],
    [ProposalAction.commentOnProposal, true],
    [ProposalAction.advanceProposal, advanceTargets(roles, p.status, p.merged).length > 0],
    [ProposalAction.mergeProposal, committee && !p.merged],
    [ProposalAction.openDecision, committee && !p.merged && DECIDABLE.includes(p.status)],
    [ProposalAction.hideComment, committee],
    [ProposalAction.closeDecision, committee],
  ];
  return actions.filter(([, allowed]) => allowed).map(([action]) => action);
}

export const isStaffAuthor = (roles: readonly Role[]) => roles.some((r) => STAFF_ROLES.includes(r));

/** Statuses in which the committee may put the matter to a formal owners' vote. */
export const DECIDABLE: readonly ProposalStatus[] = [UNDER_REVIEW, ACCEPTED, IN_PROGRESS];

/**
 * HOT ranking, stored (proposal.hot_rank) and read by index, so it must not depend on the time of
 * the request: instead of old proposals decaying, newer ones get a head start. Reddit's "hot":
 * log10 of the engagement plus the creation time in units of 45,000 s (12.5 h), i.e. ten times the
 * engagement is worth being 12.5 h newer. Two proposals keep their order as time passes; only
 * supports and comments move a proposal, and only under its row lock (a generated column, so
 * PostgreSQL recomputes it in the very UPDATE that moves a count).
 *
 * Engagement is supports plus half the visible comments, as before; 1 + … so the first support
 * counts and there is no sign (supports are never negative; Reddit's max(|s|,1) would make 0 and 1
 * equal).
 *
 * Compared with the old decaying score, (s + c/2 + 1) / (age_h + 2)^1.5: on the first page (the
 * last day or two) both put a new proposal with a few supports above an older one with a few more
 * — the old score by 25x between 1 h and 24 h, this one by 69x per 23 h — and rank proposals of the
 * same age by supports. Between proposals weeks apart the old score's decay flattened out, so it
 * drifted back towards "most supported"; this one keeps them in order of age unless one has
 * 10x the engagement per 12.5 h of age (TOP is the order for "most supported of all time").
 */
export const HOT_SECONDS_PER_DECADE = 45_000;

/** The same formula as the SQL function proposal_hot_rank (migration 20261204130000_proposal_hot_rank). */
export function hotRank(supports: number, comments: number, createdAt: Date): number {
  return Math.log10(1 + supports + comments * 0.5) + createdAt.getTime() / 1000 / HOT_SECONDS_PER_DECADE;
}
