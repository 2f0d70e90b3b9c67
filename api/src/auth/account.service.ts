import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_PASSWORD } from '@cocreate/seeds';
import type { AuditService } from '../audit/audit.service.js';
import { Role } from '../community/community.enums.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import { badInput, conflict, DomainError, forbidden, notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { pgArray } from '../shared/pg-array.js';
import { hashPassword, throttleKeys, verifyDecoy, type AuthService, type SignedIn } from './auth.service.js';
import {
  ACTIVATION_CODE_LENGTH,
  formatActivationCode,
  makeCode,
  MAX_LIVE_CODES,
  normaliseCode,
  normaliseEmail,
  normalisePhone,
  RESET_CODE_LENGTH,
} from './auth.rules.js';
import { Account } from './account.entity.js';
import type { CommunityAccounts } from '../community/community.commands.js';
import { CodePurpose } from './one-time-code.entity.js';
import { passwordProblem } from './password.rules.js';
import type { NotificationService } from '../notifications/notification.service.js';

export interface AccountOptions {
  activationCodeDays: number;
  publicUrl: string;
  production: boolean;
}

/** A printed activation letter (激活函): shown once, since only the code's hash is kept. */
export interface ActivationLetterData {
  personId: string;
  displayName: string;
  phone: string;
  communityName: string;
  units: string[];
  code: string;
  purpose: CodePurpose;
  expiresAt: Date;
  signInUrl: string;
}

export interface SessionData {
  id: string;
  userAgent: string | null;
  communityName: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  expiresAt: Date;
  current: boolean;
}

const RESET_CODE_MINUTES = 15;
/** Argon2id for codes: the same algorithm as passwords, lighter memory since codes expire. */
const hashCode = (code: string) => hash(code, { algorithm: 2, memoryCost: 8192, timeCost: 2 });
/** Roles customer service may issue codes for: owners and residents at the desk, never staff. */
const DESK_ROLES = new Set<Role>([Role.OWNER, Role.RESIDENT, Role.COMMITTEE]);

interface CodeRow {
  id: string;
  person_id: string;
  community_id: string;
  company_id: string;
  code_hash: string;
  expires_at: Date;
  used_at: Date | null;
}

/**
 * Accounts: activation codes and letters, activation, password change and reset, the session list
 * and the community switch. Codes are single-use, expire, are stored as argon2 hashes, and every
 * attempt is counted (per number and per address) before any hash is checked.
 */
export class AccountService {
  constructor(
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly options: AccountOptions,
    private readonly notifications: () => NotificationService,
  ) {}

