// `npm run audit:verify`: recomputes every community's audit chain and exits 1 if any is broken.
// Uses DATABASE_URL, else the embedded database of `npm start` (running or not).
import 'reflect-metadata';
import pg from 'pg';
import { loadConfigOrExit } from '../shared/config.js';
import { startEmbeddedPostgres, embeddedUrl, type EmbeddedDb } from '../db/embedded.js';
import { verifyChain, type StoredEntry } from '../audit/audit.rules.js';

async function reachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const config = loadConfigOrExit({ ...process.env, SEED_DEMO: '0' });

let embedded: EmbeddedDb | null = null;
let url = config.databaseUrl;
if (!url) {
  url = embeddedUrl(config.embeddedPgPort);
  if (!(await reachable(url))) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
    url = embedded.url;
  }
}

const client = new pg.Client({ connectionString: url });
let broken = 0;
try {
  await client.connect();
  const communities = await client.query<{ id: string; name: string }>('select id, name from community order by name');
  for (const c of communities.rows) {
    const rows = await client.query<{
      seq: number;
      at: Date;
      actor_id: string | null;
      actor_name: string | null;
      action: string;
      subject_type: string;
      subject_id: string;
      payload: string;
      prev_hash: string;
      hash: string;
    }>(
      `select seq, at, actor_id, actor_name, action, subject_type, subject_id, payload, prev_hash, hash
         from audit_entry where community_id = $1 order by seq`,
      [c.id],
    );
    const entries: StoredEntry[] = rows.rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      payload: r.payload,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const result = verifyChain(entries);
    const head = entries.at(-1)?.hash ?? '(empty)';
    if (result.valid) {
      console.log(`✓ ${c.name}: ${result.entries} entries, chain intact. Head ${head}`);
    } else {
      broken++;
      console.log(`✗ ${c.name}: chain broken at sequence ${result.firstBrokenSequence} (of ${entries.length} entries).`);
    }
  }
} finally {
  await client.end().catch(() => {});
  if (embedded) await embedded.stop();
}
process.exit(broken ? 1 : 0);
