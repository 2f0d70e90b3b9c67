import type { VisitSlot } from '@cocreate/schema';
import { formatDate, t } from '$lib/i18n';

export const VISIT_SLOTS: readonly VisitSlot[] = ['MORNING', 'AFTERNOON', 'EVENING'];
/** The API's bound: a preferred visit at most this many days ahead. */
export const VISIT_MAX_DAYS = 30;

/** "12月6日 周六 · 上午 08:00–12:00": the community's local date with its slot (dates are calendar dates, read in UTC). */
export function visitText(visit: { date: string; slot: VisitSlot }): string {
  const day = formatDate(new Date(`${visit.date}T00:00:00Z`), { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' });
  return `${day} · ${t(`visit.slot.${visit.slot}`)}`;
}

/** A timeline line's "YYYY-MM-DD SLOT", as the API writes it, or null. */
export function parseVisit(message: string | null): { date: string; slot: VisitSlot } | null {
  const match = /^(\d{4}-\d{2}-\d{2}) (MORNING|AFTERNOON|EVENING)$/.exec(message ?? '');
  return match ? { date: match[1]!, slot: match[2] as VisitSlot } : null;
}

/** Today and the last day one may choose, as <input type="date"> values in the device's local time. */
export function visitBounds(now: Date = new Date()): { min: string; max: string } {
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { min: day(now), max: day(new Date(now.getTime() + VISIT_MAX_DAYS * 86_400_000)) };
}
