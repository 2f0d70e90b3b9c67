import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '@cocreate/api/db/orm';
import { startServer, type RunningServer } from '@cocreate/api/server';
import { loadConfig } from '@cocreate/api/shared/config';
import { ManualClock } from '@cocreate/api/shared/clock';

export const DEMO_PASSWORD = 'cocreate-demo';

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

/** A signed-in (or anonymous) HTTP client that keeps its session cookie like a browser. */
export class Client {
  cookie: string | null = null;
  constructor(readonly url: string) {}

  async raw<T = unknown>(query: string | DocumentNode, variables: Record<string, unknown> = {}): Promise<{ status: number; body: GraphQLResult<T> }> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
    });
    const setCookie = response.headers.getSetCookie();
    for (const c of setCookie) {
      const pair = c.split(';')[0]!;
      this.cookie = /=$/.test(pair) || /Expires=Thu, 01 Jan 1970/i.test(c) ? null : pair;
    }
    return { status: response.status, body: (await response.json()) as GraphQLResult<T> };
  }

  /** Runs an operation and returns its data, failing loudly on any error. */
  async run<T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V> | string, variables?: V): Promise<T> {
    const { body } = await this.raw<T>(document as DocumentNode, variables);
    if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return body.data as T;
  }

  /** Runs an operation expected to fail and returns its first error. */
  async fail<V extends Record<string, unknown>>(document: TypedDocumentNode<unknown, V> | string, variables?: V) {
    const { body } = await this.raw(document as DocumentNode, variables);
    const error = body.errors?.[0];
    if (!error) throw new Error(`Expected an error, got data ${JSON.stringify(body.data)}`);
    return error;
  }
}

export interface TestApp {
  url: string;
  orm: MikroORM;
  server: RunningServer;
  clock: ManualClock;
  databaseUrl: string;
  client(): Client;
  signIn(email: string, password?: string): Promise<Client>;
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** A fresh database of its own, cloned from the migrated and seeded template (fast). */
export async function cloneTemplate(): Promise<string> {
  const templateUrl = inject('templateUrl');
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: templateUrl.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`create database "${name}" template cocreate_template`);
  await admin.end();
  return templateUrl.replace(/\/[^/]+$/, `/${name}`);
}

/** Clones the seeded template into a database of this file's own, and serves the API on a free port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await cloneTemplate();
  const orm = await openOrm(databaseUrl, { pool: { min: 0, max: 20 } });
  const clock = new ManualClock(new Date());
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      SEED_DEMO: '0',
      SWEEP_INTERVAL_SECONDS: '0',
      // Tests fire requests far faster than people; rate-limit.test.ts turns the limits on.
      RATE_LIMIT_ANONYMOUS: '0',
      RATE_LIMIT_PERSON: '0',
      // The outbox is written either way; only tests of delivery run its worker.
      NOTIFY_WORKER: '0',
      ...env,
    }),
    port: 0,
    host: '127.0.0.1',
  };
  const server = await startServer({ config, orm, clock, portal: false });
  const url = `http://127.0.0.1:${server.port}`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    url,
    orm,
    server,
    clock,
    databaseUrl,
    client: () => new Client(url),
    async signIn(email, password = DEMO_PASSWORD) {
      const client = new Client(url);
      await client.run(`mutation($email:String!,$password:String!){ login(email:$email,password:$password){ id } }`, { email, password });
      return client;
    },
    async sql(text, params = []) {
      return (await pool.query(text, params)).rows;
    },
    async close() {
      await server.close();
      await pool.end();
      await orm.close();
    },
  };
}

/**
 * Leaves 湖畔花园 the only community in this file's database: for tests that count the register
 * across whole tables (units, owners, accounts). 湖畔雅苑, the demo company's second community,
 * holds only its register and the people who work in both.
 */
export async function withoutSecondCommunity(app: TestApp): Promise<void> {
  const where = `community_id = (select id from community where name = '湖畔雅苑')`;
  for (const table of ['session', 'one_time_code', 'resident', 'ownership', 'audit_entry', 'person', 'unit', 'building']) {
    await app.sql(`delete from ${table} where ${where}`);
  }
  await app.sql(`delete from community where name = '湖畔雅苑'`);
}
