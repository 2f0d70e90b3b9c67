import { formatDate, getLocale, t } from '$lib/i18n';
import { splitDuration } from './clocks';

/** "2 天 3 小时", "3 小时 5 分钟", "12 分 05 秒": coarser the further away. */
export function durationText(ms: number): string {
  const { days, hours, minutes, seconds } = splitDuration(ms);
  if (days > 0) return hours > 0 ? t('duration.daysHours', { days, hours }) : t('duration.days', { days });
  if (hours > 0) return minutes > 0 ? t('duration.hoursMinutes', { hours, minutes }) : t('duration.hours', { hours });
  if (minutes > 0) return t('duration.minutesSeconds', { minutes, seconds: String(seconds).padStart(2, '0') });
  return t('duration.seconds', { seconds });
}

/** A policy span in the largest whole unit: "15 分钟", "4 小时", "7 天". */
export function spanText(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return t('duration.days', { days: minutes / 1440 });
  if (minutes >= 60 && minutes % 60 === 0) return t('duration.hours', { hours: minutes / 60 });
  if (minutes >= 60) return t('duration.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return t('duration.minutes', { minutes });
}

/** "还剩 3 小时 5 分钟" before the deadline, "已超时 12 分 05 秒" after it. */
export function countdownText(dueAt: string, now: number): string {
  const left = Date.parse(dueAt) - now;
  return left >= 0 ? t('sla.remaining', { time: durationText(left) }) : t('sla.overdueBy', { time: durationText(-left) });
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 分钟前", "昨天", "2 天后"; anything under a minute is "刚刚". */
export function relativeTime(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;
  if (Math.abs(diff) < 60_000) return t('time.justNow');
  const format = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  }
  return t('time.justNow');
}

/** "5月3日 14:05", with the year only when it is not this one. */
export function dateTime(iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return formatDate(date, {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** A Date as the value of <input type="datetime-local"> (local time, minutes). */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The community's zone, so that a deadline reads as the community's own clock does, wherever the phone is. */
export const DEFAULT_ZONE = 'Asia/Shanghai';

/**
 * A deadline in the community's local time, with the weekday: "12月7日 周一 09:30" or
 * "Mon 7 Dec, 09:30"; with the year when it is not this one.
 */
export function localDue(iso: string, timeZone: string = DEFAULT_ZONE, now: number = Date.now()): string {
  const date = new Date(iso);
  const parts = (options: Intl.DateTimeFormatOptions) =>
    Object.fromEntries(new Intl.DateTimeFormat(getLocale(), { timeZone, ...options }).formatToParts(date).map((p) => [p.type, p.value]));
  const { year, month, day, weekday } = parts({ year: 'numeric', month: getLocale() === 'zh-CN' ? 'numeric' : 'short', day: 'numeric', weekday: 'short' });
  const { hour, minute } = parts({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const thisYear = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(now);
  const sameYear = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date) === thisYear;
  return t(sameYear ? 'time.localDue' : 'time.localDueYear', {
    year: year ?? '',
    month: month ?? '',
    day: day ?? '',
    weekday: weekday ?? '',
    time: `${hour}:${minute}`,
  });
}
