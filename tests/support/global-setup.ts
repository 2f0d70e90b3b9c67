import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import { migrate, openOrm } from '@cocreate/api/db/orm';
import { seedDemo } from '@cocreate/api/seed/demo';
import { throwAwayPostgres } from './postgres.js';

export const TEMPLATE_DB = 'cocreate_template';

declare module 'vitest' {
  export interface ProvidedContext {
    templateUrl: string;
  }
}

/** One PostgreSQL for the run; a migrated, seeded template database that each test file clones. */
export default async function setup(project: TestProject) {
  const pg = await throwAwayPostgres(TEMPLATE_DB);
  const orm = await openOrm(pg.url);
  await migrate(orm);
  await seedDemo(orm.em.fork());
  await orm.close();
  project.provide('templateUrl', pg.url);
  return async () => {
    await pg.stop();
  };
}
