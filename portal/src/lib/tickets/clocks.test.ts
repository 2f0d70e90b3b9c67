import { describe, expect, it } from 'vitest';
import { byDueTime, clockState, isOverdue, splitDuration } from './clocks';

const NOW = Date.parse('2026-05-03T12:00:00Z');
const due = (minutesFromNow: number) => new Date(NOW + minutesFromNow * 60_000).toISOString();

describe('clockState', () => {
  const investigating = { status: 'INVESTIGATING' as const, clockPaused: false };

  it('counts down a running clock and turns it overdue after its time', () => {
    expect(clockState({ clock: 'SOLUTION', dueAt: due(30), metAt: null, missed: false, running: true }, investigating, NOW)).toBe('running');
    expect(clockState({ clock: 'SOLUTION', dueAt: due(-1), metAt: null, missed: true, running: true }, investigating, NOW)).toBe('overdue');
  });

  it('tells a clock met in time from one met late', () => {
    expect(clockState({ clock: 'RESPONSE', dueAt: due(10), metAt: due(-5), missed: false, running: false }, investigating, NOW)).toBe('met');
    expect(clockState({ clock: 'RESPONSE', dueAt: due(-20), metAt: due(-5), missed: true, running: false }, investigating, NOW)).toBe('metLate');
  });

  it('pauses every unmet clock while the owner decides', () => {
    const waiting = { status: 'SOLUTION_PROPOSED' as const, clockPaused: true };
    expect(clockState({ clock: 'RESOLUTION', dueAt: due(-60), metAt: null, missed: false, running: false }, waiting, NOW)).toBe('paused');
  });

  it('leaves a clock the API says does not run yet not started, and stops them on a closed ticket', () => {
    const received = { status: 'RECEIVED' as const, clockPaused: false };
    expect(clockState({ clock: 'RESOLUTION', dueAt: due(600), metAt: null, missed: false, running: false }, received, NOW)).toBe('pending');
    expect(clockState({ clock: 'RESPONSE', dueAt: due(5), metAt: null, missed: false, running: true }, received, NOW)).toBe('running');
    const closed = { status: 'CLOSED' as const, clockPaused: false };
    expect(clockState({ clock: 'SOLUTION', dueAt: due(5), metAt: null, missed: false, running: false }, closed, NOW)).toBe('stopped');
  });
});

describe('splitDuration', () => {
  it('splits into days, hours, minutes and seconds, ignoring the sign', () => {
    expect(splitDuration(((26 * 60 + 5) * 60 + 7) * 1000)).toEqual({ days: 1, hours: 2, minutes: 5, seconds: 7 });
    expect(splitDuration(-90_500)).toEqual({ days: 0, hours: 0, minutes: 1, seconds: 30 });
  });
});

describe('byDueTime and isOverdue', () => {
  it('orders deadlines by when they come due', () => {
    expect(byDueTime([{ dueAt: due(30) }, { dueAt: due(5) }, { dueAt: due(10) }]).map((d) => d.dueAt)).toEqual([due(5), due(10), due(30)]);
  });

  it('counts a list item overdue only while its clock runs', () => {
    expect(isOverdue({ dueAt: due(-1), clockPaused: false, status: 'INVESTIGATING' }, NOW)).toBe(true);
    expect(isOverdue({ dueAt: due(1), clockPaused: false, status: 'INVESTIGATING' }, NOW)).toBe(false);
    expect(isOverdue({ dueAt: due(-1), clockPaused: true, status: 'SOLUTION_PROPOSED' }, NOW)).toBe(false);
    expect(isOverdue({ dueAt: null, clockPaused: false, status: 'CLOSED' }, NOW)).toBe(false);
  });
});
