import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { Logger, runMigrations } from 'graphile-worker';
import { entities } from './entities.js';
import { migrationsList } from '../migrations/index.js';

export function ormOptions(clientUrl: string, extra: Partial<Options> = {}): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: 'src/migrations',
      emit: 'ts',
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    // graphile-worker's schema belongs to the library (runMigrations below): never diffed into ours.
    schemaGenerator: { skipTables: [/^graphile_worker\./, /^_private_(jobs|job_queues|tasks|known_crontabs)$/, /^migrations$/] },
    pool: { min: 0, max: 10 },
    allowGlobalContext: false,
    ...extra,
  };
}

export async function openOrm(clientUrl: string, extra: Partial<Options> = {}) {
  return MikroORM.init(ormOptions(clientUrl, extra));
}

/**
 * Our migrations, then graphile-worker's own schema (graphile_worker.*, versioned by the library):
 * the outbox queues jobs with its SQL function inside our transactions, so it must exist before the
 * first command runs, on `npm start`, in the tests' template database and on a fresh clone alike.
 */
export async function migrate(orm: MikroORM) {
  const applied = await orm.getMigrator().up();
  await runMigrations({ connectionString: orm.config.get('clientUrl')!, logger: quietLogger });
  return applied;
}

const quietLogger = new Logger(() => () => {});
