import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { MAX_ATTACHMENTS } from '../files/attachment.rules.js';
import { Length, MaxLength } from '../shared/text.js';
import { Department } from '../community/community.enums.js';
import { UnitRef } from '../community/community.types.js';
import { Connection } from '../shared/pagination.js';
import { SlaClock, TicketEventKind, TicketKind, TicketStatus, Urgency, VisitSlot } from './ticket.enums.js';
import type { Relation, TicketAction } from './ticket.rules.js';

export enum TicketActionName {
  answerOnTheSpot = 'answerOnTheSpot',
  dispatch = 'dispatch',
  postUpdate = 'postUpdate',
  postInternalUpdate = 'postInternalUpdate',
  proposeSolution = 'proposeSolution',
  acceptSolution = 'acceptSolution',
  rejectSolution = 'rejectSolution',
  resolve = 'resolve',
  recordReturnVisit = 'recordReturnVisit',
  cancel = 'cancel',
  urge = 'urge',
  reopen = 'reopen',
  assign = 'assign',
  meToo = 'meToo',
}
registerEnumType(TicketActionName, { name: 'TicketAction', description: 'What the viewer may do next on a ticket.' });

@ObjectType('StaffMember', { description: 'A member of staff as colleagues see them: the name only.' })
export class StaffMember {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;
}

@ObjectType('TicketDeadline', { description: 'One SLA clock: when it is due, when it was met, whether it was missed.' })
export class TicketDeadline {
  @Field(() => SlaClock)
  clock!: SlaClock;

  @Field(() => Date)
  dueAt!: Date;

  @Field(() => Date, { nullable: true })
  metAt!: Date | null;

  @Field(() => Boolean)
  missed!: boolean;

  @Field(() => Boolean, { description: "Whether this clock counts in the ticket's present status (none does while it waits on the owner)." })
  running!: boolean;
}

@ObjectType('TicketEvent')
export class TicketEventView {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => TicketEventKind)
  kind!: TicketEventKind;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => Boolean, { description: 'Staff-only note; never shown to the owner.' })
  internal!: boolean;

  @Field(() => String, { nullable: true, description: 'Null for the system (SLA clocks).' })
  actorName!: string | null;

  @Field(() => Int, { nullable: true })
  round!: number | null;

  @Field(() => SlaClock, { nullable: true })
  clock!: SlaClock | null;

  @Field(() => Urgency, { nullable: true })
  urgency!: Urgency | null;

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => String, { nullable: true, description: 'ASSIGNED: who was given the ticket.' })
  assigneeName!: string | null;
}

@ObjectType('TicketSolution', { description: 'One round of 解决方案 and the owner’s answer.' })
export class TicketSolutionView {
  @Field(() => Int)
  round!: number;

  @Field(() => String)
  text!: string;

  @Field(() => String)
  proposedByName!: string;

  @Field(() => Date)
  proposedAt!: Date;

  @Field(() => Boolean, { nullable: true, description: 'Null while the owner has not answered.' })
  accepted!: boolean | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;
}

@ObjectType('TicketFollowUpTicket', { description: 'The ticket a follow-up is about.' })
export class FollowUpTicketRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  number!: string;

  @Field(() => String)
  title!: string;
}

@ObjectType('TicketFollowUp', { description: '回访跟进: a return visit rated 1–2 stars, and what the property manager did about it.' })
export class TicketFollowUpView {
  @Field(() => ID)
  id!: string;

  @Field(() => FollowUpTicketRef)
  ticket!: FollowUpTicketRef;

  @Field(() => Int, { description: 'The rating that opened it (1 or 2).' })
  satisfaction!: number;

  @Field(() => String, { nullable: true, description: 'The owner’s words at the return visit.' })
  comment!: string | null;

  @Field(() => Date)
  openedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Null while the manager has not recorded it.' })
  doneAt!: Date | null;

  @Field(() => String, { nullable: true })
  doneByName!: string | null;

  @Field(() => String, { nullable: true, description: 'What was done; shown to the owner on the ticket.' })
  action!: string | null;
}

@ObjectType('PreferredVisit', { description: '上门时段: the day and slot an owner would like a repair visit, in the community’s local time.' })
export class PreferredVisitView {
  @Field(() => String, { description: 'YYYY-MM-DD' })
  date!: string;

  @Field(() => VisitSlot)
  slot!: VisitSlot;
}

