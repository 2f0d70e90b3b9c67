import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ViewerContext } from './community/viewer.js';
import type { Clock } from './shared/clock.js';
import type { Config } from './shared/config.js';
import { unauthenticated } from './shared/errors.js';
import type { Services } from './services.js';

export type { ViewerContext };

export interface Context {
  em: EntityManager;
  viewer: ViewerContext | null;
  clock: Clock;
  config: Config;
  req: IncomingMessage;
  res: ServerResponse | null;
  services: Services;
  /** Per-request DataLoaders, created on first use. */
  loaders: Map<string, unknown>;
}

export function loader<T>(ctx: Context, key: string, make: () => T): T {
  if (!ctx.loaders.has(key)) ctx.loaders.set(key, make());
  return ctx.loaders.get(key) as T;
}

export function requireViewer(ctx: Context): ViewerContext {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/**
 * One context serves a whole subscription: each event starts from a clean unit of work and empty
 * loaders, or field resolvers would answer from the first event's cache.
 */
export function refreshForEvent(ctx: Context): Context {
  ctx.em = ctx.em.fork({ clear: true });
  ctx.loaders.clear();
  return ctx;
}
