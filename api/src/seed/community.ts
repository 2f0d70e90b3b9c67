import type { EntityManager } from '@mikro-orm/postgresql';
import type { SeedCommunity } from '@cocreate/seeds';
import { createCommunity as create } from '../community/community.commands.js';
import type { Community } from '../community/community.entity.js';
import { settingsDefaults } from '../settings.js';

/** A whole community from a seed spec (see community.commands.ts), wired with what the root composes. */
export function createCommunity(em: EntityManager, spec: SeedCommunity, password: string): Promise<Community> {
  return create(em, spec, password, settingsDefaults);
}
