import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthService } from '../auth/auth.service.js';
import type { AccountService } from '../auth/account.service.js';
import type { FilesService } from '../files/files.service.js';
import { normaliseEmail, normalisePhone } from '../auth/auth.rules.js';
import { CodePurpose } from '../auth/one-time-code.entity.js';
import { type Department, type ResidentRelation, Role } from '../community/community.enums.js';
import { hasAccountSql } from '../community/person.sql.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import { badInput, DomainError, notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { pgArray } from '../shared/pg-array.js';
import { decodeCursor, encodeCursor, pageOf, type Page } from '../shared/pagination.js';
import type { TicketService } from '../tickets/ticket.service.js';
import {
  checkStaffShape,
  isCalendarDate,
  leavesNoAdmin,
  localDate,
  MAX_RESIDENTS_PER_UNIT,
  sortRoles,
  STAFF_ROLES,
  validEmail,
  type Problem,
} from './people.rules.js';
import type { OpenWorkView, PersonView, ResidentView } from './people.types.js';

interface PersonRow {
  id: string;
  display_name: string;
  phone: string | null;
  email: string | null;
  roles: Role[];
  department: Department | null;
  leads_department: boolean;
  committee_term_ends_on: string | null;
  deactivated_at: Date | null;
  deactivation_reason: string | null;
  has_account: boolean;
  units: string[];
  account_id: string | null;
  created_at: Date;
}

const PERSON_COLUMNS = `p.id, p.display_name, p.phone, p.email, p.roles, p.department, p.leads_department, p.account_id, p.created_at,
  to_char(p.committee_term_ends_on, 'YYYY-MM-DD') as committee_term_ends_on, p.deactivated_at, p.deactivation_reason,
  ${hasAccountSql('p')} as has_account,
  array(select u.label from ownership o join unit u on u.id = o.unit_id where o.person_id = p.id order by u.label) as units`;

export const toPersonView = (r: PersonRow): PersonView => ({
  id: r.id,
  displayName: r.display_name,
  phone: r.phone,
  email: r.email,
  roles: sortRoles(r.roles),
  department: r.department,
  headOfDepartment: r.leads_department,
  committeeTermEndsOn: r.committee_term_ends_on,
  active: !r.deactivated_at,
  deactivatedAt: r.deactivated_at ? new Date(r.deactivated_at) : null,
  deactivationReason: r.deactivation_reason,
  hasAccount: r.has_account,
  units: r.units,
});

const refuse = (p: Problem) => new DomainError('BAD_USER_INPUT', `${p.field}: ${p.message}`, { field: p.field, reason: p.reason });

export interface StaffData {
  displayName: string;
  phone: string;
  email?: string | null;
  department?: Department | null;
  roles: Role[];
  headOfDepartment: boolean;
}
export interface PersonChanges {
  displayName?: string | null;
  phone?: string | null;
  email?: string | null;
  department?: Department | null;
  roles?: Role[] | null;
  headOfDepartment?: boolean | null;
}

/**
 * The people of a community as its admins manage them: staff added and changed, the committee
 * set, people deactivated (离职) with their open work handed over, and owners' households
 * (residents). Every change of roles, headship and membership is an audit-chain entry.
 */
