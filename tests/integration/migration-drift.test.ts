import { afterAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '@cocreate/api/db/orm';
import { cloneTemplate } from '../support/harness.js';

let orm: MikroORM | undefined;
afterAll(() => orm?.close(true));

/**
 * Migrations are written by hand (or generated and then edited), so an entity can change without
 * one, or a migration add what no entity declares. MikroORM's schema diff of a database built from
 * the committed migrations against the entities must be empty: anything it would change is drift.
 */
describe('migrations and entities agree (no drift)', () => {
  it('a database migrated from the committed migrations needs no change to match the entities', async () => {
    orm = await openOrm(await cloneTemplate(), { pool: { min: 0, max: 2 } });
    const drift = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    expect(drift.trim(), 'run `npm run migration:create -w @cocreate/api -- NAME` and commit the migration').toBe('');
  });
});
