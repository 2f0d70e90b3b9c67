import { randomUUID } from 'node:crypto';
import { Entity, Enum, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from './community-owned.js';
import { Department, Role } from './community.enums.js';

@Entity({ tableName: 'person' })
export class Person extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 80 })
  displayName!: string;

  /** Stored lower-case; one account per address across the deployment. Null for an owner known only from the register. */
  @Property({ type: 'string', length: 254, nullable: true })
  @Unique()
  email: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  phone: string | null = null;

  /** Null until the person has an account (hasAccount): an owner from the register who never signed up cannot sign in. */
  @Property({ type: 'string', length: 200, hidden: true, nullable: true })
  passwordHash: string | null = null;

  @Enum({ items: () => Role, array: true, type: 'text[]' })
  roles: Role[] & Opt = [];

  @Enum({ items: () => Department, nullable: true, type: 'string' })
  department: Department | null = null;

  /** Head of their department: told first when the department's tickets run overdue. */
  @Property({ type: 'boolean' })
  leadsDepartment: boolean & Opt = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
