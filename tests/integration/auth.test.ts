import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, LogoutDocument, MeDocument } from '@cocreate/schema';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('sign-in', () => {
  it('signs owner1 in with a session cookie and answers me', async () => {
    const client = app.client();
    expect((await client.run(MeDocument)).me).toBeNull();
    const { body } = await client.raw(LoginDocument, { email: 'Owner1@Lakeside.test', password: DEMO_PASSWORD });
    expect(body.errors).toBeUndefined();
    expect(client.cookie).toMatch(/^cocreate_session=/);
    const { me } = await client.run(MeDocument);
    expect(me).toMatchObject({ email: 'owner1@lakeside.test', roles: ['OWNER'], department: null, community: { name: '湖畔花园' } });
    expect(me!.units).toHaveLength(2);
    for (const unit of me!.units) {
      expect(unit.label).toMatch(/^\d-\d-\d{3,4}$/);
      expect(unit.area).toBeGreaterThanOrEqual(60);
      expect(unit.area).toBeLessThanOrEqual(220);
    }
  });

  it('sets an httpOnly SameSite cookie and stores only a hash of the token', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(email: "cs@lakeside.test", password: "cocreate-demo") { id } }' }),
    });
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);
    const rows = await app.sql<{ token_hash: string }>('select token_hash from session');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('gives every demo role what the issue lists', async () => {
    const expectations: [string, string[], string | null][] = [
      ['cs@lakeside.test', ['CUSTOMER_SERVICE'], 'CUSTOMER_SERVICE'],
      ['maint@lakeside.test', ['STAFF'], 'MAINTENANCE'],
      ['security@lakeside.test', ['STAFF'], 'SECURITY'],
      ['cleaning@lakeside.test', ['STAFF'], 'CLEANING'],
      ['manager@lakeside.test', ['STAFF', 'COMMITTEE'], 'MANAGEMENT'],
      ['admin@lakeside.test', ['ADMIN'], null],
      ['owner2@lakeside.test', ['OWNER', 'COMMITTEE'], null],
      ['owner5@lakeside.test', ['OWNER', 'COMMITTEE'], null],
      ['owner60@lakeside.test', ['OWNER'], null],
    ];
    for (const [email, roles, department] of expectations) {
      const { me } = await (await app.signIn(email)).run(MeDocument);
      expect(me, email).toMatchObject({ roles, department });
    }
  });

  it('answers a wrong password and an unknown email with the same UNAUTHENTICATED message', async () => {
    const wrong = await app.client().fail(LoginDocument, { email: 'owner7@lakeside.test', password: 'nope' });
    const unknown = await app.client().fail(LoginDocument, { email: 'nobody@lakeside.test', password: 'nope' });
    expect(wrong.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.message).toBe(unknown.message);
  });

  it('locks an email for 15 minutes after 10 failures within 15 minutes', async () => {
    const email = 'owner8@lakeside.test';
    for (let i = 0; i < 9; i++) {
      expect((await app.client().fail(LoginDocument, { email, password: `wrong-${i}` })).extensions?.code).toBe('UNAUTHENTICATED');
      app.clock.advance(60_000);
    }
    // The ninth failure has not locked it: the right password still works, and clears the count.
    await app.signIn(email);
    for (let i = 0; i < 10; i++) await app.client().fail(LoginDocument, { email, password: `wrong-${i}` });
    const locked = await app.client().fail(LoginDocument, { email, password: DEMO_PASSWORD });
    expect(locked.extensions?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.message).toMatch(/15 minute/);
    app.clock.advance(14 * 60_000);
    expect((await app.client().fail(LoginDocument, { email, password: DEMO_PASSWORD })).extensions?.code).toBe('TOO_MANY_ATTEMPTS');
    app.clock.advance(60_000);
    await app.signIn(email);
  });

  it('counts a parallel burst of guesses before checking any: at most 10 are checked and the right password is then refused', async () => {
    app.clock.advance(16 * 60_000);
    const email = 'owner9@lakeside.test';
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => app.client().fail(LoginDocument, { email, password: `guess-${i}` })));
    const checked = burst.filter((e) => e.extensions?.code === 'UNAUTHENTICATED').length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(burst.filter((e) => e.extensions?.code === 'TOO_MANY_ATTEMPTS').length).toBe(40 - checked);
    expect((await app.client().fail(LoginDocument, { email, password: DEMO_PASSWORD })).extensions?.code).toBe('TOO_MANY_ATTEMPTS');
    app.clock.advance(16 * 60_000);
    await app.signIn(email);
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const client = await app.signIn('owner3@lakeside.test');
    const cookie = client.cookie;
    expect((await client.run(LogoutDocument)).logout).toBe(true);
    expect(client.cookie).toBeNull();
    const stale = app.client();
    stale.cookie = cookie;
    expect((await stale.run(MeDocument)).me).toBeNull();
  });

  it('refuses logout without a session', async () => {
    expect((await app.client().fail(LogoutDocument)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('bad input', () => {
  it('names the field of an invalid argument', async () => {
    const error = await app.client().fail(LoginDocument, { email: 'not-an-email', password: 'x' });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^email:/);
    expect(error.extensions?.fields).toEqual(['email']);
  });

  it('names a missing variable', async () => {
    const { body } = await app.client().raw(LoginDocument, { email: 'owner1@lakeside.test' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/password/);
  });

  it('refuses a body over 1 MB with a clear error', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } }`, variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors[0]!.message).toMatch(/1MB/);
  });

  it('refuses queries deeper than 12 levels', async () => {
    let selection = 'id';
    for (let i = 0; i < 13; i++) selection = `community { ${selection} }`;
    const { body } = await app.client().raw(`{ me { ${selection} } }`);
    expect(body.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /more than 12 levels deep; the limit is 12/.test(e.message))).toBe(
      true,
    );
  });

  it('answers malformed JSON with BAD_REQUEST, not a stack trace', async () => {
    const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(/not valid JSON/);
    expect(text).not.toMatch(/at .*\.js:\d+/);
  });
});
