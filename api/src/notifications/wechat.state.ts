import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The `state` of the WeChat web authorisation: proof that the callback belongs to a binding this
 * server started, for this signed-in session and person, less than ten minutes ago. WeChat allows
 * at most 128 bytes of [A-Za-z0-9]; this is 64 hex digits: expiry (8), nonce (16), MAC (40).
 */
export const STATE_TTL_SECONDS = 600;
const STATE = /^[0-9a-f]{64}$/;

/** A key of its own for the state, derived from the AppSecret (which only this server knows). */
export function stateKey(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'cocreate', 'wechat-oauth-state', 32));
}

function mac(key: Buffer, expiry: string, nonce: string, sessionTokenHash: string, personId: string): string {
  return createHmac('sha256', key).update(`${expiry}.${nonce}.${sessionTokenHash}.${personId}`).digest('hex').slice(0, 40);
}

export function signState(key: Buffer, sessionTokenHash: string, personId: string, now: Date, nonce = randomBytes(8).toString('hex')): string {
  const expiry = Math.floor(now.getTime() / 1000 + STATE_TTL_SECONDS)
    .toString(16)
    .padStart(8, '0');
  return `${expiry}${nonce}${mac(key, expiry, nonce, sessionTokenHash, personId)}`;
}

export type StateCheck = 'OK' | 'STATE_INVALID' | 'STATE_EXPIRED';

export function checkState(key: Buffer, state: unknown, sessionTokenHash: string, personId: string, now: Date): StateCheck {
  if (typeof state !== 'string' || !STATE.test(state)) return 'STATE_INVALID';
  const expiry = state.slice(0, 8);
  const nonce = state.slice(8, 24);
  const expected = Buffer.from(mac(key, expiry, nonce, sessionTokenHash, personId));
  if (!timingSafeEqual(expected, Buffer.from(state.slice(24)))) return 'STATE_INVALID';
  return parseInt(expiry, 16) * 1000 < now.getTime() ? 'STATE_EXPIRED' : 'OK';
}
