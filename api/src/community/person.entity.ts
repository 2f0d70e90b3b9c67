import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { Account } from '../auth/account.entity.js';
import { CommunityOwned } from './community-owned.js';
import { Department, Role } from './community.enums.js';

@Entity({ tableName: 'person' })
@Unique({ properties: ['community', 'account'] })
@Index({ properties: ['community', 'phone'] })
export class Person extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 80 })
  displayName!: string;

  /**
   * Contact details as the community records them (lower-case email). Signing in goes through the
   * account, whose email and phone are unique per company; the two are kept equal.
   */
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  phone: string | null = null;

  /** The sign-in identity; null for an owner known only from the register (hasAccount: linked and activated). */
  @ManyToOne(() => Account, { nullable: true, index: true })
  account: Account | null = null;

  @Enum({ items: () => Role, array: true, type: 'text[]' })
  roles: Role[] & Opt = [];

  @Enum({ items: () => Department, nullable: true, type: 'string' })
  department: Department | null = null;

  /** Head of their department: told first when the department's tickets run overdue. */
  @Property({ type: 'boolean' })
  leadsDepartment: boolean & Opt = false;

  /** 委员会 term: the committee role lapses after this day (null: no end set). */
  @Property({ type: 'date', nullable: true })
  committeeTermEndsOn: string | null = null;

  /** 离职: a deactivated person cannot sign in to this community; their name stays on the record. */
  @Property({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  deactivationReason: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
