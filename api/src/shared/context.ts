import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Department, Role } from '../community/community.enums.js';
import type { CommunitySettings } from '../community/community.settings.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { unauthenticated } from './errors.js';
import type { Services } from './services.js';

export interface ViewerContext {
  id: string;
  communityId: string;
  roles: Role[];
  department: Department | null;
  /** Head of their department (absent where not loaded, e.g. seeds: not a head). */
  leadsDepartment?: boolean;
  sessionTokenHash: string;
  /** Absent where no session stands behind the viewer (seeds, tests of rules). */
  sessionId?: string;
  accountId?: string;
  companyId?: string;
  /** 公司管理员 of their company. */
  companyAdmin?: boolean;
}

export interface Context {
  em: EntityManager;
  viewer: ViewerContext | null;
  /**
   * The viewer's community's settings as the request began, read with the session (one statement).
   * For read paths (through `requestSettings`); commands read them again in their transaction.
   * Null without a viewer, and for each event of a subscription (read again then).
   */
  settings: CommunitySettings | null;
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
  ctx.settings = null;
  return ctx;
}
