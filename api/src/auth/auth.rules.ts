/**
 * Sign-in throttling: 10 failures for one email from one client address within 15 minutes lock
 * that pair for 15 minutes; 50 from one address lock the address; 100 for one email from
 * anywhere lock the email (so a stranger cannot lock an owner out with ten guesses, while a
 * distributed guesser still meets a ceiling). Attempts are counted before the password is checked.
 */
export const MAX_FAILURES = 10;
export const THROTTLE_LIMITS = { accountFromAddress: MAX_FAILURES, address: 50, account: 100 } as const;
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

/**
 * Counts one attempt before the password is checked. An attempt over the limit (a parallel burst
 * whose lock is not written yet) is refused and locks at once.
 */
export function beforeAttempt(state: ThrottleState | null, now: Date, max: number): { state: ThrottleState; allowed: boolean } {
  if (state && lockedUntil(state, now)) return { state, allowed: false };
  const windowOpen = state && now.getTime() - state.windowStart.getTime() < FAILURE_WINDOW_MS && !state.lockedUntil;
  const failures = windowOpen ? state.failures + 1 : 1;
  if (failures > max) return { state: { failures: 0, windowStart: now, lockedUntil: new Date(now.getTime() + LOCK_MS) }, allowed: false };
  return { state: { failures, windowStart: windowOpen ? state.windowStart : now, lockedUntil: null }, allowed: true };
}

/** After a wrong password: the attempt already counted; lock when it reached the limit. */
export function afterWrongPassword(state: ThrottleState, now: Date, max: number): ThrottleState {
  if (lockedUntil(state, now) || state.failures < max) return state;
  return { failures: 0, windowStart: now, lockedUntil: new Date(now.getTime() + LOCK_MS) };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
