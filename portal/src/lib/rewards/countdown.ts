import { t } from '$lib/i18n';

export interface TimeLeft {
  days: number;
  hours: number;
  minutes: number;
  /** The moment has passed. */
  over: boolean;
}

/** Whole days, hours and minutes until `endsAt`, never negative. */
export function timeLeft(endsAt: string, now: number): TimeLeft {
  const ms = Date.parse(endsAt) - now;
  if (!(ms > 0)) return { days: 0, hours: 0, minutes: 0, over: true };
  const totalMinutes = Math.floor(ms / 60_000);
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
    over: false,
  };
}

/** "6 天 3 小时", "2 小时 5 分钟", "12 分钟", "不到 1 分钟": coarser the further away. */
export function leftText(left: TimeLeft): string {
  if (left.days > 0) return left.hours > 0 ? t('rewards.left.daysHours', { days: left.days, hours: left.hours }) : t('rewards.left.days', { days: left.days });
  if (left.hours > 0)
    return left.minutes > 0 ? t('rewards.left.hoursMinutes', { hours: left.hours, minutes: left.minutes }) : t('rewards.left.hours', { hours: left.hours });
  if (left.minutes > 0) return t('rewards.left.minutes', { minutes: left.minutes });
  return t('rewards.left.underMinute');
}

/** How much of a period has passed, 0–1, for a progress picture. */
export function elapsedShare(startsAt: string, endsAt: string, now: number): number {
  const start = Date.parse(startsAt);
  const span = Date.parse(endsAt) - start;
  if (!(span > 0)) return 1;
  return Math.min(Math.max((now - start) / span, 0), 1);
}
