import type { EntityManager } from '@mikro-orm/postgresql';
import { demoCommunity, demoSecondCommunity, DEMO_PASSWORD, DEMO_COMMUNITY } from '@cocreate/seeds';
import { Community } from '../community/community.entity.js';
import { createCommunity } from './community.js';
import { EventBus } from '../shared/events.js';
import { seedDemoTickets } from './demo-tickets.js';
import { seedDemoBoard } from './demo-board.js';
import { withDefaults } from '../settings.js';
import { CHINA_2026 } from '../tickets/sla-calendar.rules.js';

/** Seeds 湖畔物业 — 湖畔花园 with its activity, and 湖畔雅苑 — unless it is already there. Returns whether anything was created. */
export async function seedDemo(em: EntityManager): Promise<boolean> {
  if (await em.findOne(Community, { name: DEMO_COMMUNITY })) return false;
  const community = await createCommunity(em, demoCommunity(), DEMO_PASSWORD);
  const second = await createCommunity(em, demoSecondCommunity(), DEMO_PASSWORD);
  // The 2026 holiday calendar as the State Council published it; no department has working hours
  // yet, so every clock still counts every hour until the admin sets them (/admin).
  for (const { id } of [community, second]) {
    const c = await em.findOneOrFail(Community, { id });
    c.settings = { ...withDefaults(c.settings), holidays: { 2026: CHINA_2026 } };
  }
  await em.flush();
  // Events are published with NOTIFY on this connection; nobody needs to be listening yet.
  const events = new EventBus('');
  await seedDemoTickets(em.fork(), community.id, events);
  await seedDemoBoard(em.fork(), community.id, events);
  return true;
}
