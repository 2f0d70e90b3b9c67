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

/** 中国大陆手机号: 11 digits starting 13–19. */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A mainland mobile number in its 11-digit form, or null. Spaces, dashes and a +86 / 0086 prefix
 * are what people type and are accepted; anything else is not a number we can text.
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-()（）]/g, '');
  const digits = compact.replace(/^(\+86|0086)/, '');
  return MAINLAND_MOBILE.test(digits) ? digits : null;
}

export type SignInIdentifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** What a person typed into the sign-in box: an email (has an @) or a mobile number. */
export function signInIdentifier(raw: string): SignInIdentifier | null {
  if (raw.includes('@')) {
    const value = normaliseEmail(raw);
    return /^[^\s@]+@[^\s@]+$/.test(value) && value.length <= 254 ? { kind: 'email', value } : null;
  }
  const phone = normalisePhone(raw);
  return phone ? { kind: 'phone', value: phone } : null;
}

/** Letters and digits nobody confuses on paper or over the phone (no 0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ACTIVATION_CODE_LENGTH = 10;
export const RESET_CODE_LENGTH = 6;
/** How many live codes of one number are tried: bounds the hashing work of one attempt. */
export const MAX_LIVE_CODES = 5;

/** An activation code from random bytes, printed as two groups of five (e.g. K7QM2-XW9RT). */
export function makeCode(random: Uint8Array, length: number, alphabet = CODE_ALPHABET): string {
  if (random.length < length) throw new Error('makeCode needs one random byte per character');
  // 256 is not a multiple of the alphabet's size: bytes past the last whole multiple would favour
  // the first letters, so the caller's bytes are mapped only below that limit and the rest retried.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  for (const byte of random) {
    if (byte >= limit) continue;
    out += alphabet[byte % alphabet.length];
    if (out.length === length) return out;
  }
  throw new RangeError('not enough usable random bytes');
}

export const formatActivationCode = (code: string) => (code.length === ACTIVATION_CODE_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code);

/** As typed: spaces and dashes dropped, lower case raised. */
export const normaliseCode = (raw: string) =>
  raw
    .trim()
    .toUpperCase()
    .replace(/[\s\-‐-―]/g, '');
