import { Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Person } from '../community/person.entity.js';

/** One person's channels for one kind; a kind without a row uses the rules' default. */
@Entity({ tableName: 'notification_preference' })
export class NotificationPreference {
  @ManyToOne(() => Person, { primary: true, deleteRule: 'cascade' })
  person!: Person;

  @PrimaryKey({ type: 'string', length: 60 })
  kind!: string;

  @Property({ type: 'text[]' })
  channels!: string[];

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A person's language for messages, quiet hours and digest; no row means the defaults. */
@Entity({ tableName: 'notification_settings' })
export class NotificationSettings {
  @ManyToOne(() => Person, { primary: true, deleteRule: 'cascade' })
  person!: Person;

  @Property({ type: 'string', length: 5 })
  language: string & Opt = 'zh-CN';

  /** Minutes after local midnight; both null: no quiet hours. */
  @Property({ type: 'smallint', nullable: true })
  quietStart: number | null = 22 * 60;

  @Property({ type: 'smallint', nullable: true })
  quietEnd: number | null = 7 * 60;

  @Property({ type: 'boolean' })
  digest: boolean & Opt = false;

  /** When the daily digest goes, in minutes after midnight in the community's time zone; null: 08:00. */
  @Property({ type: 'smallint', nullable: true })
  digestAt: number | null = null;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
