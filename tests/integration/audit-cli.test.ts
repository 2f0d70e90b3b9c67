import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { cloneTemplate } from '../support/harness.js';
import { repoRoot } from '../support/process.js';

const run = (databaseUrl: string) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'api/dist/cli/audit-verify.js')], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    encoding: 'utf8',
  });

describe('npm run audit:verify', () => {
  it('reports an intact chain, then the first broken sequence after tampering, with a failing exit code', async () => {
    const url = await cloneTemplate();
    const ok = run(url);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/✓ 湖畔花园: \d+ entries, chain intact/);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query('alter table audit_entry disable trigger audit_entry_no_update_delete');
    await db.query(`update audit_entry set actor_name = '某人' where seq = 1`);
    await db.end();
    const broken = run(url);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/✗ 湖畔花园: chain broken at sequence 1/);
  });
});
