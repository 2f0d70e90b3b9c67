// The read path's statements: named prepared statements sent with `pg` on the ORM's own pool.
//
// MikroORM's `em.execute` writes the parameters into the SQL text, so PostgreSQL parses and plans
// every read afresh (≈ 3.5 ms a request on the board, issue 15). Here the text keeps `$n`
// placeholders and the statement is named after it: each pooled connection parses it once and
// PostgreSQL may keep a generic plan. The connection is borrowed from the pool MikroORM's knex
// already holds — not a second pool — so the server keeps one connection limit, one set of type
// parsers (timestamps arrive as strings, as from `em.execute`) and one session setup.
//
// Tenancy is not affected: it is the `community` filter of MikroORM plus an explicit
// `community_id = ?` in every read-model statement (no row-level security, no `set local`), and
// raw SQL never saw the filter anyway. Inside a transaction the statement runs through the ORM on
// the transaction's connection, so it sees the transaction's own writes.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

interface PgConnection {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/**
 * Statements are named by a hash of their text. Texts are few (one per list and filter shape), but
 * a search with many words makes a new text: past this many the rest are sent unnamed, so a
 * connection never holds an unbounded number of prepared statements.
 */
const MAX_NAMED = 400;
const statements = new Map<string, { name: string | undefined; text: string }>();

function statement(sql: string) {
  let s = statements.get(sql);
  if (!s) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const name = statements.size < MAX_NAMED ? `read_${createHash('sha1').update(text).digest('hex').slice(0, 24)}` : undefined;
    s = { name, text };
    if (name) statements.set(sql, s);
  }
  return s;
}

/**
 * Rows of a read-model statement, written with `?` placeholders like `em.execute` (no `?` in the
 * text otherwise; arrays are bound as PostgreSQL arrays, so `= any(?)`, never `in (?)`).
 */
export async function readRows<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  if (em.isInTransaction()) return em.execute<T[]>(sql, params);
  const { name, text } = statement(sql);
  const client = em.getConnection().getKnex().client as unknown as KnexClient;
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ name, text, values: params })).rows as T[];
  } finally {
    await client.releaseConnection(connection);
  }
}
