import type { EntityManager } from '@mikro-orm/postgresql';
import { Ownership } from '../community/ownership.entity.js';
import { Person } from '../community/person.entity.js';
import { Resident } from '../community/resident.entity.js';
import type { Unit } from '../community/unit.entity.js';
import type { CommunityRef } from '../community/community.types.js';
import type { Viewer } from './auth.types.js';

/** The signed-in person as `me` shows them: their units, homes and the company's communities they are in. */
export async function viewerOf(em: EntityManager, personId: string): Promise<Viewer | null> {
  const person = await em.findOne(Person, { id: personId }, { populate: ['community', 'community.company', 'account'], filters: false });
  if (!person) return null;
  const [ownerships, residences, communities] = await Promise.all([
    em.find(Ownership, { person }, { populate: ['unit'], orderBy: { unit: { label: 'asc' } }, filters: false }),
    em.find(Resident, { person }, { populate: ['unit'], orderBy: { unit: { label: 'asc' } }, filters: false }),
    person.account
      ? em.execute<CommunityRef[]>(
          `select c.id, c.name, c.timezone from person p join community c on c.id = p.community_id
            where p.account_id = ? and p.deactivated_at is null order by c.created_at, c.name`,
          [person.account.id],
        )
      : Promise.resolve([]),
  ]);
  const unit = ({ unit: u }: { unit: Unit }) => ({ id: u.id, label: u.label, area: Number(u.area) });
  return {
    id: person.id,
    displayName: person.displayName,
    email: person.email ?? person.account?.email ?? '',
    phone: person.phone ?? person.account?.phone ?? null,
    roles: person.roles,
    department: person.department,
    community: { id: person.community.id, name: person.community.name, timezone: person.community.timezone },
    units: ownerships.map(unit),
    residences: residences.map(unit),
    communities,
    companyName: person.community.company.name,
    companyAdmin: person.account?.companyAdmin ?? false,
  };
}
