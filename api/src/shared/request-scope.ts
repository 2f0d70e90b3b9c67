import type { EntityManager } from '@mikro-orm/postgresql';

/** What a read needs of the request it serves: its unit of work and its DataLoaders. */
export interface RequestScope {
  em: EntityManager;
  /** Per-request DataLoaders, created on first use. */
  loaders: Map<string, unknown>;
}

/** The request's DataLoader under `key`, made on first use: one batch per request, not one query per row. */
export function loader<T>(scope: RequestScope, key: string, make: () => T): T {
  if (!scope.loaders.has(key)) scope.loaders.set(key, make());
  return scope.loaders.get(key) as T;
}
