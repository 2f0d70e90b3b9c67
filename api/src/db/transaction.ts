import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `work` in a transaction on `em` itself, so the entities it already loaded and changed are
 * flushed in it (em.transactional would run on a fork). Commits when `work` succeeds, else rolls back.
 */
export async function withinTransaction<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
  await em.begin();
  try {
    const result = await work();
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback().catch(() => {});
    throw error;
  }
}
