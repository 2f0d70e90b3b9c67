import type { TicketDetailFragment, TicketEventKind } from '@cocreate/schema';
import { t } from '$lib/i18n';
import type { IconName } from '$lib/components/icons';
import type { Tone } from './flow';
import { parseVisit, visitText } from './visit';

type TicketEvent = TicketDetailFragment['events'][number];

/** The marker the API writes on an OPENED event recorded by customer service. */
const RECORDED_FOR_OWNER = 'RECORDED_BY_CUSTOMER_SERVICE';

export const EVENT_LOOK: Record<TicketEventKind, { icon: IconName; tone: Tone }> = {
  OPENED: { icon: 'plus', tone: 'neutral' },
  ANSWERED: { icon: 'chat', tone: 'success' },
  DISPATCHED: { icon: 'forward', tone: 'info' },
  UPDATE: { icon: 'message', tone: 'neutral' },
  SOLUTION_PROPOSED: { icon: 'lightbulb', tone: 'attention' },
  SOLUTION_ACCEPTED: { icon: 'checkCircle', tone: 'success' },
  SOLUTION_REJECTED: { icon: 'xCircle', tone: 'danger' },
  RESOLVED: { icon: 'check', tone: 'success' },
  RETURN_VISIT: { icon: 'star', tone: 'success' },
  SLA_MISSED: { icon: 'alert', tone: 'danger' },
  ESCALATED: { icon: 'flag', tone: 'danger' },
  CANCELLED: { icon: 'minusCircle', tone: 'neutral' },
  URGED: { icon: 'megaphone', tone: 'attention' },
  REOPENED: { icon: 'alert', tone: 'danger' },
  ASSIGNED: { icon: 'user', tone: 'info' },
  FOLLOWED_UP: { icon: 'checkCircle', tone: 'success' },
  ME_TOO: { icon: 'users', tone: 'info' },
  VISIT_PREFERRED: { icon: 'clock', tone: 'neutral' },
};

/** What happened, in words ("提出第 2 轮解决方案"), and the text that came with it, if any. */
export function describeEvent(event: TicketEvent): { action: string; message: string | null } {
  const round = event.round ?? 1;
  switch (event.kind) {
    case 'OPENED':
      return event.message === RECORDED_FOR_OWNER ? { action: t('event.OPENED.onBehalf'), message: null } : { action: t('event.OPENED'), message: null };
    case 'DISPATCHED':
      return {
        action: t('event.DISPATCHED', {
          department: event.department ? t(`department.${event.department}`) : '—',
          urgency: event.urgency ? t(`urgency.${event.urgency}`) : '—',
        }),
        message: event.message ? t('event.DISPATCHED.category', { category: event.message }) : null,
      };
    case 'UPDATE':
      return { action: t(event.internal ? 'event.UPDATE.internal' : 'event.UPDATE'), message: event.message };
    case 'SOLUTION_PROPOSED':
    case 'SOLUTION_ACCEPTED':
    case 'SOLUTION_REJECTED':
      return { action: t(`event.${event.kind}`, { round }), message: event.message };
    case 'RETURN_VISIT':
      // The API keeps the rating in `round` for this event.
      return { action: t('event.RETURN_VISIT', { rating: event.round ?? '—' }), message: event.message };
    case 'SLA_MISSED':
      return { action: t('event.SLA_MISSED', { clock: event.clock ? t(`sla.clock.${event.clock}`) : '—' }), message: null };
    case 'ESCALATED':
      return {
        action: t('event.ESCALATED', { level: event.round === 2 ? t('escalation.2') : t('escalation.1') }),
        message: null,
      };
    case 'CANCELLED':
      return { action: t('event.CANCELLED'), message: event.message };
    case 'URGED':
      return { action: t('event.URGED', { count: round }), message: null };
    case 'REOPENED':
      // No actor: a 1–2 star return visit opened the follow-up by itself.
      return { action: t(event.actorName ? 'event.REOPENED' : 'event.REOPENED.followUp'), message: event.message };
    case 'ASSIGNED':
      return { action: t('event.ASSIGNED', { name: event.assigneeName ?? '—' }), message: null };
    case 'FOLLOWED_UP':
      // The rating that opened the follow-up is in `round`.
      return { action: t('event.FOLLOWED_UP', { rating: event.round ?? '—' }), message: event.message };
    case 'ME_TOO':
      // The count after this one joined is in `round`.
      return { action: t('event.ME_TOO', { count: round }), message: null };
    case 'VISIT_PREFERRED': {
      const visit = parseVisit(event.message);
      return { action: t('event.VISIT_PREFERRED', { when: visit ? visitText(visit) : '—' }), message: null };
    }
    case 'ANSWERED':
    case 'RESOLVED':
      return { action: t(`event.${event.kind}`), message: event.message };
  }
}