@ObjectType('Ticket', { description: '工单: an inquiry, complaint or repair and everything that happened to it.' })
export class TicketView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Human-readable number, e.g. T-00042.' })
  number!: string;

  @Field(() => TicketKind)
  kind!: TicketKind;

  @Field(() => TicketStatus)
  status!: TicketStatus;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: '诉求 (complaints).' })
  demand!: string | null;

  @Field(() => Urgency)
  urgency!: Urgency;

  @Field(() => Boolean, { description: 'False until customer service has classified it; urgency is the intake default until then.' })
  classified!: boolean;

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => StaffMember, { nullable: true, description: '派工: the person of the department working on it.' })
  assignee!: StaffMember | null;

  @Field(() => UnitRef, { nullable: true, description: 'Null for a common-area ticket (commonArea says where).' })
  unit!: UnitRef | null;

  @Field(() => String, {
    nullable: true,
    description:
      '公共区域: the common part the ticket is about (3号楼电梯), for a ticket with no unit. Every owner and resident sees it (personal data masked) and may say "me too".',
  })
  commonArea!: string | null;

  @Field(() => Int, { description: '同报: how many others said "me too" (addMeToo).' })
  meTooCount!: number;

  @Field(() => Boolean, { description: 'Whether the viewer said "me too" on this ticket.' })
  meTooByMe!: boolean;

  @Field(() => PreferredVisitView, { nullable: true, description: 'A repair: when the owner would like the visit.' })
  preferredVisit!: PreferredVisitView | null;

  @Field(() => String, { description: 'Masked (王**) unless the viewer handles the ticket.' })
  ownerName!: string;

  @Field(() => String, { description: 'Masked (138****5678) unless the viewer handles the ticket.' })
  contactPhone!: string;

  @Field(() => Boolean, { description: 'Whether ownerName and contactPhone are masked for this viewer.' })
  personalDataMasked!: boolean;

  @Field(() => String, { nullable: true, description: 'The answer given on the spot.' })
  answer!: string | null;

  @Field(() => String, { nullable: true })
  resolutionSummary!: string | null;

  @Field(() => Date, { nullable: true, description: 'The reply time promised to the owner (承诺回复时间).' })
  promisedReplyAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The earliest running deadline; null while the ticket waits on the owner or is closed.' })
  dueAt!: Date | null;

  @Field(() => SlaClock, { nullable: true })
  dueClock!: SlaClock | null;

  @Field(() => Boolean)
  overdue!: boolean;

  @Field(() => Boolean, { description: 'True while waiting on the owner: staff are not charged for this time.' })
  clockPaused!: boolean;

  @Field(() => Int, { description: '0 on time, 1 department head told, 2 management told.' })
  escalationLevel!: number;

  @Field(() => [SlaClock], { description: 'Clocks this ticket has missed, kept on the record.' })
  missedClocks!: SlaClock[];

  @Field(() => [TicketDeadline])
  deadlines!: TicketDeadline[];

  @Field(() => Int, { description: 'Number of solutions proposed so far.' })
  solutionRounds!: number;

  @Field(() => Int, { nullable: true, description: '1–5 from the return visit.' })
  satisfaction!: number | null;

  @Field(() => String, { nullable: true })
  returnVisitComment!: string | null;

  @Field(() => [TicketActionName], { description: 'Actions this viewer may take now (urge only once its interval has passed, reopen only within its window).' })
  availableActions!: TicketAction[];

  @Field(() => Date, { nullable: true, description: 'When the owner cancelled it (the ticket is CLOSED).' })
  cancelledAt!: Date | null;

  @Field(() => String, { nullable: true })
  cancelReason!: string | null;

  @Field(() => Int, { description: '催办: times the owner urged this ticket.' })
  urgeCount!: number;

  @Field(() => Date, { nullable: true })
  lastUrgedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'While the owner may not urge again yet: when they may.' })
  nextUrgeAt!: Date | null;

  @Field(() => Int, { description: 'Times reopened: by the owner ("not fixed") or by a 1–2 star return visit.' })
  reopenCount!: number;

  @Field(() => Date, { nullable: true, description: 'A closed, resolved ticket: until when the owner may reopen it.' })
  reopenableUntil!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  /** Not exposed: used by the event and solution resolvers. */
  relations!: ReadonlySet<Relation>;
  staffView!: boolean;
  ownerId!: string;
}

export const TicketConnection = Connection(TicketView, 'Ticket');

const PHONE = /^\+?[0-9][0-9\- ]{5,19}$/;

@InputType('PreferredVisitInput')
export class PreferredVisitInput {
  @Field(() => String, { description: 'YYYY-MM-DD, the community’s local date.' })
  @Length(10, 10, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @Field(() => VisitSlot)
  slot!: VisitSlot;
}

@InputType('OpenTicketInput')
export class OpenTicketInput {
  @Field(() => TicketKind)
  kind!: TicketKind;

  @Field(() => String)
  @Length(2, 120, { message: 'title must be 2 to 120 characters' })
  title!: string;

  @Field(() => String)
  @Length(1, 4000, { message: 'description must be 1 to 4000 characters' })
  description!: string;

  @Field(() => ID, { nullable: true, description: 'The owner’s unit; leave it out for a common-area ticket (commonArea). Exactly one of the two.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '公共区域 (2–60 characters: 3号楼电梯, 地下车库B区): a repair or complaint about common parts, instead of unitId.',
  })
  @IsOptional()
  @Length(2, 60, { message: 'commonArea must be 2 to 60 characters' })
  commonArea?: string | null;

  @Field(() => PreferredVisitInput, {
    nullable: true,
    description: 'A repair: the day and slot the owner would like the visit (not over yet, at most 30 days ahead).',
  })
  @IsOptional()
  @ValidateNested()
  preferredVisit?: PreferredVisitInput | null;

