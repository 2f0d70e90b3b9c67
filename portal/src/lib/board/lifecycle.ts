import type { ProposalStatus } from '@cocreate/schema';

/**
 * The charter's lifecycle, as the stepper draws it:
 * 征集支持 → 委员会审议 → 采纳/不采纳 → 实施中 → 已实施 → 已奖励.
 */
export const LIFECYCLE = ['open', 'review', 'verdict', 'inProgress', 'implemented', 'rewarded'] as const;
export type LifecycleStep = (typeof LIFECYCLE)[number];

/** done · current · upcoming · stopped (declined here) · skipped (never reached after a decline). */
export type LifecycleState = 'done' | 'current' | 'upcoming' | 'stopped' | 'skipped';

export interface LifecycleView {
  step: LifecycleStep;
  state: LifecycleState;
  /** The verdict step reads 采纳 / 不采纳 once decided, 采纳/不采纳 before. */
  verdict?: 'pending' | 'accepted' | 'declined';
}

const POSITION: Record<ProposalStatus, number> = {
  OPEN: 0,
  UNDER_REVIEW: 1,
  ACCEPTED: 2,
  DECLINED: 2,
  IN_PROGRESS: 3,
  IMPLEMENTED: 4,
  REWARDED: 5,
};

export function lifecycleOf(status: ProposalStatus): LifecycleView[] {
  const at = POSITION[status];
  const verdict = at < 2 ? 'pending' : status === 'DECLINED' ? 'declined' : 'accepted';
  return LIFECYCLE.map((step, index): LifecycleView => {
    let state: LifecycleState;
    if (status === 'DECLINED') state = index < at ? 'done' : index === at ? 'stopped' : 'skipped';
    else if (status === 'REWARDED') state = 'done';
    else state = index < at ? 'done' : index === at ? 'current' : 'upcoming';
    return step === 'verdict' ? { step, state, verdict } : { step, state };
  });
}