export class PeopleService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly tickets: () => TicketService,
    private readonly accounts: () => AccountService,
    private readonly files: () => FilesService,
  ) {}

  async person(em: EntityManager, viewer: ViewerContext, id: string): Promise<PersonView> {
    const row = await this.row(em, viewer.communityId, id);
    if (!row) throw notFound('Person');
    return toPersonView(row);
  }

  async list(
    em: EntityManager,
    viewer: ViewerContext,
    filter: { search?: string | null; role?: Role | null; department?: Department | null; active?: boolean | null; hasAccount?: boolean | null },
    first: number,
    after: string | null | undefined,
  ): Promise<Page<PersonView>> {
    const cursor = decodeCursor(after, ['timestamp', 'uuid'] as const);
    const where = ['p.community_id = ?'];
    const params: unknown[] = [viewer.communityId];
    const search = filter.search?.trim();
    if (search) {
      const term = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(
        `(p.display_name ilike ? or p.phone like ? or p.email ilike ? or exists (select 1 from ownership o join unit u on u.id = o.unit_id where o.person_id = p.id and u.label ilike ?))`,
      );
      params.push(term, `%${search.replace(/[\s-]/g, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`, term, term);
    }
    if (filter.role) {
      where.push('? = any(p.roles)');
      params.push(filter.role);
    }
    if (filter.department) {
      where.push('p.department = ?');
      params.push(filter.department);
    }
    if (filter.active === true) where.push('p.deactivated_at is null');
    if (filter.active === false) where.push('p.deactivated_at is not null');
    if (filter.hasAccount === true) where.push(hasAccountSql('p'));
    if (filter.hasAccount === false) where.push(`not ${hasAccountSql('p')}`);
    const filtered = where.join(' and ');
    const page = cursor ? 'and (p.created_at, p.id) > (?::timestamptz, ?::uuid)' : '';
    const [rows, [count]] = await Promise.all([
      em.execute<PersonRow[]>(`select ${PERSON_COLUMNS} from person p where ${filtered} ${page} order by p.created_at, p.id limit ?`, [
        ...params,
        ...(cursor ?? []),
        first + 1,
      ]),
      em.execute<{ n: number }[]>(`select count(*)::int as n from person p where ${filtered}`, params),
    ]);
    return pageOf(rows, first, toPersonView, (_node, r) => encodeCursor([new Date(r.created_at).toISOString(), r.id]), count!.n);
  }

  /**
   * A member of staff: a person of this community, linked to the company's account with that
   * number or email if there is one (someone who already works in another of its communities),
   * otherwise a new account that the person activates with a code.
   */
  async addStaff(em: EntityManager, viewer: ViewerContext, input: StaffData): Promise<PersonView> {
    const phone = normalisePhone(input.phone);
    if (!phone) throw refuse({ field: 'phone', reason: 'PHONE_INVALID', message: 'is not a mainland mobile number (11 digits starting with 1)' });
    const email = input.email?.trim() ? normaliseEmail(input.email) : null;
    if (email && !validEmail(email)) throw refuse({ field: 'email', reason: 'EMAIL_INVALID', message: 'is not an email address' });
    const checked = checkStaffShape({ roles: input.roles, department: input.department ?? null, headOfDepartment: input.headOfDepartment });
    if (!checked.ok) throw refuse(checked.problem);
    const { shape } = checked;
    const companyId = await this.companyOf(em, viewer.communityId);
    return em.transactional(async (tx) => {
      const accountId = await this.accountFor(tx, companyId, phone, email);
      const [here] = await tx.execute<{ id: string; display_name: string }[]>(
        `select id, display_name from person where community_id = ? and (phone = ? or (?::text is not null and email = ?) or (?::uuid is not null and account_id = ?)) limit 1`,
        [viewer.communityId, phone, email, email, accountId, accountId],
      );
      if (here)
        throw new DomainError('CONFLICT', `${here.display_name} is already a person of this community with this number or email: change their roles instead.`, {
          field: 'phone',
          reason: 'PERSON_EXISTS',
          personId: here.id,
        });
      const account =
        accountId ??
        (
          await tx.execute<{ id: string }[]>(
            `insert into account (id, company_id, email, phone, company_admin, created_at) values (gen_random_uuid(), ?, ?, ?, false, ?) returning id`,
            [companyId, email, phone, this.clock.now()],
          )
        )[0]!.id;
      const [created] = await tx.execute<{ id: string }[]>(
        `insert into person (id, community_id, display_name, email, phone, account_id, roles, department, leads_department, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        [viewer.communityId, input.displayName.trim(), email, phone, account, pgArray(shape.roles), shape.department, shape.headOfDepartment, this.clock.now()],
      );
      const person = (await this.row(tx, viewer.communityId, created!.id))!;
      await this.record(tx, viewer, 'STAFF_ADDED', person.id, {
        name: person.display_name,
        roles: shape.roles,
        department: shape.department,
        headOfDepartment: shape.headOfDepartment,
      });
      return toPersonView(person);
    });
  }

  async update(em: EntityManager, viewer: ViewerContext, id: string, input: PersonChanges): Promise<PersonView> {
    return em.transactional(async (tx) => {
      const before = await this.row(tx, viewer.communityId, id, true);
      if (!before) throw notFound('Person');
      const phone = input.phone == null ? before.phone : normalisePhone(input.phone);
      if (input.phone != null && !phone)
        throw refuse({ field: 'phone', reason: 'PHONE_INVALID', message: 'is not a mainland mobile number (11 digits starting with 1)' });
      const email = input.email == null ? before.email : input.email.trim() ? normaliseEmail(input.email) : null;
      if (email && !validEmail(email)) throw refuse({ field: 'email', reason: 'EMAIL_INVALID', message: 'is not an email address' });
      const staffRoles: Role[] = input.roles ?? before.roles.filter((r) => STAFF_ROLES.includes(r));
      const department = input.department !== undefined ? input.department : before.department;
      const headOfDepartment = input.headOfDepartment ?? (department === before.department && before.leads_department);
      const shapeChanged = input.roles != null || input.department !== undefined || input.headOfDepartment != null;
      let roles: readonly Role[] = before.roles;
      if (shapeChanged) {
        const checked = checkStaffShape({ roles: staffRoles, department, headOfDepartment }, { keepRoles: before.roles });
        if (!checked.ok) throw refuse(checked.problem);
        roles = checked.shape.roles;
        if (before.roles.includes(Role.ADMIN) && !roles.includes(Role.ADMIN)) {
          if (before.id === viewer.id) throw refuse({ field: 'roles', reason: 'OWN_ADMIN_ROLE', message: 'you cannot take away your own admin role' });
          if (leavesNoAdmin(await this.activeAdmins(tx, viewer.communityId), before.id, false)) {
            throw refuse({ field: 'roles', reason: 'LAST_ADMIN', message: 'the community would have no admin left' });
          }
        }
      }
      if (before.account_id && (phone !== before.phone || email !== before.email)) {
        const companyId = await this.companyOf(tx, viewer.communityId);
        const [taken] = await tx.execute<{ field: string }[]>(
          `select case when phone = ? then 'phone' else 'email' end as field from account
            where company_id = ? and id <> ? and (phone = ? or (?::text is not null and email = ?)) limit 1`,
          [phone, companyId, before.account_id, phone, email, email],
        );
        if (taken)
          throw new DomainError('CONFLICT', `${taken.field}: another account of the company already uses it`, { field: taken.field, reason: 'ACCOUNT_TAKEN' });
        await tx.execute(`update account set phone = ?, email = ? where id = ?`, [phone, email, before.account_id]);
        await tx.execute(`update person set phone = ?, email = ? where account_id = ?`, [phone, email, before.account_id]);
      }
      await tx.execute(`update person set display_name = ?, phone = ?, email = ?, roles = ?, department = ?, leads_department = ? where id = ?`, [
        input.displayName?.trim() || before.display_name,
        phone,
        email,
        pgArray(roles),
        department,
        headOfDepartment,
        before.id,
      ]);
      const after = (await this.row(tx, viewer.communityId, id))!;
      const changed =
        String(after.roles) !== String(sortRoles(before.roles)) || after.department !== before.department || after.leads_department !== before.leads_department;
      if (changed) {
        await this.record(tx, viewer, 'PERSON_ROLES_CHANGED', after.id, {
          name: after.display_name,
          before: { roles: sortRoles(before.roles), department: before.department, headOfDepartment: before.leads_department },
          after: { roles: after.roles, department: after.department, headOfDepartment: after.leads_department },
        });
      }
      return toPersonView(after);
    });
  }

  /** 评审委员会: exactly these people hold the committee role, with this term; everyone else loses it. */
  async setCommittee(em: EntityManager, viewer: ViewerContext, personIds: string[], termEnd: string | null | undefined): Promise<PersonView[]> {
    const termEndsOn = termEnd?.trim() || null;
    if (new Set(personIds).size !== personIds.length) throw badInput('personIds', 'names a person twice');
    if (personIds.length > 50) throw badInput('personIds', 'at most 50 members');
    if (termEndsOn !== null && !isCalendarDate(termEndsOn))
      throw refuse({ field: 'termEndsOn', reason: 'DATE_INVALID', message: 'must be a date like 2027-12-31' });
    const timezone = await this.timezoneOf(em, viewer.communityId);
    if (termEndsOn !== null && termEndsOn < localDate(this.clock.now(), timezone))
      throw refuse({ field: 'termEndsOn', reason: 'DATE_PAST', message: 'is in the past' });
    if (personIds.some((id) => !isUuid(id))) throw notFound('Person');
    return em.transactional(async (tx) => {
      const members = await tx.execute<PersonRow[]>(
        `select ${PERSON_COLUMNS} from person p where p.community_id = ? and p.id = any(?::uuid[]) for no key update`,
        [viewer.communityId, pgArray(personIds)],
      );
      if (members.length !== personIds.length) throw notFound('Person');
      const unfit = members.find((m) => m.deactivated_at || (m.roles.length === 1 && m.roles[0] === Role.RESIDENT));
      if (unfit)
        throw refuse({
          field: 'personIds',
          reason: 'NOT_ELIGIBLE',
          message: `${unfit.display_name} cannot sit on the committee (deactivated, or a resident rather than an owner or staff)`,
        });
      const before = await tx.execute<{ id: string; display_name: string }[]>(
        `select id, display_name from person where community_id = ? and 'COMMITTEE' = any(roles) order by display_name`,
        [viewer.communityId],
      );
      await tx.execute(
        `update person set roles = array_remove(roles, 'COMMITTEE'), committee_term_ends_on = null where community_id = ? and 'COMMITTEE' = any(roles) and not (id = any(?::uuid[]))`,
        [viewer.communityId, pgArray(personIds)],
      );
      await tx.execute(
        `update person set roles = case when 'COMMITTEE' = any(roles) then roles else array_append(roles, 'COMMITTEE') end, committee_term_ends_on = ?::date
          where community_id = ? and id = any(?::uuid[])`,
        [termEndsOn, viewer.communityId, pgArray(personIds)],
      );
      const after = await tx.execute<PersonRow[]>(
        `select ${PERSON_COLUMNS} from person p where p.community_id = ? and 'COMMITTEE' = any(p.roles) order by p.display_name, p.id`,
        [viewer.communityId],
      );
      await this.record(
        tx,
        viewer,
        'COMMITTEE_SET',
        viewer.communityId,
        {
          before: before.map((m) => ({ id: m.id, name: m.display_name })),
          after: after.map((m) => ({ id: m.id, name: m.display_name })),
          termEndsOn,
        },
        'COMMUNITY',
      );
      return after.map(toPersonView);
    });
  }

  async openWork(em: EntityManager, communityId: string, personId: string): Promise<OpenWorkView> {
    const person = await this.row(em, communityId, personId);
    if (!person) throw notFound('Person');
    const [tickets, reviews] = await Promise.all([
      em.execute<{ id: string; seq: number; title: string; status: OpenWorkView['tickets'][number]['status'] }[]>(
        `select id, seq, title, status from ticket where community_id = ? and assignee_id = ? and status <> 'CLOSED' order by seq`,
        [communityId, personId],
      ),
      em.execute<{ id: string; title: string }[]>(
        `select r.id, p.title from review_panelist rp join review r on r.id = rp.review_id join proposal p on p.id = r.proposal_id
          where rp.community_id = ? and rp.person_id = ? and rp.recused_at is null and r.status = 'SCORING'
            and not exists (select 1 from review_sheet s where s.review_id = r.id and s.reviewer_id = rp.person_id)
          order by r.opened_at`,
        [communityId, personId],
      ),
    ]);
    return {
      tickets: tickets.map((t) => ({ id: t.id, number: `T-${String(t.seq).padStart(5, '0')}`, title: t.title, status: t.status })),
      reviews: reviews.map((r) => ({ id: r.id, proposalTitle: r.title })),
      headOf: person.leads_department ? person.department : null,
    };
  }

  /**
   * 离职: in one transaction, the person is switched off here, every session of theirs in this
   * community ends (their sockets close), their assigned tickets go to `handOverTo` through the
   * ticket desk's own command (timeline lines included), their unscored review seats are recused,
   * and headship passes on. Anything refused undoes all of it: the person stays active.
   */
  async deactivate(em: EntityManager, viewer: ViewerContext, id: string, reason: string, handOverTo: string | null): Promise<PersonView> {
    const why = reason.trim();
    if ([...why].length < 2) throw refuse({ field: 'reason', reason: 'TOO_SHORT', message: 'say why in a few words (at least 2 characters)' });
    if ([...why].length > 500) throw refuse({ field: 'reason', reason: 'TOO_LONG', message: 'must be at most 500 characters' });
    if (id === viewer.id) throw refuse({ field: 'id', reason: 'SELF', message: 'you cannot deactivate yourself' });
    return em.transactional(async (tx) => {
      const person = await this.row(tx, viewer.communityId, id, true);
      if (!person) throw notFound('Person');
      if (person.deactivated_at)
        throw new DomainError('INVALID_TRANSITION', `${person.display_name} is already deactivated.`, { reason: 'ALREADY_DEACTIVATED' });
      if (person.roles.includes(Role.ADMIN) && leavesNoAdmin(await this.activeAdmins(tx, viewer.communityId), person.id, false)) {
        throw refuse({ field: 'id', reason: 'LAST_ADMIN', message: 'the community would have no admin left' });
      }
      const work = await this.openWork(tx, viewer.communityId, person.id);
      let successor: PersonRow | null = null;
      if (handOverTo != null) {
        successor = isUuid(handOverTo) ? await this.row(tx, viewer.communityId, handOverTo) : null;
        if (!successor || successor.deactivated_at || successor.id === person.id) {
          throw refuse({ field: 'handOverTo', reason: 'HANDOVER_INVALID', message: 'name an active member of staff of this community' });
        }
      } else if (work.tickets.length > 0) {
        throw new DomainError('CONFLICT', `${person.display_name} has ${work.tickets.length} open ticket(s) assigned: name who takes them over (handOverTo).`, {
          field: 'handOverTo',
          reason: 'OPEN_WORK',
          tickets: work.tickets.length,
        });
      }
      const now = this.clock.now();
      await tx.execute(`update person set deactivated_at = ?, deactivation_reason = ?, leads_department = false where id = ?`, [now, why, person.id]);
      for (const t of work.tickets) await this.tickets().assign(tx, viewer, t.id, successor!.id);
      if (work.reviews.length) {
        await tx.execute(
          `update review_panelist set recused_at = ?, recusal_reason = ? where person_id = ? and review_id = any(?::uuid[]) and recused_at is null`,
          [now, `离职 deactivated: ${why}`, person.id, pgArray(work.reviews.map((r) => r.id))],
        );
      }
      const headPassed = !!(work.headOf && successor && successor.department === work.headOf);
      if (headPassed) await tx.execute(`update person set leads_department = true where id = ?`, [successor!.id]);
      const ended = await this.auth.endSessions(tx, { personId: person.id });
      const uploadsForgotten = await this.files().forgetUnattached(tx, person.id);
      await this.record(tx, viewer, 'PERSON_DEACTIVATED', person.id, {
        name: person.display_name,
        reason: why,
        handedOverTo: successor ? { id: successor.id, name: successor.display_name } : null,
        tickets: work.tickets.map((t) => t.number),
        reviewsRecused: work.reviews.length,
        headOf: work.headOf,
        headPassed,
        sessionsEnded: ended,
        uploadsForgotten,
      });
      return toPersonView((await this.row(tx, viewer.communityId, person.id))!);
    });
  }

  async reactivate(em: EntityManager, viewer: ViewerContext, id: string): Promise<PersonView> {
    return em.transactional(async (tx) => {
      const person = await this.row(tx, viewer.communityId, id, true);
      if (!person) throw notFound('Person');
      if (!person.deactivated_at) throw new DomainError('INVALID_TRANSITION', `${person.display_name} is active.`, { reason: 'ALREADY_ACTIVE' });
      await tx.execute(`update person set deactivated_at = null, deactivation_reason = null where id = ?`, [person.id]);
      await this.record(tx, viewer, 'PERSON_REACTIVATED', person.id, { name: person.display_name, wasDeactivatedFor: person.deactivation_reason });
      return toPersonView((await this.row(tx, viewer.communityId, person.id))!);
    });
  }

  // Households ---------------------------------------------------------------------------------

  async residents(em: EntityManager, viewer: ViewerContext, unitId: string | null): Promise<ResidentView[]> {
    const rows = await em.execute<ResidentRow[]>(
      `${RESIDENT_SELECT}
        where r.community_id = ? and r.unit_id in (select unit_id from ownership where person_id = ?) ${unitId ? 'and r.unit_id = ?' : ''}
        order by u.label, r.created_at`,
      [viewer.communityId, viewer.id, ...(unitId && isUuid(unitId) ? [unitId] : unitId ? ['00000000-0000-0000-0000-000000000000'] : [])],
    );
    return rows.map(toResidentView);
  }

  /**
   * 住户: an owner adds a family member or tenant to one of their units. The resident signs in
   * with the code returned here (shown once) — or at once, if the number already has an account
   * in the company. Residents file tickets for the unit and take part on the board; they never
   * vote, never count in a roll and never support.
   */
  async addResident(
    em: EntityManager,
    viewer: ViewerContext,
    unitId: string,
    input: { displayName: string; phone: string; relation: ResidentRelation; until?: string | null },
  ): Promise<ResidentView> {
    if (!isUuid(unitId)) throw notFound('Unit');
    const phone = normalisePhone(input.phone);
    if (!phone) throw refuse({ field: 'phone', reason: 'PHONE_INVALID', message: 'is not a mainland mobile number (11 digits starting with 1)' });
    const until = input.until?.trim() || null;
    if (until !== null) {
      if (!isCalendarDate(until)) throw refuse({ field: 'until', reason: 'DATE_INVALID', message: 'must be a date like 2027-08-31' });
      if (until < localDate(this.clock.now(), await this.timezoneOf(em, viewer.communityId)))
        throw refuse({ field: 'until', reason: 'DATE_PAST', message: 'is in the past' });
    }
    return em.transactional(async (tx) => {
      const [owned] = await tx.execute<{ unit_id: string }[]>(
        `select o.unit_id from ownership o where o.person_id = ? and o.unit_id = ? and o.community_id = ? for update`,
        [viewer.id, unitId, viewer.communityId],
      );
      if (!owned) throw notFound('Unit');
      const [{ n }] = (await tx.execute<{ n: number }[]>(`select count(*)::int as n from resident where unit_id = ?`, [unitId])) as [{ n: number }];
      if (n >= MAX_RESIDENTS_PER_UNIT)
        throw refuse({ field: 'unitId', reason: 'TOO_MANY_RESIDENTS', message: `a unit has at most ${MAX_RESIDENTS_PER_UNIT} residents` });
      const [existing] = await tx.execute<{ id: string; roles: Role[]; owns: boolean; deactivated_at: Date | null }[]>(
        `select p.id, p.roles, p.deactivated_at, exists (select 1 from ownership o where o.person_id = p.id and o.unit_id = ?) as owns
           from person p where p.community_id = ? and p.phone = ? order by p.created_at limit 1`,
        [unitId, viewer.communityId, phone],
      );
      if (existing?.owns) throw refuse({ field: 'phone', reason: 'ALREADY_OWNER', message: 'belongs to an owner of this unit' });
      if (existing?.deactivated_at)
        throw refuse({ field: 'phone', reason: 'PERSON_DEACTIVATED', message: 'belongs to a person the property office has deactivated' });
      let personId = existing?.id ?? null;
      if (personId) {
        const [dup] = await tx.execute<{ id: string }[]>(`select id from resident where unit_id = ? and person_id = ?`, [unitId, personId]);
        if (dup) throw new DomainError('CONFLICT', 'This person already lives in this unit.', { field: 'phone', reason: 'RESIDENT_EXISTS' });
        await tx.execute(`update person set roles = case when 'RESIDENT' = any(roles) then roles else array_append(roles, 'RESIDENT') end where id = ?`, [
          personId,
        ]);
      } else {
        const companyId = await this.companyOf(tx, viewer.communityId);
        const [account] = await tx.execute<{ id: string }[]>(`select id from account where company_id = ? and phone = ?`, [companyId, phone]);
        personId = (
          await tx.execute<{ id: string }[]>(
            `insert into person (id, community_id, display_name, phone, account_id, roles, leads_department, created_at)
           values (gen_random_uuid(), ?, ?, ?, ?, '{RESIDENT}', false, ?) returning id`,
            [viewer.communityId, input.displayName.trim(), phone, account?.id ?? null, this.clock.now()],
          )
        )[0]!.id;
      }
      const [row] = await tx.execute<{ id: string }[]>(
        `insert into resident (id, community_id, unit_id, person_id, relation, until, added_by_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, ?::date, ?, ?) returning id`,
        [viewer.communityId, unitId, personId, input.relation, until, viewer.id, this.clock.now()],
      );
      const [view] = await tx.execute<ResidentRow[]>(`${RESIDENT_SELECT} where r.id = ?`, [row!.id]);
      const resident = toResidentView(view!);
      if (!resident.hasAccount) {
        const { code, expiresAt } = await this.accounts().createCode(
          tx,
          { communityId: viewer.communityId, personId: personId!, phone },
          CodePurpose.ACTIVATE,
          viewer.id,
        );
        resident.activationCode = code;
        resident.activationExpiresAt = expiresAt;
      }
      await this.record(tx, viewer, 'RESIDENT_ADDED', personId, { name: resident.displayName, unit: resident.unit.label, relation: resident.relation, until });
      return resident;
    });
  }

  /** The owner (or an admin) removes a resident; someone left with no household and no other role can no longer sign in here. */
  async removeResident(em: EntityManager, viewer: ViewerContext, id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('Resident');
    await em.transactional(async (tx) => {
      const [row] = await tx.execute<ResidentRow[]>(
        `${RESIDENT_SELECT} where r.id = ? and r.community_id = ? and (? or r.unit_id in (select unit_id from ownership where person_id = ?))`,
        [id, viewer.communityId, viewer.roles.includes(Role.ADMIN), viewer.id],
      );
      if (!row) throw notFound('Resident');
      await tx.execute(`delete from resident where id = ?`, [id]);
      const [rest] = await tx.execute<{ n: number }[]>(`select count(*)::int as n from resident where person_id = ?`, [row.person_id]);
      if (rest!.n === 0) {
        const [p] = await tx.execute<{ roles: Role[] }[]>(`update person set roles = array_remove(roles, 'RESIDENT') where id = ? returning roles`, [
          row.person_id,
        ]);
        if (p!.roles.length === 0) await this.auth.endSessions(tx, { personId: row.person_id });
      }
      await this.record(tx, viewer, 'RESIDENT_REMOVED', row.person_id, { name: row.display_name, unit: row.unit_label, relation: row.relation });
    });
  }

  // Helpers ------------------------------------------------------------------------------------

  private async row(em: EntityManager, communityId: string, id: string, lock = false): Promise<PersonRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await em.execute<PersonRow[]>(
      `select ${PERSON_COLUMNS} from person p where p.id = ? and p.community_id = ? ${lock ? 'for no key update of p' : ''}`,
      [id, communityId],
    );
    return row ?? null;
  }

  private async activeAdmins(em: EntityManager, communityId: string): Promise<string[]> {
    const rows = await em.execute<{ id: string }[]>(`select id from person where community_id = ? and 'ADMIN' = any(roles) and deactivated_at is null`, [
      communityId,
    ]);
    return rows.map((r) => r.id);
  }

  /** The company account with this number or email; CONFLICT if they name two different accounts. */
  private async accountFor(em: EntityManager, companyId: string, phone: string, email: string | null): Promise<string | null> {
    const rows = await em.execute<{ id: string; phone: string | null; email: string | null }[]>(
      `select id, phone, email from account where company_id = ? and (phone = ? or (?::text is not null and email = ?))`,
      [companyId, phone, email, email],
    );
    if (rows.length > 1)
      throw new DomainError('CONFLICT', 'email: belongs to a different account of the company than the mobile number', {
        field: 'email',
        reason: 'ACCOUNT_MISMATCH',
      });
    const [account] = rows;
    if (account && email && account.email && account.email !== email) {
      throw new DomainError('CONFLICT', 'email: this mobile number’s account in the company has a different email', {
        field: 'email',
        reason: 'ACCOUNT_MISMATCH',
      });
    }
    if (account && account.phone && account.phone !== phone) {
      throw new DomainError('CONFLICT', 'phone: this email’s account in the company has a different mobile number', {
        field: 'phone',
        reason: 'ACCOUNT_MISMATCH',
      });
    }
    if (account) await em.execute(`update account set phone = coalesce(phone, ?), email = coalesce(email, ?) where id = ?`, [phone, email, account.id]);
    return account?.id ?? null;
  }

  private async companyOf(em: EntityManager, communityId: string): Promise<string> {
    const [row] = await em.execute<{ company_id: string }[]>(`select company_id from community where id = ?`, [communityId]);
    return row!.company_id;
  }

  private async timezoneOf(em: EntityManager, communityId: string): Promise<string> {
    const [row] = await em.execute<{ timezone: string }[]>(`select timezone from community where id = ?`, [communityId]);
    return row!.timezone;
  }

  private async record(
    tx: EntityManager,
    viewer: ViewerContext,
    action: string,
    subjectId: string,
    data: Record<string, unknown>,
    subjectType = 'PERSON',
  ): Promise<void> {
    const [actor] = await tx.execute<{ display_name: string }[]>(`select display_name from person where id = ?`, [viewer.id]);
    await this.audit.append(tx, {
      communityId: viewer.communityId,
      actor: { id: viewer.id, name: actor?.display_name ?? '' },
      action,
      subjectType,
      subjectId,
      data,
    });
  }
}

interface ResidentRow {
  id: string;
  person_id: string;
  display_name: string;
  phone: string | null;
  relation: ResidentRelation;
  until: string | null;
  unit_id: string;
  unit_label: string;
  unit_area: string;
  has_account: boolean;
}

const RESIDENT_SELECT = `select r.id, r.person_id, p.display_name, p.phone, r.relation, to_char(r.until, 'YYYY-MM-DD') as until,
    u.id as unit_id, u.label as unit_label, u.area::text as unit_area, ${hasAccountSql('p')} as has_account
  from resident r join person p on p.id = r.person_id join unit u on u.id = r.unit_id`;

const toResidentView = (r: ResidentRow): ResidentView => ({
  id: r.id,
  displayName: r.display_name,
  phone: r.phone,
  relation: r.relation,
  until: r.until,
  unit: { id: r.unit_id, label: r.unit_label, area: Number(r.unit_area) },
  hasAccount: r.has_account,
  activationCode: null,
  activationExpiresAt: null,
});
