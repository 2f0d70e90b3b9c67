import type { EntityManager } from '@mikro-orm/postgresql';
import { Ownership } from './ownership.entity.js';
import { Person } from './person.entity.js';
import type { Viewer } from '../auth/auth.types.js';

export class CommunityService {
  async viewer(em: EntityManager, personId: string): Promise<Viewer | null> {
    const person = await em.findOne(Person, { id: personId }, { populate: ['community'] });
    if (!person) return null;
    const ownerships = await em.find(Ownership, { person }, { populate: ['unit'], orderBy: { unit: { label: 'asc' } } });
    return {
      id: person.id,
      displayName: person.displayName,
      email: person.email,
      roles: person.roles,
      department: person.department,
      community: { id: person.community.id, name: person.community.name, timezone: person.community.timezone },
      units: ownerships.map(({ unit }) => ({ id: unit.id, label: unit.label, area: Number(unit.area) })),
    };
  }
}
