import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { defaultSettings, type CommunitySettings } from './community.settings.js';

@Entity({ tableName: 'community' })
export class Community {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 120 })
  name!: string;

  /** IANA zone used to show local times and count calendar days. */
  @Property({ type: 'string', length: 64 })
  timezone: string & Opt = 'Asia/Shanghai';

  @Property({ type: 'json' })
  settings: CommunitySettings & Opt = defaultSettings();

  /** Last ticket number handed out; incremented atomically at intake. */
  @Property({ type: 'integer' })
  ticketSeq: number & Opt = 0;

  /** Last proposal number handed out. */
  @Property({ type: 'integer' })
  proposalSeq: number & Opt = 0;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
