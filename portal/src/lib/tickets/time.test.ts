import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import { countdownText, durationText, localDue, localInputValue, relativeTime, spanText } from './time';

const NOW = Date.parse('2026-05-03T12:00:00Z');
const MIN = 60_000;

describe('countdown formatting (zh-CN)', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('gets coarser the further away the deadline is', () => {
    expect(durationText(42_000)).toBe('42 秒');
    expect(durationText(12 * MIN + 5_000)).toBe('12 分 05 秒');
    expect(durationText(3 * 60 * MIN + 5 * MIN + 59_000)).toBe('3 小时 5 分钟');
    expect(durationText(2 * 60 * MIN)).toBe('2 小时');
    expect(durationText((2 * 24 + 3) * 60 * MIN)).toBe('2 天 3 小时');
    expect(durationText(7 * 24 * 60 * MIN)).toBe('7 天');
  });

  it('says how long is left, or how long it is overdue', () => {
    expect(countdownText(new Date(NOW + 90 * MIN).toISOString(), NOW)).toBe('还剩 1 小时 30 分钟');
    expect(countdownText(new Date(NOW - 35 * MIN).toISOString(), NOW)).toBe('已超时 35 分 00 秒');
  });

  it('names policy spans in their largest whole unit', () => {
    expect(spanText(15)).toBe('15 分钟');
    expect(spanText(240)).toBe('4 小时');
    expect(spanText(90)).toBe('1 小时 30 分钟');
    expect(spanText(7 * 1440)).toBe('7 天');
  });

  it('gives relative times', () => {
    expect(relativeTime(new Date(NOW - 20_000).toISOString(), NOW)).toBe('刚刚');
    expect(relativeTime(new Date(NOW - 3 * MIN).toISOString(), NOW)).toBe('3分钟前');
    expect(relativeTime(new Date(NOW + 2 * 24 * 60 * MIN).toISOString(), NOW)).toBe('后天');
  });
});

describe('countdown formatting (en)', () => {
  beforeEach(() => setLocale('en'));

  it('uses English units and word order', () => {
    expect(countdownText(new Date(NOW + 90 * MIN).toISOString(), NOW)).toBe('1 h 30 min left');
    expect(countdownText(new Date(NOW - 26 * 60 * MIN).toISOString(), NOW)).toBe('1 d 2 h overdue');
    expect(relativeTime(new Date(NOW - 3 * MIN).toISOString(), NOW)).toBe('3 minutes ago');
    setLocale('zh-CN');
  });
});

describe('localInputValue', () => {
  it('formats local time for datetime-local inputs', () => {
    expect(localInputValue(new Date(2026, 0, 5, 9, 7))).toBe('2026-01-05T09:07');
  });
});

describe('a deadline in the community’s local time', () => {
  const due = '2026-12-07T01:30:00Z'; // Monday 7 December, 09:30 in Shanghai
  const NOW_DEC = Date.parse('2026-12-03T08:00:00Z');

  it('names the weekday and the local time, wherever the phone is', () => {
    setLocale('zh-CN');
    expect(localDue(due, 'Asia/Shanghai', NOW_DEC)).toBe('12月7日 周一 09:30');
    expect(localDue('2027-01-04T01:30:00Z', 'Asia/Shanghai', NOW_DEC)).toBe('2027年1月4日 周一 09:30');
    setLocale('en');
    expect(localDue(due, 'Asia/Shanghai', NOW_DEC)).toBe('Mon 7 Dec, 09:30');
    expect(localDue(due, 'Europe/Berlin', NOW_DEC)).toBe('Mon 7 Dec, 02:30');
  });
});
