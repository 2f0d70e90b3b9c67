import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { Ticket } from './ticket.entity.js';

/**
 * 回访不满意的跟进: a return visit rated 1–2 stars (the owner said it was solved, and was unhappy
 * with how) opens a task for the property manager, who must record what was done. The rating stays
 * on the ticket and counts in the figures; the task is what makes it change something.
 */
@Entity({ tableName: 'ticket_follow_up' })
@Index({ properties: ['community', 'doneAt', 'openedAt'] })
export class TicketFollowUp extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Ticket, { index: true })
  ticket!: Ticket;

  /** The rating that opened it, 1 or 2. */
  @Property({ type: 'smallint' })
  satisfaction!: number;

  /** The owner's words at the return visit, if any. */
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @Property({ type: 'timestamptz' })
  openedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  doneAt: Date | null = null;

  @ManyToOne(() => Person, { nullable: true })
  doneBy: Person | null = null;

  /** What the manager did: apologised, compensated, retrained, changed a rule… Shown on the ticket. */
  @Property({ type: 'text', nullable: true })
  action: string | null = null;
}
