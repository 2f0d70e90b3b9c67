import type { EntityManager } from '@mikro-orm/postgresql';
import type { SeedCommunity } from '@cocreate/seeds';
import { hashPassword } from '../auth/auth.service.js';
import { normaliseEmail } from '../auth/auth.rules.js';
import { Building } from './building.entity.js';
import { Community } from './community.entity.js';
import { Department, Role } from './community.enums.js';
import { Ownership } from './ownership.entity.js';
import { Person } from './person.entity.js';
import { Unit } from './unit.entity.js';

/**
 * Creates a whole community (buildings, units, people, ownerships) in one transaction.
 * Used by the demo seed and by tests; an admin screen will reuse it for imports.
 */
export async function createCommunity(em: EntityManager, spec: SeedCommunity, password: string): Promise<Community> {
  return em.transactional(async (tx) => {
    const community = tx.create(Community, { name: spec.name, timezone: spec.timezone });
    const buildings = new Map(
      spec.buildings.map((b) => [b.number, tx.create(Building, { community, number: b.number, name: b.name })]),
    );
    const units = new Map(
      spec.units.map((u) => {
        const building = buildings.get(u.building);
        if (!building) throw new Error(`Unit ${u.label} names building ${u.building}, which is not in the community.`);
        return [u.label, tx.create(Unit, { community, building, label: u.label, area: u.area })];
      }),
    );
    for (const p of spec.people) {
      const person = tx.create(Person, {
        community,
        email: p.email === null ? null : normaliseEmail(p.email),
        displayName: p.displayName,
        phone: p.phone,
        passwordHash: p.email === null ? null : await hashPassword(password),
        roles: p.roles.map((r) => Role[r]),
        department: p.department ? Department[p.department] : null,
        leadsDepartment: p.leadsDepartment ?? false,
      });
      for (const label of p.units) {
        const unit = units.get(label);
        if (!unit) throw new Error(`${p.email ?? p.displayName} owns ${label}, which is not in the community.`);
        tx.create(Ownership, { community, person, unit });
      }
    }
    return community;
  });
}
