import type { BallotChoice, DecisionMatter, ProposalCategory, ProposalOrder, ProposalStatus } from '@cocreate/schema';
import type { IconName } from '$lib/components/icons';
import type { Tone } from '$lib/tickets/flow';

/** In the charter's order: service, facilities, safety, environment, community life, efficiency. */
export const CATEGORIES: readonly ProposalCategory[] = ['SERVICE', 'FACILITIES', 'SAFETY', 'ENVIRONMENT', 'COMMUNITY', 'EFFICIENCY'];

export const CATEGORY_ICON: Record<ProposalCategory, IconName> = {
  SERVICE: 'headset',
  FACILITIES: 'building',
  SAFETY: 'shield',
  ENVIRONMENT: 'leaf',
  COMMUNITY: 'users',
  EFFICIENCY: 'coins',
};

/** In lifecycle order. */
export const STATUSES: readonly ProposalStatus[] = ['OPEN', 'UNDER_REVIEW', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'IMPLEMENTED', 'REWARDED'];

export const STATUS_LOOK: Record<ProposalStatus, { tone: Tone; icon: IconName }> = {
  OPEN: { tone: 'info', icon: 'megaphone' },
  UNDER_REVIEW: { tone: 'attention', icon: 'hourglass' },
  ACCEPTED: { tone: 'success', icon: 'checkCircle' },
  DECLINED: { tone: 'danger', icon: 'xCircle' },
  IN_PROGRESS: { tone: 'info', icon: 'wrench' },
  IMPLEMENTED: { tone: 'success', icon: 'flag' },
  REWARDED: { tone: 'success', icon: 'award' },
};

export const ORDERS: readonly ProposalOrder[] = ['HOT', 'NEW', 'TOP'];

export const ORDER_ICON: Record<ProposalOrder, IconName> = {
  HOT: 'flame',
  NEW: 'sparkle',
  TOP: 'thumbsUp',
};

export const CHOICES: readonly BallotChoice[] = ['FOR', 'AGAINST', 'ABSTAIN'];

export const CHOICE_ICON: Record<BallotChoice, IconName> = {
  FOR: 'checkCircle',
  AGAINST: 'xCircle',
  ABSTAIN: 'minusCircle',
};

export const MATTERS: readonly DecisionMatter[] = ['ORDINARY', 'SPECIAL'];
