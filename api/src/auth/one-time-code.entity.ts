import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';

export enum CodePurpose {
  /** 激活码: an owner, resident or new staff member sets their first password. */
  ACTIVATE = 'ACTIVATE',
  /** A forgotten password. */
  RESET = 'RESET',
}

/** A one-time code, stored as an argon2id hash: a leaked table yields no usable code. */
@Entity({ tableName: 'one_time_code' })
export class OneTimeCode extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Person, { index: true })
  person!: Person;

  @Enum({ items: () => CodePurpose, type: 'string' })
  purpose!: CodePurpose;

  /** Kept so a code can be checked against the number it was issued for. */
  @Property({ type: 'string', length: 32, index: true })
  phone!: string;

  @Property({ type: 'string', length: 200, hidden: true })
  codeHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;

  /** Who issued it (customer service or an admin); null when the person asked for it themselves. */
  @ManyToOne(() => Person, { nullable: true })
  issuedBy: Person | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
