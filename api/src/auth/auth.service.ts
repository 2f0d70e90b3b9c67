import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, unauthenticated } from '../shared/errors.js';
import { notify } from '../shared/events.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import type { StoredSettings } from '../community/community.settings.js';
import { readRows } from '../db/read.js';
import { Session } from './session.entity.js';
import { afterWrongPassword, beforeAttempt, signInIdentifier, SESSION_TTL_MS, THROTTLE_LIMITS, type ThrottleState } from './auth.rules.js';
import { forbidden } from '../shared/errors.js';

export interface ThrottleKey {
  key: string;
  max: number;
}

/** Always in the same order, so two attempts lock the rows in the same order and cannot deadlock. */
export const throttleKeys = (identifier: string, address: string, scope = ''): ThrottleKey[] => [
  { key: `${scope}${identifier}|${address}`.slice(0, 254), max: THROTTLE_LIMITS.accountFromAddress },
  { key: `${scope}addr:${address}`.slice(0, 254), max: THROTTLE_LIMITS.address },
  { key: `${scope}${identifier}`.slice(0, 254), max: THROTTLE_LIMITS.account },
];

async function lockThrottleRow(tx: EntityManager, key: string, now: Date): Promise<ThrottleState> {
  const conn = tx.getConnection();
  await conn.execute(
    `insert into login_throttle (email, failures, window_start) values (?, 0, ?) on conflict (email) do nothing`,
    [key, now],
    'run',
    tx.getTransactionContext(),
  );
  const rows = await conn.execute<{ failures: number; window_start: Date; locked_until: Date | null }[]>(
    `select failures, window_start, locked_until from login_throttle where email = ? for update`,
    [key],
    'all',
    tx.getTransactionContext(),
  );
  const row = rows[0]!;
  return { failures: row.failures, windowStart: new Date(row.window_start), lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
}

async function writeThrottleRow(tx: EntityManager, key: string, state: ThrottleState): Promise<void> {
  await tx
    .getConnection()
    .execute(
      `update login_throttle set failures = ?, window_start = ?, locked_until = ? where email = ?`,
      [state.failures, state.windowStart, state.lockedUntil, key],
      'run',
      tx.getTransactionContext(),
    );
}

const ARGON2ID = 2;
export const hashPassword = (password: string) => hash(password, { algorithm: ARGON2ID });

// Verified against when the email is unknown, so a miss costs the same time as a wrong password.
let decoyHash: Promise<string> | null = null;
export const verifyDecoy = async (secret: string) => {
  await verify(await (decoyHash ??= hashPassword(randomBytes(16).toString('hex'))), secret);
  return false;
};

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** What a sign-in or an activation hands to the resolver: the cookie's token and whom it is for. */
export interface SignedIn {
  personId: string;
  token: string;
  expiresAt: Date;
}

/** The SQL condition that a person may sign in to their community: active, holding a role, and a resident only while they live there. */
export const ACTIVE_PERSON_SQL = `p.deactivated_at is null and cardinality(p.roles) > 0
  and (not (p.roles = '{RESIDENT}') or exists (select 1 from resident r where r.person_id = p.id and (r.until is null or r.until >= (now() at time zone (select c.timezone from community c where c.id = p.community_id))::date)))`;

/** How many accounts one identifier may name across companies (email and phone are unique per company only). */
const MAX_ACCOUNTS_PER_IDENTIFIER = 5;
/** last_seen_at is written at most this often per session. */
const LAST_SEEN_EVERY_MS = 5 * 60_000;

export class AuthService {
  constructor(private readonly clock: Clock) {}

  /**
   * Signs in with an email or a mainland mobile number and the password. The identifier may belong
   * to accounts of several companies; the password decides which (tried against at most five).
   */
  async login(em: EntityManager, rawIdentifier: string, password: string, clientAddress = 'unknown', userAgent: string | null = null): Promise<SignedIn> {
    const identifier = signInIdentifier(rawIdentifier);
    const key = identifier?.value ?? rawIdentifier.trim().toLowerCase().slice(0, 200);
    const now = this.clock.now();
    const keys = throttleKeys(key, clientAddress);
    await this.throttle(em, keys, now, 'Too many failed sign-ins for this account.');
    const candidates = identifier
      ? await em
          .getConnection()
          .execute<{ id: string; password_hash: string }[]>(
            `select id, password_hash from account where ${identifier.kind} = ? and password_hash is not null order by created_at limit ${MAX_ACCOUNTS_PER_IDENTIFIER}`,
            [identifier.value],
          )
      : [];
    let accountId: string | null = null;
    for (const c of candidates) {
      if (await verify(c.password_hash, password)) {
        accountId = c.id;
        break;
      }
    }
    if (candidates.length === 0) await verifyDecoy(password);
    if (!accountId) {
      await this.recordFailure(em, keys, now);
      throw unauthenticated('Wrong email, mobile number or password.');
    }
    await this.clearFailures(em, keys);
    const personId = await this.homePerson(em, accountId);
    if (!personId) throw forbidden('This account has been deactivated. Please contact the property management office.', 'PERSON_DEACTIVATED');
    return this.startSession(em, accountId, personId, userAgent);
  }

  /** The person an account signs in as: where it was last signed in, if still active there, else its first community. */
  async homePerson(em: EntityManager, accountId: string): Promise<string | null> {
    const rows = await em.execute<{ id: string }[]>(
      `select p.id from person p
        where p.account_id = ? and ${ACTIVE_PERSON_SQL}
        order by (select max(s.created_at) from session s where s.person_id = p.id) desc nulls last, p.created_at
        limit 1`,
      [accountId],
    );
    return rows[0]?.id ?? null;
  }

  async startSession(em: EntityManager, accountId: string, personId: string, userAgent: string | null): Promise<SignedIn> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await em.execute(
      `insert into session (id, token_hash, account_id, person_id, community_id, user_agent, created_at, last_seen_at, expires_at)
       select gen_random_uuid(), ?, ?, p.id, p.community_id, ?, ?, ?, ? from person p where p.id = ?`,
      [hashToken(token), accountId, userAgent ? [...userAgent].slice(0, 300).join('') : null, now, now, expiresAt, personId],
    );
    return { personId, token, expiresAt };
  }

  /**
   * Counts one attempt on every key before any secret is checked; refuses with TOO_MANY_ATTEMPTS
   * while any of them is locked. Shared by sign-in, activation and password reset.
   */
  async throttle(em: EntityManager, keys: ThrottleKey[], now: Date, what: string): Promise<void> {
    const refusedUntil = await em.fork().transactional(async (tx) => {
      let refused: Date | undefined;
      for (const { key, max } of keys) {
        const state = await lockThrottleRow(tx, key, now);
        const step = beforeAttempt(state, now, max);
        await writeThrottleRow(tx, key, step.state);
        const until = step.state.lockedUntil;
        if (!step.allowed && until && (!refused || until > refused)) refused = until;
      }
      return refused ?? null;
    });
    if (!refusedUntil) return;
    const seconds = Math.max(1, Math.ceil((refusedUntil.getTime() - now.getTime()) / 1000));
    throw new DomainError('TOO_MANY_ATTEMPTS', `${what} Try again in ${Math.ceil(seconds / 60)} minute(s).`, { retryAfterSeconds: seconds });
  }

  async recordFailure(em: EntityManager, keys: ThrottleKey[], now: Date): Promise<void> {
    await em.fork().transactional(async (tx) => {
      for (const { key, max } of keys) {
        const state = await lockThrottleRow(tx, key, now);
        await writeThrottleRow(tx, key, afterWrongPassword(state, now, max));
      }
    });
  }

  /**
   * The right secret clears this pair and the identifier's count; the address keeps its failures
   * but not this attempt, so a whole building signing in behind one address locks nothing.
   */
  async clearFailures(em: EntityManager, keys: ThrottleKey[]): Promise<void> {
    const conn = em.getConnection();
    await conn.execute(`delete from login_throttle where email in (?, ?)`, [keys[0]!.key, keys[2]!.key]);
    await conn.execute(`update login_throttle set failures = greatest(failures - 1, 0) where email = ? and locked_until is null`, [keys[1]!.key]);
  }

  /**
   * The viewer of a session token and their community's settings, in one prepared statement (the
   * request's only lookup before its own reads): the same statement refreshes the session's
   * last_seen_at when it is older than a few minutes (a data-modifying CTE runs either way).
   */
  async viewerForToken(em: EntityManager, token: string): Promise<{ viewer: ViewerContext; community: { settings: StoredSettings; timezone: string } } | null> {
    const tokenHash = hashToken(token);
    const now = this.clock.now();
    const rows = await readRows<{
      id: string;
      community_id: string;
      roles: string[];
      department: string | null;
      leads_department: boolean;
      account_id: string;
      company_id: string;
      company_admin: boolean;
      session_id: string;
      settings: StoredSettings | null;
      timezone: string;
    }>(
      em,
      `with hit as (
         select p.id, p.community_id, p.department,
                -- A committee term that has ended takes the committee role with it.
                case when p.committee_term_ends_on < (?::timestamptz at time zone (select c.timezone from community c where c.id = p.community_id))::date
                     then array_remove(p.roles, 'COMMITTEE') else p.roles end as roles, p.leads_department, a.id as account_id, a.company_id, a.company_admin,
                s.id as session_id, s.last_seen_at
           from session s
           join person p on p.id = s.person_id and p.account_id = s.account_id
           join account a on a.id = s.account_id
          where s.token_hash = ? and s.expires_at > ? and a.password_hash is not null and ${ACTIVE_PERSON_SQL}),
       touch as (
         update session set last_seen_at = ? where id = (select session_id from hit) and (last_seen_at is null or last_seen_at < ?) returning id)
       select hit.*, c.settings, c.timezone from hit join community c on c.id = hit.community_id`,
      [now, tokenHash, now, now, new Date(now.getTime() - LAST_SEEN_EVERY_MS)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      viewer: {
        id: row.id,
        communityId: row.community_id,
        roles: row.roles as ViewerContext['roles'],
        department: row.department as ViewerContext['department'],
        leadsDepartment: row.leads_department,
        sessionTokenHash: tokenHash,
        sessionId: row.session_id,
        accountId: row.account_id,
        companyId: row.company_id,
        companyAdmin: row.company_admin,
      },
      community: { settings: row.settings ?? {}, timezone: row.timezone },
    };
  }

  /** Ends the session, and tells every process to close the sockets it authenticated. */
  async logout(em: EntityManager, tokenHash: string): Promise<void> {
    await em.nativeDelete(Session, { tokenHash }, { filters: false });
    await notify(em, 'SESSION_ENDED', tokenHash);
  }

  /**
   * Ends the sessions that match (an account's, a person's), except `keep`, in the caller's
   * transaction; each one's sockets close wherever they are.
   */
  async endSessions(em: EntityManager, where: { accountId?: string; personId?: string; sessionId?: string }, keep: string | null = null): Promise<number> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (where.accountId) {
      conditions.push('account_id = ?');
      params.push(where.accountId);
    }
    if (where.personId) {
      conditions.push('person_id = ?');
      params.push(where.personId);
    }
    if (where.sessionId) {
      conditions.push('id = ?');
      params.push(where.sessionId);
    }
    if (conditions.length === 0) throw new Error('endSessions needs a condition');
    const ended = await em.execute<{ token_hash: string }[]>(
      `delete from session where ${conditions.join(' and ')} and (?::uuid is null or id <> ?::uuid) returning token_hash`,
      [...params, keep, keep],
    );
    for (const { token_hash } of ended) await notify(em, 'SESSION_ENDED', token_hash);
    return ended.length;
  }
}
