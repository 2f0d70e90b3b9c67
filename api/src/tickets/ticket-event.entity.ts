import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { Department } from '../community/community.enums.js';
import { SlaClock, TicketEventKind, Urgency } from './ticket.enums.js';
import { Ticket } from './ticket.entity.js';

/** One line of a ticket's timeline. Appended, never changed. */
@Entity({ tableName: 'ticket_event' })
@Index({ properties: ['ticket', 'at'] })
export class TicketEvent extends CommunityOwned {
  /** Monotonic, so the timeline keeps the order things happened in even within one instant. */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Ticket)
  ticket!: Ticket;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Enum({ items: () => TicketEventKind, type: 'string' })
  kind!: TicketEventKind;

  @Property({ type: 'text', nullable: true })
  message: string | null = null;

  /** Staff-only notes; the owner never sees them. */
  @Property({ type: 'boolean' })
  internal: boolean & Opt = false;

  /** Null for the system (SLA sweeps). */
  @ManyToOne(() => Person, { nullable: true })
  actor: Person | null = null;

  @Property({ type: 'integer', nullable: true })
  round: number | null = null;

  @Enum({ items: () => SlaClock, type: 'string', nullable: true })
  clock: SlaClock | null = null;

  /** DISPATCHED: the classification given. ESCALATED: the level reached is in `round`. */
  @Enum({ items: () => Urgency, type: 'string', nullable: true })
  urgency: Urgency | null = null;

  @Enum({ items: () => Department, type: 'string', nullable: true })
  department: Department | null = null;

  /** ASSIGNED: the person given the ticket (the one before is the previous ASSIGNED line's). */
  @ManyToOne(() => Person, { nullable: true })
  assignee: Person | null = null;
}
