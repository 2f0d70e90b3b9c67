import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

// Low limits so the test stays quick: 5 signed-out requests per address, 8 per signed-in person.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_ANONYMOUS: '5', RATE_LIMIT_PERSON: '8' });
});
afterAll(() => app?.close());

const query = (cookie: string | null, document = '{ me { id } }') =>
  fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query: document }),
  });

describe('request rate limits', () => {
  it('answer a signed-in person past the limit 429 with Retry-After, before any GraphQL work, and count each person apart', async () => {
    const owner1 = await app.signIn('owner1@lakeside.test');
    const owner2 = await app.signIn('owner2@lakeside.test');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await query(owner1.cookie)).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    const refused = await query(owner1.cookie, '{ this is not even GraphQL');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(body.errors[0]!.message).toMatch(/^Too many requests; try again in \d+ s\.$/);
    // Another person from the same address is not held back by owner1.
    expect((await query(owner2.cookie)).status).toBe(200);
  });

  it('count signed-out requests per address, and a made-up cookie with them', async () => {
    // The two sign-ins above were this address's first two anonymous requests.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await query(i % 2 ? 'cocreate_session=made-up-' + i : null)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const over = await query('cocreate_session=another-made-up-one');
    expect(over.status).toBe(429);
    expect((await over.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'TOO_MANY_REQUESTS' } }] });
  });

  it('lets a limited client in again once the window has passed', async () => {
    await new Promise((r) => setTimeout(r, 10_500));
    expect((await query(null)).status).toBe(200);
  }, 20_000);
});
