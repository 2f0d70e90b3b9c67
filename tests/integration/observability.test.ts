import 'reflect-metadata';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '@cocreate/api/db/orm';
import { createLogger } from '@cocreate/api/observability/log';
import { startServer, type RunningServer } from '@cocreate/api/server';
import { loadConfig } from '@cocreate/api/shared/config';
import { cloneTemplate, DEMO_PASSWORD } from '../support/harness.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  operation?: string | null;
  operationType?: string | null;
  status?: number;
  durationMs?: number;
  errors?: string[];
  viewer?: string | null;
}

let orm: MikroORM;
let server: RunningServer;
let url: string;
const lines: string[] = [];
const logged = () => lines.map((l) => JSON.parse(l) as LogLine);

beforeAll(async () => {
  const databaseUrl = await cloneTemplate();
  orm = await openOrm(databaseUrl, { pool: { min: 0, max: 5 } });
  // The sweep loop on (every hour; the first sweep runs at start), so its lag is measured.
  const env = { NODE_ENV: 'test', DATABASE_URL: databaseUrl, SEED_DEMO: '0', SWEEP_INTERVAL_SECONDS: '3600', METRICS_TOKEN: 'x'.repeat(32) };
  const config = { ...loadConfig(env), port: 0, host: '127.0.0.1' };
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  server = await startServer({ config, orm, portal: false, logger: createLogger({ level: 'info', destination }) });
  url = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
  await orm?.close();
});

async function graphql(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
}

/** The request's line is written when its answer is done, which can be just after the client has it. */
async function lineFor(requestId: string): Promise<LogLine> {
  for (let i = 0; i < 100; i++) {
    const line = logged().find((l) => l.requestId === requestId && l.msg === 'graphql request');
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no log line for request ${requestId}`);
}

const SIGN_IN = 'mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { id displayName email } }';

describe('request ids and the request log', () => {
  it('echoes a well-formed X-Request-Id, logs the operation, its duration and status, and none of the personal data it carried', async () => {
    const response = await graphql(
      SIGN_IN,
      // Variables the operation does not declare are still sent; they must not reach the log either.
      { email: 'owner1@lakeside.test', password: DEMO_PASSWORD, phone: '13800138000', name: '王小明' },
      { 'x-request-id': 'lb-4f1c2a-0001' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('lb-4f1c2a-0001');
    const { data } = (await response.json()) as { data: { login: { id: string; displayName: string; email: string } } };

    const line = await lineFor('lb-4f1c2a-0001');
    expect(line).toMatchObject({ operation: 'SignIn', operationType: 'mutation', status: 200, errors: [], viewer: null });
    expect(line.durationMs).toBeGreaterThan(0);
    const text = lines.join('\n');
    for (const secret of ['owner1@lakeside.test', DEMO_PASSWORD, '13800138000', '王小明', data.login.displayName]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/cookie|session/i);
  });

  it('names the viewer by id and lists error codes', async () => {
    const signIn = await graphql(SIGN_IN, { email: 'owner1@lakeside.test', password: DEMO_PASSWORD });
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const { data } = (await signIn.json()) as { data: { login: { id: string } } };
    const response = await graphql(
      'query Forbidden($search: String!) { owners(search: $search) { __typename } }',
      { search: '王' },
      { cookie, 'x-request-id': 'req-viewer-1' },
    );
    const line = await lineFor('req-viewer-1');
    expect(line.viewer).toBe(data.login.id);
    expect(line.operation).toBe('Forbidden');
    expect(line.status).toBe(response.status);
    expect(line.errors).toEqual(['FORBIDDEN']);
  });

  it('replaces a malformed request id with a UUID, and logs an invalid document without an operation', async () => {
    const response = await graphql('query Broken { me { ', {}, { 'x-request-id': 'two words\u00e9' });
    const id = response.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const line = await lineFor(id);
    expect(line).toMatchObject({ operation: null, operationType: null, status: 400, errors: ['GRAPHQL_PARSE_FAILED'] });
  });

  it('gives every answer a request id, not only GraphQL ones', async () => {
    expect((await fetch(`${url}/healthz`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('/metrics', () => {
  it('serves Prometheus text from this machine: requests by operation, latency, process, pool and sweep lag', async () => {
    await graphql('query { me { id } }', {});
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^cocreate_graphql_requests_total\{operation="SignIn",status="200"\} [2-9]\d*$/m);
    expect(text).toMatch(/^cocreate_graphql_requests_total\{operation="\(anonymous\)",status="200"\} 1$/m);
    expect(text).toMatch(/^cocreate_graphql_requests_total\{operation="\(invalid\)",status="400"\} 1$/m);
    expect(text).toMatch(/^cocreate_graphql_request_duration_seconds_bucket\{le="0\.1",operation="SignIn"\} \d+$/m);
    expect(text).toMatch(/^cocreate_graphql_request_duration_seconds_count\{operation="SignIn"\} [2-9]\d*$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    for (const state of ['used', 'free', 'pending']) expect(text).toMatch(new RegExp(`^cocreate_db_pool_connections\\{state="${state}"\\} \\d+$`, 'm'));
    expect(text).toMatch(/^cocreate_db_pool_max_connections 5$/m);
    expect(text).toMatch(/^cocreate_sweep_lag_seconds \d/m);
    expect(text).toMatch(/^cocreate_sweep_failures_total 0$/m);
  });

  it('refuses a request relayed by a proxy unless it bears the token', async () => {
    const relayed = { 'x-forwarded-for': '203.0.113.9' };
    const refused = await fetch(`${url}/metrics`, { headers: relayed });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await refused.text()).not.toMatch(/cocreate_/);
    expect((await fetch(`${url}/metrics`, { headers: { ...relayed, authorization: `Bearer ${'y'.repeat(32)}` } })).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { ...relayed, authorization: `Bearer ${'x'.repeat(32)}` } })).status).toBe(200);
  });
});
