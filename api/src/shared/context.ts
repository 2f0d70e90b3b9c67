import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Department, Role } from '../community/community.enums.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { unauthenticated } from './errors.js';

export interface ViewerContext {
  id: string;
  communityId: string;
  roles: Role[];
  department: Department | null;
  sessionTokenHash: string;
}

export interface Context {
  em: EntityManager;
  viewer: ViewerContext | null;
  clock: Clock;
  config: Config;
  req: IncomingMessage;
  res: ServerResponse | null;
}

export function requireViewer(ctx: Context): ViewerContext {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
