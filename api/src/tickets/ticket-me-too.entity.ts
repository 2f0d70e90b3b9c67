import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { Ticket } from './ticket.entity.js';

/**
 * 同报: an owner or resident with the same problem in a common area joins the ticket instead of
 * filing it again. One per person and ticket (the unique key); they hear of its progress and its
 * closing as the filer does.
 */
@Entity({ tableName: 'ticket_me_too' })
@Unique({ properties: ['ticket', 'person'] })
export class TicketMeToo extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Ticket)
  ticket!: Ticket;

  @ManyToOne(() => Person, { index: true })
  person!: Person;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
