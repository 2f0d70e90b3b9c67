import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ViewerContext } from './community/viewer.js';
import type { StoredSettings } from './community/community.settings.js';
import type { Clock } from './shared/clock.js';
import type { Config } from './shared/config.js';
import { unauthenticated } from './shared/errors.js';
import type { Services } from './services.js';
import { loader, type RequestScope } from './shared/request-scope.js';

export type { ViewerContext };

export interface Context extends RequestScope {
  em: EntityManager;
  viewer: ViewerContext | null;
  /**
   * The viewer's community's settings and time zone as the request began, read with the session
   * (one statement). For read paths (through `requestCommunity`); commands read them again in their
   * transaction. Null without a viewer, and for each event of a subscription (read again then).
   */
  community: { settings: StoredSettings; timezone: string } | null;
  clock: Clock;
  config: Config;
  req: IncomingMessage;
  res: ServerResponse | null;
  services: Services;
}

export { loader };

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
  ctx.community = null;
  return ctx;
}
