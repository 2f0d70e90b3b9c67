import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';

let app: TestApp;
let owner: Client;
let admin: pg.Client;
const dbName = () => new URL(app.databaseUrl).pathname.slice(1);

beforeAll(async () => {
  app = await startTestApp();
  owner = await app.signIn('owner1@lakeside.test');
  admin = new pg.Client({ connectionString: app.databaseUrl.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
});
afterAll(async () => {
  await admin?.query(`alter database "${dbName()}" allow_connections true`).catch(() => {});
  await admin?.end();
  await app?.close();
});

/** The database goes away: no new connections, and every open one is cut. */
async function cutDatabase() {
  await admin.query(`alter database "${dbName()}" allow_connections false`);
  await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [dbName()]);
}

describe('a database outage', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, tells ready from live, and recovers by itself', async () => {
    const health = async (path: string) => (await fetch(`${app.url}${path}`)).status;
    expect(await health('/healthz/ready')).toBe(200);
    await cutDatabase();

    const signedIn = '{ me { id } proposals(first: 5) { totalCount } }';
    const signingIn = 'mutation { login(email: "owner2@lakeside.test", password: "cocreate-demo") { id } }';
    for (const [client, query] of [
      [owner, signedIn],
      [app.client(), signingIn],
    ] as const) {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(client.cookie ? { cookie: client.cookie } : {}) },
        body: JSON.stringify({ query }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toContain('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(body)).not.toMatch(/INTERNAL_SERVER_ERROR/);
    }
    expect(await health('/healthz')).toBe(200);
    expect(await health('/healthz/ready')).toBe(503);

    await admin.query(`alter database "${dbName()}" allow_connections true`);
    expect(await health('/healthz/ready')).toBe(200);
    expect(((await owner.run('{ me { id } }')) as { me: unknown }).me).toBeTruthy();
  });
});
