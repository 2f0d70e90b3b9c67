import type { BilingualNameFragment, ProposalEventKind, ProposalStatus } from '@cocreate/schema';
import type { IconName } from '$lib/components/icons';
import { t } from '$lib/i18n';
import { localized } from '$lib/i18n/bilingual';
import type { Tone } from '$lib/tickets/flow';
import type { ProposalPage } from './commands';
import { STATUS_LOOK } from './look';

type HistoryEvent = ProposalPage['history'][number];

export const EVENT_LOOK: Record<ProposalEventKind, { tone: Tone; icon: IconName }> = {
  SUBMITTED: { tone: 'info', icon: 'lightbulb' },
  STATUS_CHANGED: { tone: 'info', icon: 'forward' },
  THRESHOLD_REACHED: { tone: 'success', icon: 'thumbsUp' },
  MERGED_IN: { tone: 'neutral', icon: 'merge' },
  MERGED_INTO: { tone: 'attention', icon: 'merge' },
  DECISION_OPENED: { tone: 'info', icon: 'ballot' },
  DECISION_CLOSED: { tone: 'neutral', icon: 'lock' },
  COMMENT_HIDDEN: { tone: 'muted', icon: 'eyeOff' },
};

/** A status change takes the look of the status it reached; a vote's close, of its outcome. */
export function lookOf(event: Pick<HistoryEvent, 'kind' | 'toStatus' | 'reason'>): { tone: Tone; icon: IconName } {
  if (event.kind === 'STATUS_CHANGED' && event.toStatus) return STATUS_LOOK[event.toStatus];
  if (event.kind === 'DECISION_CLOSED') {
    return event.reason === 'APPROVED' ? { tone: 'success', icon: 'checkCircle' } : { tone: 'danger', icon: 'xCircle' };
  }
  return EVENT_LOOK[event.kind];
}

const OUTCOMES = ['APPROVED', 'REJECTED', 'NO_QUORUM'] as const;

export interface EventWords {
  /** Said after the actor's name ("提交了提案"), or the whole line when the system acted. */
  action: string;
  /** The public reason or question, shown as a quote. */
  message: string | null;
}

/**
 * A status change's public reason in the reader's language. A reward's reason is its tier's zh-CN
 * name, written when the outcome became final; the proposal's reward knows the English.
 */
export function statusReason(reason: string | null, toStatus: ProposalStatus | null, reward: BilingualNameFragment | null | undefined): string | null {
  return toStatus === 'REWARDED' && reward && reason === reward.name ? localized(reward) : reason;
}

export function describeEvent(event: Pick<HistoryEvent, 'kind' | 'toStatus' | 'reason'>, reward?: BilingualNameFragment | null): EventWords {
  switch (event.kind) {
    case 'STATUS_CHANGED':
      return {
        action: t('proposal.event.STATUS_CHANGED', { status: statusName(event.toStatus) }),
        message: statusReason(event.reason, event.toStatus, reward),
      };
    case 'THRESHOLD_REACHED':
      return { action: t('proposal.event.THRESHOLD_REACHED', { threshold: event.reason ?? '' }), message: null };
    case 'DECISION_OPENED':
      return { action: t('proposal.event.DECISION_OPENED'), message: event.reason };
    case 'DECISION_CLOSED': {
      const outcome = OUTCOMES.find((o) => o === event.reason) ?? 'REJECTED';
      return { action: t('proposal.event.DECISION_CLOSED', { outcome: t(`decision.outcome.${outcome}`) }), message: null };
    }
    case 'COMMENT_HIDDEN':
      return { action: t('proposal.event.COMMENT_HIDDEN'), message: event.reason };
    default:
      return { action: t(`proposal.event.${event.kind}`), message: null };
  }
}

const statusName = (status: ProposalStatus | null) => (status ? t(`board.status.${status}`) : '');
