import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `work` in a transaction on `em` itself, so the entities it already loaded and changed are
 * flushed in it (em.transactional would run on a fork). Commits when `work` succeeds, else rolls back;
 * inside a transaction already, `work` is part of it.
 */
export async function withinTransaction<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
  // Already in one (a command of another domain run inside the caller's transaction): join it.
  // A nested begin() would open a savepoint whose commit leaves `em` with no transaction at all,
  // and the caller's later statements would run outside it, on other connections.
  if (em.isInTransaction()) return work();
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
