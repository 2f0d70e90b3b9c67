// Turns a ticket record (from an entity or a read-model row) into what one viewer may see.
import type { Department } from '../community/community.enums.js';
import type { ViewerContext } from '../community/viewer.js';
import { SlaClock, type TicketKind, type Urgency, type VisitSlot } from './ticket.enums.js';
import {
  check,
  clockRuns,
  deadlines,
  maskName,
  maskPhone,
  nextUrgeAt,
  relationsOf,
  reopenUntil,
  seesPersonalData,
  TRANSITIONS,
  type ClockFacts,
  type ClockPolicy,
  type TicketAction,
} from './ticket.rules.js';
import type { TicketView } from './ticket.types.js';

/** The flat shape both the entity and the list query produce. */
export interface TicketRecord extends ClockFacts {
  id: string;
  seq: number;
  kind: TicketKind;
  title: string;
  description: string;
  demand: string | null;
  classified: boolean;
  department: Department | null;
  category: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  unitId: string | null;
  unitLabel: string | null;
  unitArea: number | null;
  commonArea: string | null;
  meTooCount: number;
  /** Whether the viewer joined it (同报); only the read side and the single-ticket view know. */
  meTooByMe?: boolean;
  preferredVisitDate: string | null;
  preferredVisitSlot: VisitSlot | null;
  ownerId: string;
  ownerName: string;
  contactPhone: string;
  answer: string | null;
  resolutionSummary: string | null;
  dueAt: Date | null;
  dueClock: SlaClock | null;
  escalationLevel: number;
  missed: SlaClock[];
  solutionRounds: number;
  satisfaction: number | null;
  returnVisitComment: string | null;
  updatedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  urgeCount: number;
  lastUrgedAt: Date | null;
  reopenCount: number;
}

export const ticketNumber = (seq: number) => `T-${String(seq).padStart(5, '0')}`;

/** The facts the rules ask of a ticket, for one viewer. */
export const ticketFacts = (t: Pick<TicketRecord, 'ownerId' | 'department' | 'commonArea' | 'meTooByMe'>) => ({
  ownerId: t.ownerId,
  department: t.department,
  commonArea: t.commonArea !== null,
  viewerMeToo: t.meTooByMe ?? false,
});

export function toView(t: TicketRecord, viewer: ViewerContext, policy: ClockPolicy, now: Date): TicketView {
  const relations = relationsOf(viewer, ticketFacts(t));
  const entitled = seesPersonalData(relations);
  const actions = (Object.keys(TRANSITIONS) as TicketAction[]).filter((a) => check(a, t, relations, policy, now).ok);
  return {
    id: t.id,
    number: ticketNumber(t.seq),
    kind: t.kind,
    status: t.status,
    title: t.title,
    description: t.description,
    demand: t.demand,
    urgency: t.urgency as Urgency,
    classified: t.classified,
    department: t.department,
    category: t.category,
    assignee: t.assigneeId ? { id: t.assigneeId, displayName: t.assigneeName ?? '' } : null,
    unit: t.unitId ? { id: t.unitId, label: t.unitLabel ?? '', area: t.unitArea ?? 0 } : null,
    commonArea: t.commonArea,
    meTooCount: t.meTooCount,
    meTooByMe: t.meTooByMe ?? false,
    preferredVisit: t.preferredVisitDate && t.preferredVisitSlot ? { date: t.preferredVisitDate, slot: t.preferredVisitSlot } : null,
    ownerName: entitled ? t.ownerName : maskName(t.ownerName),
    contactPhone: entitled ? t.contactPhone : maskPhone(t.contactPhone)!,
    personalDataMasked: !entitled,
    answer: t.answer,
    resolutionSummary: t.resolutionSummary,
    promisedReplyAt: t.promisedReplyAt,
    dueAt: t.dueAt,
    dueClock: t.dueClock,
    overdue: t.dueAt !== null && now > t.dueAt,
    clockPaused: t.status === 'SOLUTION_PROPOSED',
    escalationLevel: t.escalationLevel,
    missedClocks: t.missed,
    deadlines: deadlines(t, policy).map((d) => ({
      clock: d.clock,
      dueAt: d.dueAt,
      metAt: d.metAt,
      // The update cadence starts again with each word to the owner: this round is missed only once past due.
      missed: d.clock === SlaClock.UPDATE ? now > d.dueAt : t.missed.includes(d.clock) || (d.metAt !== null && d.metAt > d.dueAt),
      running: clockRuns(t.status, d.clock),
    })),
    solutionRounds: t.solutionRounds,
    satisfaction: t.satisfaction,
    returnVisitComment: t.returnVisitComment,
    availableActions: actions,
    cancelledAt: t.cancelledAt,
    cancelReason: t.cancelReason,
    urgeCount: t.urgeCount,
    lastUrgedAt: t.lastUrgedAt,
    nextUrgeAt: nextUrgeAt(t.lastUrgedAt, policy, now),
    reopenCount: t.reopenCount,
    reopenableUntil: reopenUntil(t, policy),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    resolvedAt: t.resolvedAt,
    closedAt: t.closedAt,
    relations,
    ownerId: t.ownerId,
    staffView: relations.has('CUSTOMER_SERVICE') || relations.has('DEPARTMENT_STAFF') || relations.has('ADMIN'),
  };
}
