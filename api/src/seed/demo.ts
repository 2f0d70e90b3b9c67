import type { EntityManager } from '@mikro-orm/postgresql';
import { demoCommunity, DEMO_PASSWORD, DEMO_COMMUNITY } from '@cocreate/seeds';
import { Community } from '../community/community.entity.js';
import { createCommunity } from '../community/community.commands.js';

/** Seeds 湖畔花园 unless it is already there. Returns whether anything was created. */
export async function seedDemo(em: EntityManager): Promise<boolean> {
  if (await em.findOne(Community, { name: DEMO_COMMUNITY })) return false;
  await createCommunity(em, demoCommunity(), DEMO_PASSWORD);
  return true;
}
