// Writes a migration for the difference between the committed migrations and the entities.
// Runs against a throw-away embedded PostgreSQL, so nobody's data is involved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { openOrm, migrate } from '../db/orm.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const migrationsDir = path.resolve(here, '../migrations');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-migration-'));
const db = await startEmbeddedPostgres(dataDir, 54400 + Math.floor(Math.random() * 500));
try {
  const orm = await openOrm(db.url);
  await migrate(orm);
  const created = await orm.getMigrator().createMigration(migrationsDir, false, false, process.argv[2]);
  await orm.close();
  if (!created.fileName) {
    console.log('Entities and migrations agree: nothing to create.');
  } else {
    const files = fs
      .readdirSync(migrationsDir)
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .sort();
    const names = files.map((f) => f.replace(/\.ts$/, ''));
    const index = [
      '// Listed here, not discovered from disk, so tsc output, tsx and vitest all run the same set.',
      "import type { MigrationObject } from '@mikro-orm/core';",
      ...names.map((n) => `import { ${n} } from './${n}.js';`),
      '',
      'export const migrationsList: MigrationObject[] = [',
      ...names.map((n) => `  { name: '${n}', class: ${n} },`),
      '];',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(migrationsDir, 'index.ts'), index);
    console.log(`Created ${created.fileName}`);
  }
} finally {
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
