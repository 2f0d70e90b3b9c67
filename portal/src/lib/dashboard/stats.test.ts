import { describe, expect, it } from 'vitest';
import {
  canSeeDashboard,
  change,
  deltaText,
  metricText,
  parsePeriod,
  periodDate,
  periodLabel,
  periodRange,
  periodsOf,
  rateText,
  ratingText,
  seriesFor,
  type StatsRow,
} from './stats';

const row = (department: StatsRow['department'], period: string, sla: number | null, extra: Partial<StatsRow> = {}): StatsRow => ({
  department,
  period,
  opened: 1,
  resolved: sla === null ? 0 : 4,
  resolvedOnTime: 0,
  slaCompliance: sla,
  returnVisitRate: null,
  satisfactionRate: null,
  averageSatisfaction: null,
  ...extra,
});

describe('rate and rating text', () => {
  it('shows rates as whole percentages and nothing measured as a dash', () => {
    expect(rateText(0.875, 'zh-CN')).toBe('88%');
    expect(rateText(1, 'en')).toBe('100%');
    expect(rateText(0, 'en')).toBe('0%');
    expect(rateText(null, 'zh-CN')).toBe('—');
    expect(rateText(undefined, 'zh-CN')).toBe('—');
  });

  it('shows the average rating with one decimal', () => {
    expect(ratingText(4.25, 'en')).toBe('4.3');
    expect(ratingText(5, 'zh-CN')).toBe('5.0');
    expect(ratingText(null, 'en')).toBe('—');
    expect(metricText('averageSatisfaction', 3, 'en')).toBe('3.0');
    expect(metricText('slaCompliance', 0.5, 'en')).toBe('50%');
  });

  it('signs changes in points or stars', () => {
    expect(deltaText('slaCompliance', 0.05, 'en')).toBe('+5');
    expect(deltaText('slaCompliance', -0.123, 'en')).toBe('−12');
    expect(deltaText('averageSatisfaction', 0.3, 'en')).toBe('+0.3');
    expect(deltaText('averageSatisfaction', 0, 'en')).toBe('0.0');
    expect(deltaText('slaCompliance', -0.33, 'en', false)).toBe('33');
  });
});

describe('change', () => {
  it('needs both periods measured', () => {
    expect(change('slaCompliance', 0.8, null)).toMatchObject({ delta: null, direction: null });
    expect(change('slaCompliance', null, 0.8)).toMatchObject({ delta: null, direction: null });
  });

  it('compares at the precision shown', () => {
    expect(change('slaCompliance', 0.871, 0.869)).toMatchObject({ delta: 0, direction: 'same' });
    expect(change('slaCompliance', 0.9, 0.8)).toMatchObject({ delta: 0.1, direction: 'up' });
    expect(change('averageSatisfaction', 3.5, 4.2)).toMatchObject({ delta: -0.7, direction: 'down' });
  });
});

// Intl puts thin and no-break spaces around range dashes.
const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0]/g, ' ');

describe('periods', () => {
  it('reads the period as a local date', () => {
    const date = periodDate('2025-03-04');
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2025, 2, 4]);
  });

  it('labels weeks and months in both languages', () => {
    expect(periodLabel('2025-03-03', 'WEEK', 'zh-CN', 'short')).toBe('3/3');
    expect(plain(periodLabel('2025-03-03', 'WEEK', 'en', 'long'))).toBe('Mar 3–Mar 9');
    expect(periodLabel('2025-03-03', 'WEEK', 'zh-CN', 'long')).toBe('3月3日–3月9日');
    expect(periodLabel('2025-03-01', 'MONTH', 'zh-CN', 'long')).toBe('2025年3月');
    expect(periodLabel('2025-03-01', 'MONTH', 'en', 'short')).toBe('Mar');
    expect(plain(periodLabel('2024-12-30', 'WEEK', 'en', 'long'))).toBe('Dec 30–Jan 5');
  });

  it('asks for twelve periods ending now, from a Monday or the 1st', () => {
    const now = new Date(2025, 2, 6, 15, 30); // Thursday 6 March 2025
    const week = periodRange('WEEK', now);
    expect(week.to).toBe(now);
    expect(week.from).toEqual(new Date(2024, 11, 16)); // Monday, eleven weeks before 3 March
    expect(periodRange('MONTH', now).from).toEqual(new Date(2024, 3, 1));
    expect(periodRange('WEEK', new Date(2025, 2, 9, 23), 1).from).toEqual(new Date(2025, 2, 3)); // Sunday
  });

  it('reads the period from the address, weeks unless told months', () => {
    expect(parsePeriod('month')).toBe('MONTH');
    expect(parsePeriod(null)).toBe('WEEK');
    expect(parsePeriod('year')).toBe('WEEK');
  });
});

describe('seriesFor', () => {
  it('gives every department a value per period and keeps gaps as null', () => {
    const rows = [row('MAINTENANCE', '2025-03-10', 0.5), row('MAINTENANCE', '2025-03-03', null), row('SECURITY', '2025-03-10', 1)];
    expect(periodsOf(rows)).toEqual(['2025-03-03', '2025-03-10']);
    const series = seriesFor(rows, 'slaCompliance');
    expect(series.map((s) => s.department)).toEqual(['CUSTOMER_SERVICE', 'MAINTENANCE', 'SECURITY', 'CLEANING', 'MANAGEMENT']);
    expect(series[1]?.values).toEqual([null, 0.5]);
    expect(series[2]?.values).toEqual([null, 1]);
    expect(series[0]?.values).toEqual([null, null]);
  });
});

describe('canSeeDashboard', () => {
  it('lets staff, customer service and admins in, not owners or the committee alone', () => {
    expect(canSeeDashboard(['STAFF'])).toBe(true);
    expect(canSeeDashboard(['CUSTOMER_SERVICE'])).toBe(true);
    expect(canSeeDashboard(['ADMIN'])).toBe(true);
    expect(canSeeDashboard(['OWNER', 'COMMITTEE'])).toBe(false);
  });
});
