import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  afterWrongPassword,
  beforeAttempt,
  lockedUntil,
  LOCK_MS,
  MAX_FAILURES,
  FAILURE_WINDOW_MS,
  normaliseEmail,
  type ThrottleState,
} from './auth.rules.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function failTimes(times: number[]): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (const ms of times) state = afterFailure(state, at(ms));
  return state;
}

describe('sign-in throttle', () => {
  it('does not lock after nine failures', () => {
    const state = failTimes(Array.from({ length: MAX_FAILURES - 1 }, (_, i) => i * 1000));
    expect(lockedUntil(state, at(10_000))).toBeNull();
  });

  it('locks for 15 minutes on the tenth failure inside the window', () => {
    const state = failTimes(Array.from({ length: MAX_FAILURES }, (_, i) => i * 60_000));
    const tenth = at((MAX_FAILURES - 1) * 60_000);
    expect(lockedUntil(state, tenth)?.getTime()).toBe(tenth.getTime() + LOCK_MS);
    expect(lockedUntil(state, new Date(tenth.getTime() + LOCK_MS - 1))).not.toBeNull();
    expect(lockedUntil(state, new Date(tenth.getTime() + LOCK_MS))).toBeNull();
  });

  it('forgets failures older than the window', () => {
    const spread = Array.from({ length: MAX_FAILURES }, (_, i) => i * (FAILURE_WINDOW_MS / 5));
    expect(lockedUntil(failTimes(spread), at(spread.at(-1)!))).toBeNull();
  });

  it('starts counting afresh after a lock has passed', () => {
    const locked = failTimes(Array.from({ length: MAX_FAILURES }, (_, i) => i));
    const after = afterFailure(locked, at(LOCK_MS + 60_000));
    expect(after.failures).toBe(1);
    expect(after.lockedUntil).toBeNull();
  });

  it('normalises emails', () => {
    expect(normaliseEmail('  Owner1@Lakeside.TEST ')).toBe('owner1@lakeside.test');
  });

  it('counts an attempt before the password is checked: the eleventh of a burst is refused and locks', () => {
    let state: ThrottleState | null = null;
    const allowed: boolean[] = [];
    for (let i = 0; i < 30; i++) {
      const step = beforeAttempt(state, t0, MAX_FAILURES);
      allowed.push(step.allowed);
      state = step.state;
    }
    expect(allowed.filter(Boolean)).toHaveLength(MAX_FAILURES);
    expect(allowed.slice(0, MAX_FAILURES).every(Boolean)).toBe(true);
    expect(lockedUntil(state, at(LOCK_MS - 1))).not.toBeNull();
    expect(beforeAttempt(state, at(LOCK_MS), MAX_FAILURES).allowed).toBe(true);
  });

  it('locks on the wrong password that reached the limit, not before', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < MAX_FAILURES - 1; i++) state = afterWrongPassword(beforeAttempt(state, at(i), MAX_FAILURES).state, at(i), MAX_FAILURES);
    expect(lockedUntil(state, at(100))).toBeNull();
    state = afterWrongPassword(beforeAttempt(state, at(100), MAX_FAILURES).state, at(100), MAX_FAILURES);
    expect(lockedUntil(state, at(101))?.getTime()).toBe(at(100).getTime() + LOCK_MS);
  });
});
