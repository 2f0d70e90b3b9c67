import { describe, expect, it } from 'vitest';
import { checkState, signState, stateKey, STATE_TTL_SECONDS } from './wechat.state.js';

const key = stateKey('0123456789abcdef0123456789abcdef');
const NOW = new Date('2026-12-03T04:00:00Z');

describe('WeChat authorisation state', () => {
  const state = signState(key, 'session-hash', 'person-1', NOW);

  it('is what WeChat allows: at most 128 letters and digits', () => {
    expect(state).toMatch(/^[0-9a-f]{64}$/);
  });

  it('holds for the same session and person until it expires', () => {
    expect(checkState(key, state, 'session-hash', 'person-1', NOW)).toBe('OK');
    expect(checkState(key, state, 'session-hash', 'person-1', new Date(NOW.getTime() + (STATE_TTL_SECONDS - 1) * 1000))).toBe('OK');
    expect(checkState(key, state, 'session-hash', 'person-1', new Date(NOW.getTime() + (STATE_TTL_SECONDS + 1) * 1000))).toBe('STATE_EXPIRED');
  });

  it.each([
    ['another session', state, 'other-session', 'person-1'],
    ['another person', state, 'session-hash', 'person-2'],
    ['a changed expiry', `ffffffff${state.slice(8)}`, 'session-hash', 'person-1'],
    ['a changed MAC', `${state.slice(0, 63)}${state.endsWith('0') ? '1' : '0'}`, 'session-hash', 'person-1'],
    ['upper case', state.toUpperCase(), 'session-hash', 'person-1'],
    ['too short', state.slice(0, 63), 'session-hash', 'person-1'],
    ['too long', `${state}0`, 'session-hash', 'person-1'],
    ['an array', [state], 'session-hash', 'person-1'],
    ['nothing', undefined, 'session-hash', 'person-1'],
  ])('refuses %s', (_name, value, session, person) => {
    expect(checkState(key, value, session, person, NOW)).toBe('STATE_INVALID');
  });

  it('another key refuses it', () => {
    expect(checkState(stateKey('another-secret-0123456789'), state, 'session-hash', 'person-1', NOW)).toBe('STATE_INVALID');
  });
});