  /**
   * One letter per person: an activation code for someone without an account yet, a reset code
   * (the desk's way to a forgotten password) for someone activated. Earlier unused codes of the
   * same purpose stop working. All or nothing: a person who cannot get one fails the whole run.
   */
  async issueCodes(em: EntityManager, viewer: ViewerContext, personIds: string[]): Promise<ActivationLetterData[]> {
    if (personIds.length === 0) throw badInput('personIds', 'name at least one person');
    if (personIds.length > 200) throw badInput('personIds', 'at most 200 letters in one run');
    if (new Set(personIds).size !== personIds.length) throw badInput('personIds', 'names a person twice');
    const bad = personIds.find((id) => !isUuid(id));
    if (bad) throw notFound('Person');
    const rows = await em.execute<
      {
        id: string;
        display_name: string;
        phone: string | null;
        roles: Role[];
        deactivated_at: Date | null;
        activated: boolean;
        community_name: string;
        units: string[];
      }[]
    >(
      `select p.id, p.display_name, p.phone, p.roles, p.deactivated_at, c.name as community_name,
              exists (select 1 from account a where a.id = p.account_id and a.password_hash is not null) as activated,
              array(select u.label from ownership o join unit u on u.id = o.unit_id where o.person_id = p.id
                    union select u.label from resident r join unit u on u.id = r.unit_id where r.person_id = p.id order by 1) as units
         from person p join community c on c.id = p.community_id
        where p.id = any(?::uuid[]) and p.community_id = ?`,
      [pgArray(personIds), viewer.communityId],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const isAdmin = viewer.roles.includes(Role.ADMIN);
    const planned = personIds.map((id) => {
      const r = byId.get(id);
      if (!r) throw notFound('Person');
      if (r.deactivated_at) throw badInput('personIds', `${r.display_name} is deactivated; reactivate them first`);
      if (!isAdmin && !r.roles.every((role) => DESK_ROLES.has(role))) throw forbidden(`Only an admin issues codes for staff (${r.display_name}).`);
      if (r.id === viewer.id) throw badInput('personIds', 'you cannot issue a code for yourself; change your password instead');
      const phone = r.phone ? normalisePhone(r.phone) : null;
      if (!phone) throw badInput('personIds', `${r.display_name} has no mainland mobile number on record; add one first`);
      return { r, phone, purpose: r.activated ? CodePurpose.RESET : CodePurpose.ACTIVATE };
    });
    return em.transactional(async (tx) => {
      const letters: ActivationLetterData[] = [];
      for (const p of planned) {
        const { code, expiresAt } = await this.createCode(tx, { communityId: viewer.communityId, personId: p.r.id, phone: p.phone }, p.purpose, viewer.id);
        letters.push({
          personId: p.r.id,
          displayName: p.r.display_name,
          phone: p.phone,
          communityName: p.r.community_name,
          units: p.r.units,
          code,
          purpose: p.purpose,
          expiresAt,
          signInUrl: `${this.options.publicUrl}/activate`,
        });
        // An activation letter also goes by SMS (a desk-issued reset code is read out in person).
        if (p.purpose === CodePurpose.ACTIVATE) {
          await this.notifications().sendOneOff(tx, {
            channel: 'SMS',
            to: p.phone,
            communityId: viewer.communityId,
            code,
            codeMinutes: this.options.activationCodeDays * 1440,
          });
        }
      }
      const actor = await this.actor(tx, viewer);
      await this.audit.append(tx, {
        communityId: viewer.communityId,
        actor,
        action: 'ACCOUNT_CODES_ISSUED',
        subjectType: 'COMMUNITY',
        subjectId: viewer.communityId,
        data: { people: planned.map((p) => ({ id: p.r.id, name: p.r.display_name, purpose: p.purpose })) },
      });
      return letters;
    });
  }

  /**
   * A new one-time code for the person, in the caller's transaction; their earlier unused codes of
   * the same purpose stop working. Returns the code as it is printed (shown once) and its expiry.
   */
  async createCode(
    tx: EntityManager,
    to: { communityId: string; personId: string; phone: string },
    purpose: CodePurpose,
    issuedBy: string | null,
  ): Promise<{ code: string; expiresAt: Date }> {
    const now = this.clock.now();
    const activation = purpose === CodePurpose.ACTIVATE;
    const code = makeCode(randomBytes(64), activation ? ACTIVATION_CODE_LENGTH : RESET_CODE_LENGTH);
    const expiresAt = new Date(
      now.getTime() + (activation ? this.options.activationCodeDays * 86_400_000 : issuedBy ? 86_400_000 : RESET_CODE_MINUTES * 60_000),
    );
    await tx.execute(`update one_time_code set expires_at = least(expires_at, ?) where person_id = ? and purpose = ? and used_at is null`, [
      now,
      to.personId,
      purpose,
    ]);
    await tx.execute(
      `insert into one_time_code (id, community_id, person_id, purpose, phone, code_hash, expires_at, issued_by_id, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?)`,
      [to.communityId, to.personId, purpose, to.phone, await hashCode(code), expiresAt, issuedBy, now],
    );
    return { code: activation ? formatActivationCode(code) : code, expiresAt };
  }

  /**
   * 激活: the owner's mobile number and letter code; sets the first password and signs in. The
   * account is linked to the person the code was for and, in every other community of the
   * company, to the register's person with that number (one per community).
   */
  async activate(em: EntityManager, rawPhone: string, rawCode: string, password: string, address: string, userAgent: string | null): Promise<SignedIn> {
    const { phone, row } = await this.checkCode(em, rawPhone, rawCode, CodePurpose.ACTIVATE, address);
    const signed = await em.transactional(async (tx) => {
      const inputs = await this.passwordInputs(tx, row.person_id);
      const existing = await tx.execute<{ id: string; password_hash: string | null }[]>(
        `select a.id, a.password_hash from account a
          where a.company_id = ? and (a.id = (select account_id from person where id = ?) or a.phone = ?)
          order by (a.id = (select account_id from person where id = ?)) desc limit 1 for update`,
        [row.company_id, row.person_id, phone, row.person_id],
      );
      let accountId = existing[0]?.id ?? null;
      if (existing[0]?.password_hash) {
        // Someone already activated this number (staff in another community, an earlier letter):
        // the letter adds this community to that account, and the password must be that account's.
        if (!(await verify(existing[0].password_hash, password))) {
          throw new DomainError('CONFLICT', 'This mobile number already has an account: enter its password (or reset it) to add this community.', {
            field: 'password',
            reason: 'ACCOUNT_EXISTS',
          });
        }
      } else {
        this.requireStrong(password, inputs);
        const passwordHash = await hashPassword(password);
        if (accountId) {
          await tx.execute(`update account set password_hash = ?, phone = ?, password_changed_at = ? where id = ?`, [
            passwordHash,
            phone,
            this.clock.now(),
            accountId,
          ]);
        } else {
          accountId = (
            await tx.execute<{ id: string }[]>(
              `insert into account (id, company_id, email, phone, password_hash, company_admin, password_changed_at, created_at)
             select gen_random_uuid(), ?, case when p.email is not null and not exists (select 1 from account x where x.company_id = ? and x.email = p.email) then p.email end,
                    ?, ?, false, ?, ? from person p where p.id = ?
             returning id`,
              [row.company_id, row.company_id, phone, passwordHash, this.clock.now(), this.clock.now(), row.person_id],
            )
          )[0]!.id;
        }
      }
      await tx.execute(`update one_time_code set used_at = ? where id = ?`, [this.clock.now(), row.id]);
      await this.linkPeople(tx, accountId!, row.company_id, row.person_id, phone);
      const [person] = await tx.execute<{ id: string; display_name: string }[]>(`select id, display_name from person where id = ?`, [row.person_id]);
      await this.audit.append(tx, {
        communityId: row.community_id,
        actor: { id: person!.id, name: person!.display_name },
        action: 'ACCOUNT_ACTIVATED',
        subjectType: 'PERSON',
        subjectId: person!.id,
        data: {},
      });
      return this.auth.startSession(tx, accountId!, row.person_id, userAgent);
    });
    return signed;
  }

  /** Always answers the same, known number or not; a known one gets a code by its channel. */
  async requestReset(em: EntityManager, rawPhone: string, address: string): Promise<void> {
    const phone = normalisePhone(rawPhone);
    if (!phone) throw badInput('phone', 'is not a mainland mobile number (11 digits starting with 1)');
    await this.auth.throttle(em, throttleKeys(phone, address, 'reset-request:'), this.clock.now(), 'Too many reset requests for this number.');
    const people = await em.execute<{ id: string; community_id: string }[]>(
      `select distinct on (a.id) p.id, p.community_id from account a join person p on p.account_id = a.id
        where a.phone = ? and a.password_hash is not null and p.deactivated_at is null
        order by a.id, p.created_at limit ${MAX_LIVE_CODES}`,
      [phone],
    );
    // The code and its SMS are written together: the outbox sends it once, even across a crash.
    for (const p of people) {
      await em.transactional(async (tx) => {
        const { code } = await this.createCode(tx, { communityId: p.community_id, personId: p.id, phone }, CodePurpose.RESET, null);
        await this.notifications().sendOneOff(tx, { channel: 'SMS', to: phone, code, codeMinutes: RESET_CODE_MINUTES, communityId: p.community_id });
      });
    }
  }

  /** A reset code (sent, or read out at the desk) and a new password: every session of the account ends, this one begins. */
  async reset(em: EntityManager, rawPhone: string, rawCode: string, password: string, address: string, userAgent: string | null): Promise<SignedIn> {
    const { row } = await this.checkCode(em, rawPhone, rawCode, CodePurpose.RESET, address);
    return em.transactional(async (tx) => {
      const [account] = await tx.execute<{ id: string }[]>(`select account_id as id from person where id = ? and account_id is not null`, [row.person_id]);
      if (!account) throw new DomainError('BAD_USER_INPUT', 'code: this code is no longer valid; ask for a new one', { field: 'code', reason: 'CODE_INVALID' });
      this.requireStrong(password, await this.passwordInputs(tx, row.person_id));
      await tx.execute(`update account set password_hash = ?, password_changed_at = ? where id = ?`, [
        await hashPassword(password),
        this.clock.now(),
        account.id,
      ]);
      await tx.execute(`update one_time_code set used_at = ? where id = ?`, [this.clock.now(), row.id]);
      await this.auth.endSessions(tx, { accountId: account.id });
      return this.auth.startSession(tx, account.id, row.person_id, userAgent);
    });
  }

  /** Needs the current password; every other session of the account ends. */
  async changePassword(em: EntityManager, viewer: ViewerContext, current: string, next: string, address: string): Promise<void> {
    const accountId = this.accountOf(viewer);
    const keys = throttleKeys(accountId, address, 'change:');
    await this.auth.throttle(em, keys, this.clock.now(), 'Too many wrong passwords.');
    const [account] = await em.execute<{ password_hash: string }[]>(`select password_hash from account where id = ?`, [accountId]);
    if (!account || !(await verify(account.password_hash, current))) {
      await this.auth.recordFailure(em, keys, this.clock.now());
      throw new DomainError('BAD_USER_INPUT', 'current: this is not your current password', { field: 'current', reason: 'WRONG_PASSWORD' });
    }
    await this.auth.clearFailures(em, keys);
    if (current === next) throw new DomainError('BAD_USER_INPUT', 'next: is the same as the current password', { field: 'next', reason: 'SAME_PASSWORD' });
    this.requireStrong(next, await this.passwordInputs(em, viewer.id), 'next');
    await em.transactional(async (tx) => {
      await tx.execute(`update account set password_hash = ?, password_changed_at = ? where id = ?`, [await hashPassword(next), this.clock.now(), accountId]);
      await this.auth.endSessions(tx, { accountId }, viewer.sessionId ?? null);
    });
  }

  async sessions(em: EntityManager, viewer: ViewerContext): Promise<SessionData[]> {
    const rows = await em.execute<
      { id: string; user_agent: string | null; community_name: string; created_at: Date; last_seen_at: Date | null; expires_at: Date }[]
    >(
      `select s.id, s.user_agent, c.name as community_name, s.created_at, s.last_seen_at, s.expires_at
         from session s join community c on c.id = s.community_id
        where s.account_id = ? and s.expires_at > ?
        order by coalesce(s.last_seen_at, s.created_at) desc, s.id limit 100`,
      [this.accountOf(viewer), this.clock.now()],
    );
    return rows.map((r) => ({
      id: r.id,
      userAgent: r.user_agent,
      communityName: r.community_name,
      createdAt: new Date(r.created_at),
      lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at) : null,
      expiresAt: new Date(r.expires_at),
      current: r.id === viewer.sessionId,
    }));
  }

