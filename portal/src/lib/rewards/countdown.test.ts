import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import { elapsedShare, leftText, timeLeft } from './countdown';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const MIN = 60_000;
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('time left in a period', () => {
  it('splits into whole days, hours and minutes', () => {
    expect(timeLeft(at((6 * 24 + 3) * 60 * MIN + 59_000), NOW)).toEqual({ days: 6, hours: 3, minutes: 0, over: false });
    expect(timeLeft(at(95 * MIN), NOW)).toEqual({ days: 0, hours: 1, minutes: 35, over: false });
  });

  it('is over at the moment itself and after it', () => {
    expect(timeLeft(at(0), NOW).over).toBe(true);
    expect(timeLeft(at(-5 * MIN), NOW)).toEqual({ days: 0, hours: 0, minutes: 0, over: true });
  });
});

describe('countdown words', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('gets coarser the further away the end is (zh-CN)', () => {
    expect(leftText(timeLeft(at(7 * 24 * 60 * MIN), NOW))).toBe('7 天');
    expect(leftText(timeLeft(at((6 * 24 + 3) * 60 * MIN + 20 * MIN), NOW))).toBe('6 天 3 小时');
    expect(leftText(timeLeft(at(3 * 60 * MIN), NOW))).toBe('3 小时');
    expect(leftText(timeLeft(at(95 * MIN), NOW))).toBe('1 小时 35 分钟');
    expect(leftText(timeLeft(at(12 * MIN + 30_000), NOW))).toBe('12 分钟');
    expect(leftText(timeLeft(at(30_000), NOW))).toBe('不到 1 分钟');
  });

  it('speaks English too', () => {
    setLocale('en');
    expect(leftText(timeLeft(at((2 * 24 + 5) * 60 * MIN), NOW))).toBe('2 d 5 h');
    expect(leftText(timeLeft(at(30_000), NOW))).toBe('under a minute');
  });
});

describe('share of a period that has passed', () => {
  it('runs from 0 at the start to 1 at the end, clamped', () => {
    const start = at(-24 * 60 * MIN);
    const end = at(6 * 24 * 60 * MIN);
    expect(elapsedShare(start, end, NOW)).toBeCloseTo(1 / 7);
    expect(elapsedShare(start, end, NOW - 10 * 24 * 60 * MIN)).toBe(0);
    expect(elapsedShare(start, end, NOW + 10 * 24 * 60 * MIN)).toBe(1);
    expect(elapsedShare(start, start, NOW)).toBe(1);
  });
});
