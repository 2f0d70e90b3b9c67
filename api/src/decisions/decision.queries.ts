// Read side of owners' votes that is not the service's own: what a proposal's field asks.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Decision } from './decision.entity.js';

/** The latest vote of each proposal, or null: one statement for all of them. */
export async function latestDecisions(em: EntityManager, proposalIds: readonly string[]): Promise<(Decision | null)[]> {
  const rows = await em.find(Decision, { proposal: { $in: [...proposalIds] } }, { populate: ['proposal'], orderBy: { opensAt: 'desc' } });
  return proposalIds.map((id) => rows.find((d) => d.proposal.id === id) ?? null);
}