  /** Ends one of the viewer's own sessions (NOT_FOUND for anyone else's). */
  async endSession(em: EntityManager, viewer: ViewerContext, sessionId: string): Promise<void> {
    if (!isUuid(sessionId)) throw notFound('Session');
    const ended = await em.transactional((tx) => this.auth.endSessions(tx, { accountId: this.accountOf(viewer), sessionId }));
    if (ended === 0) throw notFound('Session');
  }

  /** Shows another community of the viewer's company where their account is an active person. */
  async switchCommunity(em: EntityManager, viewer: ViewerContext, communityId: string): Promise<string> {
    if (!isUuid(communityId)) throw notFound('Community');
    const [person] = await em.execute<{ id: string }[]>(
      `select p.id from person p where p.account_id = ? and p.community_id = ? and p.deactivated_at is null`,
      [this.accountOf(viewer), communityId],
    );
    if (!person) throw notFound('Community');
    await em.execute(`update session set person_id = ?, community_id = ? where id = ?`, [person.id, communityId, viewer.sessionId]);
    return person.id;
  }

  private accountOf(viewer: ViewerContext): string {
    if (!viewer.accountId || !viewer.sessionId) throw forbidden('This needs a signed-in session.');
    return viewer.accountId;
  }

  /**
   * The live code of this number that matches, after counting the attempt. A code that matches
   * but was used or has expired is named as such; anything else is "wrong code".
   */
  private async checkCode(
    em: EntityManager,
    rawPhone: string,
    rawCode: string,
    purpose: CodePurpose,
    address: string,
  ): Promise<{ phone: string; row: CodeRow }> {
    const phone = normalisePhone(rawPhone);
    if (!phone)
      throw new DomainError('BAD_USER_INPUT', 'phone: is not a mainland mobile number (11 digits starting with 1)', {
        field: 'phone',
        reason: 'PHONE_INVALID',
      });
    const code = normaliseCode(rawCode);
    const now = this.clock.now();
    const keys = throttleKeys(phone, address, 'code:');
    await this.auth.throttle(em, keys, now, 'Too many wrong codes for this number.');
    const rows = /^[0-9A-Z]{4,20}$/.test(code)
      ? await em.execute<CodeRow[]>(
          `select o.id, o.person_id, o.community_id, c.company_id, o.code_hash, o.expires_at, o.used_at
             from one_time_code o join community c on c.id = o.community_id
            where o.phone = ? and o.purpose = ? order by o.created_at desc limit ${MAX_LIVE_CODES}`,
          [phone, purpose],
        )
      : [];
    if (rows.length === 0) await verifyDecoy(code);
    let match: CodeRow | null = null;
    for (const row of rows) {
      if (await verify(row.code_hash, code)) {
        match = row;
        break;
      }
    }
    if (!match) {
      await this.auth.recordFailure(em, keys, now);
      throw new DomainError('BAD_USER_INPUT', 'code: this code does not match the mobile number', { field: 'code', reason: 'CODE_WRONG' });
    }
    if (match.used_at)
      throw new DomainError('BAD_USER_INPUT', 'code: this code has already been used; ask for a new one', { field: 'code', reason: 'CODE_USED' });
    if (new Date(match.expires_at) <= now)
      throw new DomainError('BAD_USER_INPUT', 'code: this code has expired; ask for a new one', { field: 'code', reason: 'CODE_EXPIRED' });
    await this.auth.clearFailures(em, keys);
    return { phone, row: match };
  }

