import type { EntityManager } from '@mikro-orm/postgresql';
import type { SeedCommunity } from '@cocreate/seeds';
import { Building } from './building.entity.js';
import { Community } from './community.entity.js';
import { Company } from './company.entity.js';
import { Department, ResidentRelation, Role } from './community.enums.js';
import type { SettingsDefaults } from './community.settings.js';
import { Ownership } from './ownership.entity.js';
import { Person } from './person.entity.js';
import { Resident } from './resident.entity.js';
import { Unit } from './unit.entity.js';

/** The sign-in accounts of a new community's people: the auth domain's, handed in by the root. */
export interface CommunityAccounts {
  /** An email as accounts compare it. */
  normaliseEmail(email: string): string;
  /** The company's activated account for this email, created if there is none (one per email within the company). */
  accountFor(tx: EntityManager, company: Company, email: string, phone: string | null, companyAdmin: boolean): Promise<NonNullable<Person['account']>>;
}

/**
 * Creates a whole community (buildings, units, people, ownerships, residents) in one transaction,
 * in the company the spec names (created on first use; absent: a company of its own). Everyone with
 * an email gets an activated account — one account per email within the company, so a manager of two
 * communities signs in once. Seeds and tests call it through ../seed/community.ts, which hands in the
 * settings' defaults and the accounts.
 */
export async function createCommunity(
  em: EntityManager,
  spec: SeedCommunity,
  { settings, accounts }: { settings: SettingsDefaults; accounts: CommunityAccounts },
): Promise<Community> {
  const { normaliseEmail } = accounts;
  return em.transactional(async (tx) => {
    const company = (spec.company ? await tx.findOne(Company, { name: spec.company }) : null) ?? tx.create(Company, { name: spec.company ?? spec.name });
    const community = tx.create(Community, {
      company,
      name: spec.name,
      address: spec.address ?? null,
      timezone: spec.timezone,
      settings: company.settingsTemplate ?? settings.defaults(),
    });
    const buildings = new Map(spec.buildings.map((b) => [b.number, tx.create(Building, { community, number: b.number, name: b.name })]));
    const units = new Map(
      spec.units.map((u) => {
        const building = buildings.get(u.building);
        if (!building) throw new Error(`Unit ${u.label} names building ${u.building}, which is not in the community.`);
        return [u.label, tx.create(Unit, { community, building, label: u.label, area: u.area })];
      }),
    );
    const accountFor = (email: string, phone: string | null, companyAdmin: boolean) => accounts.accountFor(tx, company, email, phone, companyAdmin);
    const people = new Map<string, Person>();
    for (const p of spec.people) {
      const email = p.email === null ? null : normaliseEmail(p.email);
      const person = tx.create(Person, {
        community,
        email,
        displayName: p.displayName,
        phone: p.phone,
        account: email === null ? null : await accountFor(email, p.phone, p.companyAdmin ?? false),
        roles: p.roles.map((r) => Role[r]),
        department: p.department ? Department[p.department] : null,
        leadsDepartment: p.leadsDepartment ?? false,
      });
      if (email) people.set(email, person);
      for (const label of p.units) {
        const unit = units.get(label);
        if (!unit) throw new Error(`${p.email ?? p.displayName} owns ${label}, which is not in the community.`);
        tx.create(Ownership, { community, person, unit });
      }
    }
    for (const r of spec.residents ?? []) {
      const unit = units.get(r.unit);
      const addedBy = people.get(normaliseEmail(r.addedBy));
      if (!unit || !addedBy) throw new Error(`Resident ${r.email} names unit ${r.unit} or owner ${r.addedBy}, not in the community.`);
      const email = normaliseEmail(r.email);
      const person = tx.create(Person, {
        community,
        email,
        displayName: r.displayName,
        phone: r.phone,
        account: await accountFor(email, r.phone, false),
        roles: [Role.RESIDENT],
      });
      tx.create(Resident, { community, unit, person, relation: ResidentRelation[r.relation], until: r.until ?? null, addedBy });
    }
    return community;
  });
}
