import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account } from './account.entity.js';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';

/** Only the SHA-256 of the cookie token is stored: a database leak yields no usable session. */
@Entity({ tableName: 'session' })
export class Session extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** The account signed in; its sessions are listed and ended together. */
  @ManyToOne(() => Account, { index: true })
  account!: Account;

  /** The person the account is in the community it currently shows (changes with switchCommunity). */
  @ManyToOne(() => Person, { index: true })
  person!: Person;

  /** The browser's User-Agent at sign-in, cut to 300 characters: names the device in the session list. */
  @Property({ type: 'string', length: 300, nullable: true })
  userAgent: string | null = null;

  /** Refreshed at most every few minutes, not on every request. */
  @Property({ type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}
