import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Person } from '../community/person.entity.js';
import { DomainError, unauthenticated } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../shared/context.js';
import { Session } from './session.entity.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { afterFailure, lockedUntil, normaliseEmail, SESSION_TTL_MS } from './auth.rules.js';

const ARGON2ID = 2;
export const hashPassword = (password: string) => hash(password, { algorithm: ARGON2ID });

// Verified against when the email is unknown, so a miss costs the same time as a wrong password.
let decoyHash: Promise<string> | null = null;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class AuthService {
  constructor(private readonly clock: Clock) {}

  async login(em: EntityManager, rawEmail: string, password: string): Promise<{ person: Person; token: string; expiresAt: Date }> {
    const email = normaliseEmail(rawEmail);
    const now = this.clock.now();
    const throttle = await em.findOne(LoginThrottle, { email });
    const until = lockedUntil(throttle, now);
    if (until) {
      const minutes = Math.ceil((until.getTime() - now.getTime()) / 60_000);
      throw new DomainError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins for this email. Try again in ${minutes} minute(s).`, {
        retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000),
      });
    }
    const person = await em.findOne(Person, { email }, { filters: false });
    const ok = person
      ? await verify(person.passwordHash, password)
      : await verify(await (decoyHash ??= hashPassword(randomBytes(16).toString('hex'))), password).then(() => false);
    if (!person || !ok) {
      const next = afterFailure(throttle, now);
      await em.upsert(LoginThrottle, { email, ...next });
      throw unauthenticated('Wrong email or password.');
    }
    if (throttle) em.remove(throttle);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    em.create(Session, { tokenHash: hashToken(token), person, community: person.community, createdAt: now, expiresAt });
    await em.flush();
    return { person, token, expiresAt };
  }

  async viewerForToken(em: EntityManager, token: string): Promise<ViewerContext | null> {
    const tokenHash = hashToken(token);
    const rows = await em.getConnection().execute<{ id: string; community_id: string; roles: string[]; department: string | null }[]>(
      `select p.id, p.community_id, p.roles, p.department
         from session s join person p on p.id = s.person_id
        where s.token_hash = ? and s.expires_at > ?`,
      [tokenHash, this.clock.now()],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      communityId: row.community_id,
      roles: row.roles as ViewerContext['roles'],
      department: row.department as ViewerContext['department'],
      sessionTokenHash: tokenHash,
    };
  }

  async logout(em: EntityManager, tokenHash: string): Promise<void> {
    await em.nativeDelete(Session, { tokenHash }, { filters: false });
  }
}