  private requireStrong(password: string, userInputs: string[], field = 'password'): void {
    const problem = passwordProblem(password, { userInputs, production: this.options.production, demoPassword: DEMO_PASSWORD });
    if (problem) {
      throw new DomainError('BAD_USER_INPUT', `${field}: ${problem.message}`, {
        field,
        reason: `PASSWORD_${problem.reason}`,
        warning: problem.warning,
        suggestions: problem.suggestions,
      });
    }
  }

  /** Words a guesser tries first for this person: their names, number, email, community and company. */
  private async passwordInputs(em: EntityManager, personId: string): Promise<string[]> {
    const [row] = await em.execute<{ display_name: string; phone: string | null; email: string | null; community: string; company: string }[]>(
      `select p.display_name, p.phone, p.email, c.name as community, co.name as company
         from person p join community c on c.id = p.community_id join company co on co.id = c.company_id where p.id = ?`,
      [personId],
    );
    if (!row) return [];
    return [row.display_name, row.phone, row.email?.split('@')[0], row.community, row.company, 'cocreate', '共创'].filter((w): w is string => !!w);
  }

  /**
   * Links the account to the code's person and, in each other community of the company, to one
   * not yet linked, active person with that number (the register's owner there).
   */
  private async linkPeople(tx: EntityManager, accountId: string, companyId: string, personId: string, phone: string): Promise<void> {
    const [clash] = await tx.execute<{ id: string }[]>(
      `select p.id from person p where p.account_id = ? and p.community_id = (select community_id from person where id = ?) and p.id <> ?`,
      [accountId, personId, personId],
    );
    if (clash) throw conflict('This account is already a different person in this community.');
    await tx.execute(`update person set account_id = ? where id = ?`, [accountId, personId]);
    await tx.execute(
      `update person set account_id = ? where id in (
         select distinct on (p.community_id) p.id from person p join community c on c.id = p.community_id
          where c.company_id = ? and p.phone = ? and p.account_id is null and p.deactivated_at is null
            and not exists (select 1 from person q where q.account_id = ? and q.community_id = p.community_id)
          order by p.community_id, p.created_at, p.id)`,
      [accountId, companyId, phone, accountId],
    );
  }

  private async actor(em: EntityManager, viewer: ViewerContext): Promise<{ id: string; name: string }> {
    const [row] = await em.execute<{ display_name: string }[]>(`select display_name from person where id = ?`, [viewer.id]);
    return { id: viewer.id, name: row?.display_name ?? '' };
  }
}

/**
 * Accounts for the people of a seeded community, all with the one password (hashed once): the
 * company's account for an email when it has one, else a new activated one.
 */
export async function seedAccounts(password: string): Promise<CommunityAccounts> {
  const passwordHash = await hashPassword(password);
  return {
    normaliseEmail,
    async accountFor(tx, company, email, phone, companyAdmin) {
      const existing = await tx.findOne(Account, { company, email });
      if (existing) {
        existing.companyAdmin ||= companyAdmin;
        return existing;
      }
      return tx.create(Account, { company, email, phone, passwordHash, companyAdmin });
    },
  };
}
