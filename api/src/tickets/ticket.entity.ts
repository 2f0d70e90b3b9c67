import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Department } from '../community/community.enums.js';
import { Person } from '../community/person.entity.js';
import { Unit } from '../community/unit.entity.js';
import { SlaClock, TicketKind, TicketStatus, Urgency, VisitSlot } from './ticket.enums.js';

/** A service ticket (工单). Status plus timestamps; every change is also a TicketEvent. */
@Entity({ tableName: 'ticket' })
@Unique({ properties: ['community', 'seq'] })
@Index({ properties: ['community', 'status', 'dueAt'] })
@Index({ properties: ['community', 'owner', 'createdAt'] })
@Index({ properties: ['community', 'department', 'dueAt'] })
@Index({ properties: ['community', 'assignee', 'dueAt'] })
// Search (number, unit, text; name and phone apart, for the viewers entitled to them): trigram
// indexes serve ILIKE '%…%' for Chinese text too. The documents are kept by database triggers
// (migration ticket_search), so a renamed owner or relabelled unit is found under the new name.
@Index({
  name: 'ticket_department_queue',
  expression: `create index "ticket_department_queue" on "ticket" ("community_id", "department", "due_at" asc nulls last, "id" asc) where "status" not in ('RESOLVED', 'CLOSED')`,
})
@Index({
  name: 'ticket_common_area_open',
  expression: `create index "ticket_common_area_open" on "ticket" ("community_id", "created_at" desc) where "common_area" is not null and "status" <> 'CLOSED'`,
})
@Check({ name: 'ticket_unit_or_common_area', expression: '("unit_id" is null) <> ("common_area" is null)' })
@Check({ name: 'ticket_preferred_visit_both', expression: '("preferred_visit_date" is null) = ("preferred_visit_slot" is null)' })
@Index({ name: 'ticket_search_text_trgm', expression: 'create index "ticket_search_text_trgm" on "ticket" using gin ("search_text" gin_trgm_ops)' })
@Index({ name: 'ticket_search_personal_trgm', expression: 'create index "ticket_search_personal_trgm" on "ticket" using gin ("search_personal" gin_trgm_ops)' })
export class Ticket extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Per-community running number, shown as T-00042. */
  @Property({ type: 'integer' })
  seq!: number;

  @Enum({ items: () => TicketKind, type: 'string' })
  kind!: TicketKind;

  @Enum({ items: () => TicketStatus, type: 'string' })
  status: TicketStatus & Opt = TicketStatus.RECEIVED;

  @Property({ type: 'string', length: 120 })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  /** 诉求: what a complaining owner asks for. */
  @Property({ type: 'text', nullable: true })
  demand: string | null = null;

  /** Null for a common-area ticket (then commonArea says where); exactly one of the two is set. */
  // No action on delete: a common-area ticket has no unit, every other one keeps its unit (the check below).
  @ManyToOne(() => Unit, { nullable: true, deleteRule: 'no action' })
  unit: Unit | null = null;

  /** 公共区域: the common part a ticket is about (3号楼电梯, 地下车库B区), instead of a unit. Others may say "me too". */
  @Property({ type: 'string', length: 60, nullable: true })
  commonArea: string | null = null;

  /** 同报: how many other owners and residents said "me too" (one ticket_me_too row each). */
  @Property({ type: 'integer' })
  meTooCount: number & Opt = 0;

  /** A repair: the day and slot the owner would like the visit (the department plans by it). */
  @Property({ type: 'date', nullable: true })
  preferredVisitDate: string | null = null;

  @Enum({ items: () => VisitSlot, type: 'string', nullable: true })
  preferredVisitSlot: VisitSlot | null = null;

  @ManyToOne(() => Person)
  owner!: Person;

  @ManyToOne(() => Person)
  createdBy!: Person;

  @Property({ type: 'string', length: 32 })
  contactPhone!: string;

  @Enum({ items: () => Urgency, type: 'string' })
  urgency!: Urgency;

  /** False until customer service classifies the ticket; until then urgency is the intake default. */
  @Property({ type: 'boolean' })
  classified: boolean & Opt = false;

  @Enum({ items: () => Department, type: 'string', nullable: true })
  department: Department | null = null;

  @Property({ type: 'string', length: 60, nullable: true })
  category: string | null = null;

  /** 派工: the person of the handling department working on it; cleared when it goes to another department. */
  @ManyToOne(() => Person, { nullable: true })
  assignee: Person | null = null;

  @Property({ type: 'text', nullable: true })
  answer: string | null = null;

  @Property({ type: 'text', nullable: true })
  resolutionSummary: string | null = null;

  @Property({ type: 'integer' })
  solutionRounds: number & Opt = 0;

  @Property({ type: 'smallint', nullable: true })
  satisfaction: number | null = null;

  @Property({ type: 'text', nullable: true })
  returnVisitComment: string | null = null;

  /** Set when the owner (or customer service for them) cancelled; the ticket is CLOSED. */
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  /** 催办 so far, and the last one (the next may come a policy interval later). */
  @Property({ type: 'integer' })
  urgeCount: number & Opt = 0;

  @Property({ type: 'timestamptz', nullable: true })
  lastUrgedAt: Date | null = null;

  /** Times reopened: by the owner ("not fixed") or by a 1–2 star return visit. */
  @Property({ type: 'integer' })
  reopenCount: number & Opt = 0;

  /** Unit label, title, description, demand, category: written by a database trigger, never by the app. */
  @Property({ type: 'text', lazy: true, default: '' })
  searchText?: string & Opt;

  /** The owner's name and phones: written by a database trigger; searched only where the viewer may see them. */
  @Property({ type: 'text', lazy: true, default: '' })
  searchPersonal?: string & Opt;

  // Clocks -----------------------------------------------------------------------------------

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  firstSolutionAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  /** Start of the running round: null (intake) until a reopen restarts the solution and resolution clocks. */
  @Property({ type: 'timestamptz', nullable: true })
  clockStartedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  promisedReplyAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  promiseKeptAt: Date | null = null;

  /** Since when the ticket waits on the owner (SOLUTION_PROPOSED); staff clocks are paused meanwhile. */
  @Property({ type: 'timestamptz', nullable: true })
  waitingSince: Date | null = null;

  @Property({ type: 'bigint', columnType: 'bigint' })
  pausedMs: number & Opt = 0;

  /** The handling department's working time within those waits (a working-time clock is extended by it). */
  @Property({ type: 'bigint', columnType: 'bigint' })
  pausedWorkMs: number & Opt = 0;

  /** 定期反馈 counts from here: the last public word from staff to the owner, or the end of a wait on the owner. */
  @Property({ type: 'timestamptz', nullable: true })
  updateClockFrom: Date | null = null;

  /** The earliest running deadline, kept current by every command; null while paused or closed. */
  @Property({ type: 'timestamptz', nullable: true })
  dueAt: Date | null = null;

  @Enum({ items: () => SlaClock, type: 'string', nullable: true })
  dueClock: SlaClock | null = null;

  @Property({ type: 'smallint' })
  escalationLevel: number & Opt = 0;

  /** Every clock this ticket has missed; never shrinks. */
  @Enum({ items: () => SlaClock, array: true, type: 'text[]' })
  missed: SlaClock[] & Opt = [];

  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;
}
