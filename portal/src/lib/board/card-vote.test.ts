import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import { cardVote, voteLeftText } from './card-vote';

const NOW = Date.parse('2026-05-03T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('the vote on a card', () => {
  it('is absent without a vote', () => {
    expect(cardVote(null, NOW)).toBeNull();
  });

  it('is open until its closing time', () => {
    expect(cardVote({ id: 'd', status: 'OPEN', closesAt: at(DAY), result: null }, NOW)).toEqual({ phase: 'open', closesAt: at(DAY) });
  });

  it('is being counted once the time has come or it closed before the tally arrived', () => {
    expect(cardVote({ id: 'd', status: 'OPEN', closesAt: at(0), result: null }, NOW)).toEqual({ phase: 'counting' });
    expect(cardVote({ id: 'd', status: 'CLOSED', closesAt: at(-HOUR), result: null }, NOW)).toEqual({ phase: 'counting' });
  });

  it('shows the outcome once closed', () => {
    expect(cardVote({ id: 'd', status: 'CLOSED', closesAt: at(-HOUR), result: { approved: true } }, NOW)).toEqual({ phase: 'closed', approved: true });
    expect(cardVote({ id: 'd', status: 'CLOSED', closesAt: at(-HOUR), result: { approved: false } }, NOW)).toEqual({ phase: 'closed', approved: false });
  });
});

describe('time left on a vote (zh-CN)', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('counts whole days from a day on, hours under a day, minutes under an hour', () => {
    expect(voteLeftText(at(5 * DAY), NOW)).toBe('还剩 5 天');
    expect(voteLeftText(at(2 * DAY + 23 * HOUR), NOW)).toBe('还剩 2 天');
    expect(voteLeftText(at(DAY), NOW)).toBe('还剩 1 天');
    expect(voteLeftText(at(DAY - MIN), NOW)).toBe('还剩 23 小时');
    expect(voteLeftText(at(HOUR), NOW)).toBe('还剩 1 小时');
    expect(voteLeftText(at(59 * MIN + 30_000), NOW)).toBe('还剩 59 分钟');
    expect(voteLeftText(at(12 * MIN), NOW)).toBe('还剩 12 分钟');
  });

  it('never reads zero or negative while it is still shown', () => {
    expect(voteLeftText(at(10_000), NOW)).toBe('还剩 1 分钟');
    expect(voteLeftText(at(-MIN), NOW)).toBe('还剩 1 分钟');
  });
});

describe('time left on a vote (English)', () => {
  beforeEach(() => setLocale('en'));

  it('uses singular and plural', () => {
    expect(voteLeftText(at(2 * DAY), NOW)).toBe('2 days left');
    expect(voteLeftText(at(DAY + HOUR), NOW)).toBe('1 day left');
    expect(voteLeftText(at(5 * HOUR), NOW)).toBe('5 hours left');
    expect(voteLeftText(at(HOUR + MIN), NOW)).toBe('1 hour left');
    expect(voteLeftText(at(30 * MIN), NOW)).toBe('30 minutes left');
    expect(voteLeftText(at(MIN), NOW)).toBe('1 minute left');
  });
});
