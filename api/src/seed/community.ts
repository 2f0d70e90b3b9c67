import type { EntityManager } from '@mikro-orm/postgresql';
import type { SeedCommunity } from '@cocreate/seeds';
import { seedAccounts } from '../auth/account.service.js';
import { createCommunity as create } from '../community/community.commands.js';
import type { Community } from '../community/community.entity.js';
import { settingsDefaults } from '../settings.js';

/** A whole community from a seed spec (see community.commands.ts), its people's accounts with `password`. */
export async function createCommunity(em: EntityManager, spec: SeedCommunity, password: string): Promise<Community> {
  return create(em, spec, { settings: settingsDefaults, accounts: await seedAccounts(password) });
}
