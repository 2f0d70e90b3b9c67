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

/** Civil Code art. 278 ¶1's nine items, in the article's order. */
export const ARTICLE_278_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Article278Item = (typeof ARTICLE_278_ITEMS)[number];

/**
 * Which kind each item is, to label the choices before the vote exists (¶2: items 6–8 need three
 * quarters, every other item — item 5, using the fund, included — a simple majority). The API
 * derives the matter itself from the item it is sent; this table only draws the picker.
 */
export const ITEM_MATTER: Record<Article278Item, DecisionMatter> = {
  1: 'ORDINARY',
  2: 'ORDINARY',
  3: 'ORDINARY',
  4: 'ORDINARY',
  5: 'ORDINARY',
  6: 'SPECIAL',
  7: 'SPECIAL',
  8: 'SPECIAL',
  9: 'ORDINARY',
};