  @Field(() => String, { nullable: true, description: 'Defaults to the phone on the owner’s record.' })
  @IsOptional()
  @Matches(PHONE, { message: 'contactPhone must be a phone number (digits, optional +, - or spaces)' })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: '诉求; required for complaints.' })
  @IsOptional()
  @MaxLength(2000, { message: 'demand must be at most 2000 characters' })
  demand?: string | null;

  @Field(() => ID, { nullable: true, description: 'Customer service recording a ticket for a visiting or calling owner.' })
  @IsOptional()
  @IsUUID('all', { message: 'onBehalfOfOwnerId must be a person id' })
  onBehalfOfOwnerId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Photos or PDFs of the problem, uploaded with POST /files by the one filing: at most 9.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ATTACHMENTS, { message: `attachmentIds: at most ${MAX_ATTACHMENTS} files`, context: { reason: 'TOO_MANY_FILES', max: MAX_ATTACHMENTS } })
  @IsUUID('all', { each: true, message: 'attachmentIds must be file ids', context: { reason: 'NOT_A_FILE_ID' } })
  attachmentIds?: string[] | null;
}

@InputType('DispatchTicketInput')
export class DispatchTicketInput {
  @Field(() => Urgency)
  urgency!: Urgency;

  @Field(() => Department)
  department!: Department;

  @Field(() => String, { nullable: true, description: 'Free classification, e.g. 水电, 门窗, 噪音.' })
  @IsOptional()
  @Length(1, 60, { message: 'category must be 1 to 60 characters' })
  category?: string | null;

  @Field(() => Date, { nullable: true, description: 'Reply time promised to the owner; a deadline like any other.' })
  @IsOptional()
  promisedReplyAt?: Date | null;
}

@InputType('TicketFilter')
export class TicketFilter {
  @Field(() => TicketStatus, { nullable: true })
  status?: TicketStatus | null;

  @Field(() => TicketKind, { nullable: true })
  kind?: TicketKind | null;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field(() => Boolean, { nullable: true })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Owners: tickets I raised. Staff: my department’s queue.' })
  mine?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only tickets not yet closed.' })
  open?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only tickets escalated past their deadline (to the department head or management).' })
  escalated?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only tickets waiting on the owner’s answer to a solution.' })
  waitingOnOwner?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only common-area tickets — for owners and residents every one of the community (to find one and say "me too"), not only their own; false: only unit tickets.',
  })
  commonArea?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only tickets assigned to this person (an assignee passes their own id for their list).' })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be a person id' })
  assigneeId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Number (T-00012), unit label, text; owner name or phone only among the tickets whose personal data the viewer may see. Words must all match.',
  })
  @IsOptional()
  @MaxLength(100, { message: 'search must be at most 100 characters' })
  search?: string | null;
}

@ObjectType('DepartmentPeriodStats', { description: 'One department in one period: the charter’s performance figures (绩效考核).' })
export class DepartmentPeriodStatsView {
  @Field(() => Department)
  department!: Department;

  @Field(() => String, { description: 'Start of the period (local date, YYYY-MM-DD).' })
  period!: string;

  @Field(() => Int)
  opened!: number;

  @Field(() => Int)
  resolved!: number;

  @Field(() => Int, { description: 'Resolved without missing any SLA clock.' })
  resolvedOnTime!: number;

  @Field(() => Float, { nullable: true, description: 'resolvedOnTime / resolved; null with nothing resolved.' })
  slaCompliance!: number | null;

  @Field(() => Float, { nullable: true, description: '回访率: return visits / resolved.' })
  returnVisitRate!: number | null;

  @Field(() => Float, { nullable: true, description: '满意率: ratings of 4–5 / ratings.' })
  satisfactionRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean rating 1–5.' })
  averageSatisfaction!: number | null;

  @Field(() => Int, { description: 'Reopens in the period: the owner said "not fixed", or a 1–2 star visit opened a follow-up.' })
  reopened!: number;

  @Field(() => Int, { description: '催办 received in the period.' })
  urges!: number;
}

@ObjectType('StaffStats', { description: '个人绩效: one member of staff’s tickets (派工) in a period, for fair, transparent appraisal.' })
export class StaffStatsView {
  @Field(() => StaffMember)
  person!: StaffMember;

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => Boolean, { description: 'False once deactivated (their period still counts).' })
  active!: boolean;

  @Field(() => Int, { description: 'Tickets assigned to them now, opened before the end of the period.' })
  assigned!: number;

  @Field(() => Int, { description: 'Of those, not closed yet.' })
  openNow!: number;

  @Field(() => Int)
  resolved!: number;

  @Field(() => Int)
  resolvedOnTime!: number;

  @Field(() => Float, { nullable: true })
  slaCompliance!: number | null;

  @Field(() => Float, { nullable: true })
  returnVisitRate!: number | null;

  @Field(() => Float, { nullable: true })
  satisfactionRate!: number | null;

  @Field(() => Float, { nullable: true })
  averageSatisfaction!: number | null;

  @Field(() => Int)
  reopened!: number;

  @Field(() => Int)
  urges!: number;
}

export enum StatsPeriod {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(StatsPeriod, { name: 'StatsPeriod' });
