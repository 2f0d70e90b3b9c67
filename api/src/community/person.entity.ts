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

  /** Stored lower-case; one account per address across the deployment. */
  @Property({ type: 'string', length: 254 })
  @Unique()
  email!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', length: 200, hidden: true })
  passwordHash!: string;

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
