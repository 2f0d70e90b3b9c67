/**
 * 绩效看板: the department figures the API returns, turned into series, headline figures and
 * words. Pure functions; the locale is passed in so they can be tested without the UI.
 */
import type { Department, StatsPeriod } from '@cocreate/schema';

export const DEPARTMENTS: readonly Department[] = ['CUSTOMER_SERVICE', 'MAINTENANCE', 'SECURITY', 'CLEANING', 'MANAGEMENT'];

/** Periods shown: the current one and the eleven before it. */
export const PERIOD_COUNT = 12;

export interface StatsRow {
  department: Department;
  /** Start of the period, local date YYYY-MM-DD. */
  period: string;
  opened: number;
  resolved: number;
  resolvedOnTime: number;
  slaCompliance?: number | null;
  returnVisitRate?: number | null;
  satisfactionRate?: number | null;
  averageSatisfaction?: number | null;
}

export type Metric = 'slaCompliance' | 'returnVisitRate' | 'satisfactionRate' | 'averageSatisfaction';
export const METRICS: readonly Metric[] = ['slaCompliance', 'returnVisitRate', 'satisfactionRate', 'averageSatisfaction'];

/** Rates run 0–1; the average rating 1–5 stars. */
export function isRate(metric: Metric): boolean {
  return metric !== 'averageSatisfaction';
}

export function metricDomain(metric: Metric): [number, number] {
  return isRate(metric) ? [0, 1] : [1, 5];
}

/** Who may open the dashboard (the API answers FORBIDDEN to everyone else). */
export function canSeeDashboard(roles: readonly string[]): boolean {
  return roles.some((role) => role === 'STAFF' || role === 'CUSTOMER_SERVICE' || role === 'ADMIN');
}

export function parsePeriod(value: string | null): StatsPeriod {
  return value?.toUpperCase() === 'MONTH' ? 'MONTH' : 'WEEK';
}

/** The range asked for: from the start of the period `count − 1` periods back (Monday / the 1st), to now. */
export function periodRange(period: StatsPeriod, now: Date, count = PERIOD_COUNT): { from: Date; to: Date } {
  let from: Date;
  if (period === 'MONTH') {
    from = new Date(now.getFullYear(), now.getMonth() - (count - 1), 1);
  } else {
    const sinceMonday = (now.getDay() + 6) % 7;
    from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - sinceMonday - 7 * (count - 1));
  }
  return { from, to: now };
}

/** "2025-03-04" as a local date (not UTC midnight, which may be the day before). */
export function periodDate(period: string): Date {
  const [y, m, d] = period.slice(0, 10).split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/**
 * Period names: `short` for a chart axis ("3/4", "3月"), `long` for tables and tiles
 * ("3月4日至10日", "2025年3月").
 */
export function periodLabel(period: string, unit: StatsPeriod, locale: string, style: 'short' | 'long' = 'long'): string {
  const start = periodDate(period);
  if (unit === 'MONTH') {
    const options: Intl.DateTimeFormatOptions = style === 'short' ? { month: 'short' } : { year: 'numeric', month: 'long' };
    return new Intl.DateTimeFormat(locale, options).format(start);
  }
  if (style === 'short') return new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric' }).format(start);
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 6);
  // Joined by hand: Intl's formatRange falls back to "3/3 – 3/9" for zh-CN.
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
  return `${day.format(start)}–${day.format(end)}`;
}

/** The periods in order, oldest first. */
export function periodsOf(rows: readonly StatsRow[]): string[] {
  return [...new Set(rows.map((row) => row.period))].sort();
}

export interface Series {
  department: Department;
  /** One value per period; null where there was nothing to measure (a gap, not a zero). */
  values: (number | null)[];
}

export function seriesFor(rows: readonly StatsRow[], metric: Metric, periods: readonly string[] = periodsOf(rows)): Series[] {
  const byKey = new Map(rows.map((row) => [`${row.department}|${row.period}`, row]));
  return DEPARTMENTS.map((department) => ({
    department,
    values: periods.map((period) => {
      const value = byKey.get(`${department}|${period}`)?.[metric];
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    }),
  }));
}

export function rowFor(rows: readonly StatsRow[], department: Department, period: string | undefined): StatsRow | null {
  return period === undefined ? null : (rows.find((row) => row.department === department && row.period === period) ?? null);
}

export interface Change {
  value: number | null;
  previous: number | null;
  /** value − previous; null unless both were measured. Rates in fractions (0.05 = 5 points). */
  delta: number | null;
  direction: 'up' | 'down' | 'same' | null;
}

/** Change is compared at the precision shown, so "87% → 87%" never reads as a rise. */
export function change(metric: Metric, value: number | null, previous: number | null): Change {
  if (value === null || previous === null) return { value, previous, delta: null, direction: null };
  const scale = isRate(metric) ? 100 : 10;
  const steps = Math.round(value * scale) - Math.round(previous * scale);
  return { value, previous, delta: steps / scale, direction: steps > 0 ? 'up' : steps < 0 ? 'down' : 'same' };
}

/** "87%"; "—" when there was nothing to measure. */
export function rateText(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** "4.3" (of 5 stars); "—" without ratings. */
export function ratingText(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

export function metricText(metric: Metric, value: number | null | undefined, locale: string): string {
  return isRate(metric) ? rateText(value, locale) : ratingText(value, locale);
}

/** The change as a signed number: "+5" percentage points, "−0.3" stars, "0"; unsigned when words say which way. */
export function deltaText(metric: Metric, delta: number, locale: string, signed = true): string {
  const shown = isRate(metric) ? Math.round(delta * 100) : Math.round(delta * 10) / 10;
  const digits = isRate(metric) ? 0 : 1;
  const body = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.abs(shown));
  if (!signed) return body;
  return shown > 0 ? `+${body}` : shown < 0 ? `−${body}` : body;
}
