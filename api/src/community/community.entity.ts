import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Company } from './company.entity.js';
import type { StoredSettings } from './community.settings.js';

@Entity({ tableName: 'community' })
export class Community {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Company, { fieldName: 'company_id', index: true })
  company!: Company;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  address: string | null = null;

  /** IANA zone used to show local times and count calendar days. */
  @Property({ type: 'string', length: 64 })
  timezone: string & Opt = 'Asia/Shanghai';

  /** Each domain's section (see community.settings.ts); a new community gets the composed defaults. */
  @Property({ type: 'json' })
  settings!: StoredSettings;

  /** Last ticket number handed out; incremented atomically at intake. */
  @Property({ type: 'integer' })
  ticketSeq: number & Opt = 0;

  /** Last proposal number handed out. */
  @Property({ type: 'integer' })
  proposalSeq: number & Opt = 0;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
