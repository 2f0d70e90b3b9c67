import { describe, expect, it } from 'vitest';
import { metricsAccess } from './http.js';

const token = 'metrics-token-0123456789abcdef';
const from = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers });

describe('metricsAccess', () => {
  it.each([
    ['127.0.0.1', {}, null, 'allowed'],
    ['::1', {}, null, 'allowed'],
    ['::ffff:127.0.0.1', {}, null, 'allowed'],
    ['10.0.0.7', {}, null, 'forbidden'],
    ['203.0.113.9', {}, token, 'unauthorized'],
    ['203.0.113.9', { authorization: `Bearer ${token}` }, token, 'allowed'],
    ['203.0.113.9', { authorization: `bearer ${token}` }, token, 'allowed'],
    ['203.0.113.9', { authorization: `Bearer ${token}x` }, token, 'unauthorized'],
    ['203.0.113.9', { authorization: token }, token, 'unauthorized'],
    ['203.0.113.9', { authorization: 'Bearer ' }, token, 'unauthorized'],
    // A reverse proxy on this machine makes every visitor loopback: relayed requests need the token.
    ['127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, null, 'forbidden'],
    ['127.0.0.1', { forwarded: 'for=203.0.113.9' }, token, 'unauthorized'],
    ['127.0.0.1', { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${token}` }, token, 'allowed'],
  ] as const)('from %s with %j (token %s): %s', (address, headers, configured, expected) => {
    expect(metricsAccess(from(address, headers), configured)).toBe(expected);
  });
});
