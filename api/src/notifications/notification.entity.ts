import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';

/** One inbox item for one person. `subject` points at what it is about (e.g. a ticket id). */
@Entity({ tableName: 'notification' })
@Index({ properties: ['recipient', 'id'] })
export class Notification extends CommunityOwned {
  /** Monotonic: the inbox is ordered by it, even for several notices in one instant. */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Person)
  recipient!: Person;

  /** Machine-readable kind, e.g. TICKET_SOLUTION_PROPOSED; the portal words it in the reader's language. */
  @Property({ type: 'string', length: 60 })
  kind!: string;

  @Property({ type: 'string', length: 20 })
  subjectType!: string;

  @Property({ type: 'uuid' })
  subjectId!: string;

  /** Short human text (e.g. the ticket title) shown with the kind. */
  @Property({ type: 'string', length: 200 })
  text!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  readAt: Date | null = null;
}
