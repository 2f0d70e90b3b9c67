/** Sign-in throttling: 10 failures for one email within 15 minutes lock it for 15 minutes. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
export const SESSION_TTL_MS = 30 * 24 * 3600_000;

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export function lockedUntil(state: ThrottleState | null, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
}

/** The state after one more failed attempt at `now`. */
export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStart.getTime() < FAILURE_WINDOW_MS && !state.lockedUntil;
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStart = windowOpen ? state.windowStart : now;
  return failures >= MAX_FAILURES
    ? { failures: 0, windowStart: now, lockedUntil: new Date(now.getTime() + LOCK_MS) }
    : { failures, windowStart, lockedUntil: null };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
