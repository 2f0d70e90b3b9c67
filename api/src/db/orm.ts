import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
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
    pool: { min: 0, max: 10 },
    allowGlobalContext: false,
    ...extra,
  };
}

export async function openOrm(clientUrl: string, extra: Partial<Options> = {}) {
  return MikroORM.init(ormOptions(clientUrl, extra));
}

export async function migrate(orm: MikroORM) {
  return orm.getMigrator().up();
}
