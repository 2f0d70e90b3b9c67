import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { Ticket } from './ticket.entity.js';

/** One round of 解决方案 and the owner's answer to it. Every round stays on the record. */
@Entity({ tableName: 'ticket_solution' })
@Unique({ properties: ['ticket', 'round'] })
export class TicketSolution extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Ticket)
  ticket!: Ticket;

  @Property({ type: 'integer' })
  round!: number;

  @Property({ type: 'text' })
  text!: string;

  @ManyToOne(() => Person)
  proposedBy!: Person;

  @Property({ type: 'timestamptz' })
  proposedAt!: Date;

  @Property({ type: 'boolean', nullable: true })
  accepted: boolean | null = null;

  @Property({ type: 'text', nullable: true })
  responseReason: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;

  @ManyToOne(() => Person, { nullable: true })
  respondedBy: Person | null = null;
}
