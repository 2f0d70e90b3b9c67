import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Person } from '../community/person.entity.js';
import { DomainError, unauthenticated } from '../shared/errors.js';
import { notify } from '../shared/events.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../shared/context.js';
import { Session } from './session.entity.js';
import { afterWrongPassword, beforeAttempt, normaliseEmail, SESSION_TTL_MS, THROTTLE_LIMITS, type ThrottleState } from './auth.rules.js';

interface ThrottleKey {
  key: string;
  max: number;
}

/** Always in the same order, so two attempts lock the rows in the same order and cannot deadlock. */
const throttleKeys = (email: string, address: string): ThrottleKey[] => [
  { key: `${email}|${address}`.slice(0, 254), max: THROTTLE_LIMITS.accountFromAddress },
  { key: `addr:${address}`.slice(0, 254), max: THROTTLE_LIMITS.address },
  { key: email, max: THROTTLE_LIMITS.account },
];

async function lockThrottleRow(tx: EntityManager, key: string, now: Date): Promise<ThrottleState> {
  const conn = tx.getConnection();
  await conn.execute(`insert into login_throttle (email, failures, window_start) values (?, 0, ?) on conflict (email) do nothing`, [key, now], 'run', tx.getTransactionContext());
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

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class AuthService {
  constructor(private readonly clock: Clock) {}

  async login(
    em: EntityManager,
    rawEmail: string,
    password: string,
    clientAddress = 'unknown',
  ): Promise<{ person: Person; token: string; expiresAt: Date }> {
    const email = normaliseEmail(rawEmail);
    const now = this.clock.now();
    const keys = throttleKeys(email, clientAddress);
    const refusedUntil = await this.countAttempt(em, keys, now);
    if (refusedUntil) {
      const seconds = Math.max(1, Math.ceil((refusedUntil.getTime() - now.getTime()) / 1000));
      throw new DomainError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins for this email. Try again in ${Math.ceil(seconds / 60)} minute(s).`, {
        retryAfterSeconds: seconds,
      });
    }
    // An owner known only from the register has no password: they sign in once they activate an account.
    const found = await em.findOne(Person, { email }, { filters: false });
    const person = found?.passwordHash ? found : null;
    const ok = person?.passwordHash
      ? await verify(person.passwordHash, password)
      : await verify(await (decoyHash ??= hashPassword(randomBytes(16).toString('hex'))), password).then(() => false);
    if (!person || !ok) {
      await this.recordWrongPassword(em, keys, now);
      throw unauthenticated('Wrong email or password.');
    }
    // The right password clears this pair and the email's count; the address keeps its failures
    // but not this attempt, so a whole building signing in behind one address locks nothing.
    const conn = em.getConnection();
    await conn.execute(`delete from login_throttle where email in (?, ?)`, [keys[0]!.key, keys[2]!.key]);
    await conn.execute(`update login_throttle set failures = greatest(failures - 1, 0) where email = ? and locked_until is null`, [keys[1]!.key]);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    em.create(Session, { tokenHash: hashToken(token), person, community: person.community, createdAt: now, expiresAt });
    await em.flush();
    return { person, token, expiresAt };
  }

  /** Counts the attempt on every key under row locks before any password is checked; the latest lock that refuses it, if any. */
  private async countAttempt(em: EntityManager, keys: ThrottleKey[], now: Date): Promise<Date | null> {
    return em.fork().transactional(async (tx) => {
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
  }

  private async recordWrongPassword(em: EntityManager, keys: ThrottleKey[], now: Date): Promise<void> {
    await em.fork().transactional(async (tx) => {
      for (const { key, max } of keys) {
        const state = await lockThrottleRow(tx, key, now);
        await writeThrottleRow(tx, key, afterWrongPassword(state, now, max));
      }
    });
  }

  async viewerForToken(em: EntityManager, token: string): Promise<ViewerContext | null> {
    const tokenHash = hashToken(token);
    const rows = await em.getConnection().execute<{ id: string; community_id: string; roles: string[]; department: string | null; leads_department: boolean }[]>(
      `select p.id, p.community_id, p.roles, p.department, p.leads_department
         from session s join person p on p.id = s.person_id
        where s.token_hash = ? and s.expires_at > ? and p.password_hash is not null`,
      [tokenHash, this.clock.now()],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      communityId: row.community_id,
      roles: row.roles as ViewerContext['roles'],
      department: row.department as ViewerContext['department'],
      leadsDepartment: row.leads_department,
      sessionTokenHash: tokenHash,
    };
  }

  /** Ends the session, and tells every process to close the sockets it authenticated. */
  async logout(em: EntityManager, tokenHash: string): Promise<void> {
    await em.nativeDelete(Session, { tokenHash }, { filters: false });
    await notify(em, 'SESSION_ENDED', tokenHash);
  }
}
