import type { ProposalCardFragment } from '@cocreate/schema';
import { t } from '$lib/i18n';

/** What a card says about the proposal's latest owners' vote, if it has one. */
export type CardVote = { phase: 'open'; closesAt: string } | { phase: 'counting' } | { phase: 'closed'; approved: boolean };

export function cardVote(decision: ProposalCardFragment['decision'], now: number): CardVote | null {
  if (!decision) return null;
  if (decision.status === 'CLOSED' && decision.result) return { phase: 'closed', approved: decision.result.approved };
  if (decision.status === 'CLOSED' || Date.parse(decision.closesAt) <= now) return { phase: 'counting' };
  return { phase: 'open', closesAt: decision.closesAt };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "还剩 2 天", "还剩 5 小时", "还剩 12 分钟": one unit, whole days from a day on, hours under a day. */
export function voteLeftText(closesAt: string, now: number): string {
  const ms = Math.max(Date.parse(closesAt) - now, 0);
  if (ms >= DAY) {
    const days = Math.floor(ms / DAY);
    return days === 1 ? t('board.vote.leftDay') : t('board.vote.leftDays', { days });
  }
  if (ms >= HOUR) {
    const hours = Math.floor(ms / HOUR);
    return hours === 1 ? t('board.vote.leftHour') : t('board.vote.leftHours', { hours });
  }
  const minutes = Math.max(Math.floor(ms / MINUTE), 1);
  return minutes === 1 ? t('board.vote.leftMinute') : t('board.vote.leftMinutes', { minutes });
}
