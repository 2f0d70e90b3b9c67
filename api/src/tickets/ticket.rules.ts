// The charter's service-desk rules as data and pure functions: who may do what in which state,
// the SLA deadlines, escalation levels and personal-data masking. No I/O here.
import { type Department, Role } from '../community/community.enums.js';
import { SlaClock, TicketKind, TicketStatus, Urgency, VisitSlot } from './ticket.enums.js';
import type { ErrorReason } from '../shared/reasons.js';
import { addWorkingTime, NO_CALENDAR, workCalendar, type SlaCalendar, type WorkCalendar } from './sla-calendar.rules.js';
import { searchWords } from '../shared/like.js';

const { RECEIVED, INVESTIGATING, SOLUTION_PROPOSED, IN_PROGRESS, RESOLVED, CLOSED } = TicketStatus;

/**
 * How the viewer stands to one ticket. NEIGHBOUR: an owner or resident of the community, not the
 * filer, looking at a common-area ticket they have not joined; ME_TOO: one who joined it (同报).
 * Neither sees personal data or acts for the filer.
 */
export type Relation = 'OWNER' | 'CUSTOMER_SERVICE' | 'DEPARTMENT_STAFF' | 'DEPARTMENT_HEAD' | 'ADMIN' | 'NEIGHBOUR' | 'ME_TOO';

export type TicketAction =
  | 'answerOnTheSpot'
  | 'dispatch'
  | 'postUpdate'
  | 'postInternalUpdate'
  | 'proposeSolution'
  | 'acceptSolution'
  | 'rejectSolution'
  | 'resolve'
  | 'recordReturnVisit'
  | 'cancel'
  | 'urge'
  | 'reopen'
  | 'assign'
  | 'meToo';

interface Transition {
  from: readonly TicketStatus[];
  by: readonly Relation[];
  /** Target status; absent when the action does not change it. */
  to?: TicketStatus;
}

const OPEN_STATES = [RECEIVED, INVESTIGATING, SOLUTION_PROPOSED, IN_PROGRESS, RESOLVED] as const;

export const TRANSITIONS: Record<TicketAction, Transition> = {
  answerOnTheSpot: { from: [RECEIVED], by: ['CUSTOMER_SERVICE', 'ADMIN'], to: CLOSED },
  dispatch: { from: [RECEIVED, INVESTIGATING], by: ['CUSTOMER_SERVICE', 'ADMIN'], to: INVESTIGATING },
  postUpdate: { from: OPEN_STATES, by: ['OWNER', 'CUSTOMER_SERVICE', 'DEPARTMENT_STAFF', 'ADMIN'] },
  postInternalUpdate: { from: OPEN_STATES, by: ['CUSTOMER_SERVICE', 'DEPARTMENT_STAFF', 'ADMIN'] },
  proposeSolution: { from: [INVESTIGATING], by: ['DEPARTMENT_STAFF', 'ADMIN'], to: SOLUTION_PROPOSED },
  acceptSolution: { from: [SOLUTION_PROPOSED], by: ['OWNER', 'CUSTOMER_SERVICE', 'ADMIN'], to: IN_PROGRESS },
  rejectSolution: { from: [SOLUTION_PROPOSED], by: ['OWNER', 'CUSTOMER_SERVICE', 'ADMIN'], to: INVESTIGATING },
  resolve: { from: [IN_PROGRESS], by: ['DEPARTMENT_STAFF', 'ADMIN'], to: RESOLVED },
  recordReturnVisit: { from: [RESOLVED], by: ['OWNER', 'CUSTOMER_SERVICE', 'ADMIN'], to: CLOSED },
  // The owner's end of the loop. Customer service and admins record it for an owner who phones.
  cancel: { from: [RECEIVED, INVESTIGATING, SOLUTION_PROPOSED, IN_PROGRESS], by: ['OWNER', 'CUSTOMER_SERVICE', 'ADMIN'], to: CLOSED },
  // 催办: only while the ticket waits on staff (not while it waits on the owner's answer or visit).
  urge: { from: [RECEIVED, INVESTIGATING, IN_PROGRESS], by: ['OWNER'] },
  reopen: { from: [RESOLVED, CLOSED], by: ['OWNER', 'CUSTOMER_SERVICE', 'ADMIN'], to: INVESTIGATING },
  // 派工: while the department works on it (after dispatch, before resolution).
  assign: { from: [INVESTIGATING, SOLUTION_PROPOSED, IN_PROGRESS], by: ['DEPARTMENT_HEAD', 'CUSTOMER_SERVICE', 'ADMIN'] },
  // 同报: while the ticket is open (a closed or cancelled one is over: a new report is a new ticket).
  // ME_TOO and OWNER are named so that check() can say "already in" rather than "not allowed".
  meToo: { from: OPEN_STATES, by: ['NEIGHBOUR', 'ME_TOO', 'OWNER'] },
};

export interface ViewerFacts {
  id: string;
  roles: readonly Role[];
  department: Department | null;
  /** Head of their department (absent: not a head). */
  leadsDepartment?: boolean;
}

export interface TicketFacts {
  ownerId: string;
  department: Department | null;
  /** A common-area ticket (no unit): every owner and resident of the community may see it and say "me too". */
  commonArea?: boolean;
  /** The viewer has said "me too" on it. */
  viewerMeToo?: boolean;
}

/** Owners and residents are the community's neighbours: they file for common parts and join each other's reports. */
export const isNeighbour = (viewer: ViewerFacts) => viewer.roles.includes(Role.OWNER) || viewer.roles.includes(Role.RESIDENT);

export function relationsOf(viewer: ViewerFacts, ticket: TicketFacts): Set<Relation> {
  const relations = new Set<Relation>();
  if (viewer.id === ticket.ownerId) relations.add('OWNER');
  if (viewer.roles.includes(Role.CUSTOMER_SERVICE)) relations.add('CUSTOMER_SERVICE');
  if (
    ticket.department !== null &&
    viewer.department === ticket.department &&
    (viewer.roles.includes(Role.STAFF) || viewer.roles.includes(Role.CUSTOMER_SERVICE))
  ) {
    relations.add('DEPARTMENT_STAFF');
    if (viewer.leadsDepartment) relations.add('DEPARTMENT_HEAD');
  }
  if (viewer.roles.includes(Role.ADMIN)) relations.add('ADMIN');
  if (ticket.commonArea && viewer.id !== ticket.ownerId) {
    if (ticket.viewerMeToo) relations.add('ME_TOO');
    else if (isNeighbour(viewer)) relations.add('NEIGHBOUR');
  }
  return relations;
}

/** Relations that handle the ticket (or filed it): they see its personal data and act on it. */
const HANDLING: readonly Relation[] = ['OWNER', 'CUSTOMER_SERVICE', 'DEPARTMENT_STAFF', 'DEPARTMENT_HEAD', 'ADMIN'];

export type Decision =
  | { ok: true; to: TicketStatus }
  | {
      ok: false;
      code: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'TOO_MANY_ATTEMPTS' | 'CONFLICT';
      reason: ErrorReason;
      message: string;
      retryAt?: Date;
      status?: TicketStatus;
      days?: number;
    };

/** Wrong role → FORBIDDEN (whatever the state); right role, wrong state → INVALID_TRANSITION. */
export function decide(action: TicketAction, status: TicketStatus, relations: ReadonlySet<Relation>): Decision {
  const transition = TRANSITIONS[action];
  if (!transition.by.some((r) => relations.has(r))) {
    return { ok: false, code: 'FORBIDDEN', reason: 'NOT_YOUR_TICKET_ROLE', message: `You may not ${describe(action)} on this ticket.` };
  }
  if (!transition.from.includes(status)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'TICKET_STATUS', status, message: `Cannot ${describe(action)} while the ticket is ${status}.` };
  }
  return { ok: true, to: transition.to ?? status };
}

function describe(action: TicketAction): string {
  return action.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

/**
 * Who may see a ticket at all: its owner, every staff role (masked where not entitled), and for a
 * common-area ticket every owner and resident of the community (masked), so they can find it and
 * say "me too" instead of filing it again.
 */
export function canView(viewer: ViewerFacts, ticket: TicketFacts): boolean {
  return (
    viewer.id === ticket.ownerId ||
    viewer.roles.some((r) => r === Role.CUSTOMER_SERVICE || r === Role.STAFF || r === Role.ADMIN) ||
    (Boolean(ticket.commonArea) && (isNeighbour(viewer) || Boolean(ticket.viewerMeToo)))
  );
}

/** 保密制度: name and phone only for the owner, customer service, admin and the handling department; never for neighbours. */
export function seesPersonalData(relations: ReadonlySet<Relation>): boolean {
  return HANDLING.some((r) => relations.has(r));
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return `${digits.slice(0, 1)}${'*'.repeat(digits.length - 3)}${digits.slice(-2)}`;
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return name;
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

// ---------------------------------------------------------------------------------------------
// Common areas (公共区域) and the preferred visit

/** Kinds a common-area ticket may be. An inquiry is a person's own question, answered to them: it is filed for their unit. */
export const COMMON_AREA_KINDS: readonly TicketKind[] = [TicketKind.REPAIR, TicketKind.COMPLAINT];
export const COMMON_AREA_LENGTH = { min: 2, max: 60 } as const;

/** 上门时段 in the community's local time: [from, to) hours. */
export const VISIT_SLOTS: Record<VisitSlot, readonly [number, number]> = {
  [VisitSlot.MORNING]: [8, 12],
  [VisitSlot.AFTERNOON]: [13, 18],
  [VisitSlot.EVENING]: [18, 21],
};
/** A preferred visit at most this many days ahead. */
export const VISIT_MAX_DAYS = 30;

/** The local date (YYYY-MM-DD) and hour of `at` in a time zone. */
export function localDateHour(at: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Why a preferred visit cannot be taken at `now`, or null: a real date, a slot not yet over, within VISIT_MAX_DAYS. */
export function visitProblem(date: string, slot: VisitSlot, now: Date, timeZone: string): { reason: ErrorReason; message: string; days?: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || addDays(date, 0) !== date) return { reason: 'DATE_INVALID', message: 'must be a date, YYYY-MM-DD' };
  const today = localDateHour(now, timeZone);
  if (date < today.date || (date === today.date && today.hour >= VISIT_SLOTS[slot][1])) return { reason: 'DATE_PAST', message: 'is already over' };
  if (date > addDays(today.date, VISIT_MAX_DAYS)) return { reason: 'TIME_TOO_FAR', days: VISIT_MAX_DAYS, message: `must be within ${VISIT_MAX_DAYS} days` };
  return null;
}

// ---------------------------------------------------------------------------------------------
// SLA

export interface SlaTargets {
  responseMinutes: number;
  solutionMinutes: number;
  resolutionMinutes: number;
  /** Count only the handling department's working hours (holidays off, 调休 days on); false: every hour. */
  countsWorkingTimeOnly: boolean;
  /** 定期反馈: an open ticket with no public word to the owner from staff for this long is overdue (null: no such clock). */
  updateCadenceMinutes: number | null;
}

export interface SlaPolicy {
  targets: Record<Urgency, SlaTargets>;
  /** The return visit is due this long after resolution. */
  returnVisitHours: number;
  /** 催办: an owner may urge one ticket at most once in this many hours. */
  urgeIntervalHours: number;
  /** A closed ticket may be reopened ("it is not fixed") for this many days after it closed (0: not at all). */
  reopenWindowDays: number;
}

export const DEFAULT_SLA: SlaPolicy = {
  targets: {
    [Urgency.URGENT]: { responseMinutes: 15, solutionMinutes: 60, resolutionMinutes: 4 * 60, countsWorkingTimeOnly: false, updateCadenceMinutes: null },
    [Urgency.HIGH]: { responseMinutes: 30, solutionMinutes: 4 * 60, resolutionMinutes: 24 * 60, countsWorkingTimeOnly: false, updateCadenceMinutes: null },
    [Urgency.NORMAL]: {
      responseMinutes: 2 * 60,
      solutionMinutes: 24 * 60,
      resolutionMinutes: 72 * 60,
      countsWorkingTimeOnly: true,
      updateCadenceMinutes: null,
    },
    [Urgency.LOW]: {
      responseMinutes: 24 * 60,
      solutionMinutes: 72 * 60,
      resolutionMinutes: 7 * 24 * 60,
      countsWorkingTimeOnly: true,
      updateCadenceMinutes: null,
    },
  },
  returnVisitHours: 72,
  urgeIntervalHours: 24,
  reopenWindowDays: 7,
};

/** Before classification: complaints at least HIGH, everything else NORMAL. */
export function intakeUrgency(kind: TicketKind): Urgency {
  return kind === TicketKind.COMPLAINT ? Urgency.HIGH : Urgency.NORMAL;
}

export const MAX_SLA_MINUTES = 60 * 24 * 90;
/** A cadence shorter than this would flag every ticket between two messages. */
export const MIN_CADENCE_MINUTES = 15;

export function validateSlaPolicy(policy: SlaPolicy): string | null {
  for (const urgency of Object.values(Urgency)) {
    const t = policy.targets[urgency];
    if (!t) return `targets.${urgency} is missing`;
    for (const key of ['responseMinutes', 'solutionMinutes', 'resolutionMinutes'] as const) {
      const value = t[key];
      if (!Number.isInteger(value) || value < 1 || value > MAX_SLA_MINUTES) return `targets.${urgency}.${key} must be 1 to ${MAX_SLA_MINUTES} minutes`;
    }
    if (typeof t.countsWorkingTimeOnly !== 'boolean') return `targets.${urgency}.countsWorkingTimeOnly must be true or false`;
    const cadence = t.updateCadenceMinutes;
    if (cadence !== null && (!Number.isInteger(cadence) || cadence < MIN_CADENCE_MINUTES || cadence > MAX_SLA_MINUTES)) {
      return `targets.${urgency}.updateCadenceMinutes must be ${MIN_CADENCE_MINUTES} to ${MAX_SLA_MINUTES} minutes, or none`;
    }
    if (!(t.responseMinutes <= t.solutionMinutes && t.solutionMinutes <= t.resolutionMinutes)) {
      return `targets.${urgency}: response ≤ solution ≤ resolution is required`;
    }
  }
  const order = [Urgency.URGENT, Urgency.HIGH, Urgency.NORMAL, Urgency.LOW];
  for (let i = 1; i < order.length; i++) {
    if (policy.targets[order[i]!].responseMinutes < policy.targets[order[i - 1]!].responseMinutes) {
      return `targets.${order[i]}.responseMinutes must not be shorter than ${order[i - 1]}'s`;
    }
  }
  if (!Number.isInteger(policy.returnVisitHours) || policy.returnVisitHours < 1 || policy.returnVisitHours > 24 * 30) {
    return 'returnVisitHours must be 1 to 720';
  }
  if (!Number.isInteger(policy.urgeIntervalHours) || policy.urgeIntervalHours < 1 || policy.urgeIntervalHours > 24 * 30) {
    return 'urgeIntervalHours must be 1 to 720';
  }
  if (!Number.isInteger(policy.reopenWindowDays) || policy.reopenWindowDays < 0 || policy.reopenWindowDays > 90) {
    return 'reopenWindowDays must be 0 to 90';
  }
  return null;
}

/** The policy as the clocks apply it: with the community's calendar, which is kept outside the saved `sla` section. */
export interface ClockPolicy extends SlaPolicy {
  calendar?: SlaCalendar;
}

/** What the clocks need to know about a ticket. */
export interface ClockFacts {
  status: TicketStatus;
  urgency: Urgency;
  /** The handling department, whose working hours the clocks after intake count (null: not dispatched yet). */
  department: Department | null;
  createdAt: Date;
  respondedAt: Date | null;
  firstSolutionAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  promisedReplyAt: Date | null;
  promiseKeptAt: Date | null;
  /** Time spent waiting on the owner (SOLUTION_PROPOSED) so far, not counting a wait still going on. */
  pausedMs: number;
  /** The working time (of the department's hours) within those waits: what a working-time clock is extended by. */
  pausedWorkMs?: number;
  /** 定期反馈 counts from here: the last public word to the owner from staff, or the end of a wait on the owner. */
  updateClockFrom?: Date | null;
  /** When the running round began: intake, or the last reopen. The solution and resolution clocks count from it. */
  clockStartedAt?: Date | null;
}

export interface Deadline {
  clock: SlaClock;
  dueAt: Date;
  metAt: Date | null;
  /** How long the clock allowed. */
  allowedMs: number;
  /** Escalation's second level: overdue by the clock's span again (counted the way the clock counts). */
  escalateAt: Date;
}

const MINUTE = 60_000;

/**
 * Every deadline of a ticket. A working-time clock (the policy's `countsWorkingTimeOnly`) counts the
 * hours of whoever owes the step: customer service for the response, the handling department after
 * dispatch. Waits on the owner extend the resolution clock by the time that passed (working time
 * for a working-time clock).
 */
export function deadlines(t: ClockFacts, policy: ClockPolicy): Deadline[] {
  const calendar = policy.calendar ?? NO_CALENDAR;
  const target = policy.targets[t.urgency];
  const plain: WorkCalendar = { hours: null, days: new Map(), timeZone: calendar.timeZone };
  const desk = target.countsWorkingTimeOnly ? workCalendar(calendar, null) : plain;
  const department = target.countsWorkingTimeOnly ? workCalendar(calendar, t.department) : plain;
  const clock = (name: SlaClock, start: Date, ms: number, metAt: Date | null, cal: WorkCalendar, extraMs = 0): Deadline => {
    const dueAt = addWorkingTime(start, ms + extraMs, cal);
    return { clock: name, dueAt, metAt, allowedMs: ms, escalateAt: addWorkingTime(dueAt, ms, cal) };
  };
  const list: Deadline[] = [clock(SlaClock.RESPONSE, t.createdAt, target.responseMinutes * MINUTE, t.respondedAt, desk)];
  const from = t.clockStartedAt ?? t.createdAt;
  if (t.status === CLOSED && !t.resolvedAt) return list; // answered on the spot
  list.push(
    clock(SlaClock.SOLUTION, from, target.solutionMinutes * MINUTE, t.firstSolutionAt, department),
    clock(
      SlaClock.RESOLUTION,
      from,
      target.resolutionMinutes * MINUTE,
      t.resolvedAt,
      department,
      target.countsWorkingTimeOnly && department.hours ? (t.pausedWorkMs ?? 0) : t.pausedMs,
    ),
  );
  if (t.promisedReplyAt) {
    const allowedMs = Math.max(15 * MINUTE, t.promisedReplyAt.getTime() - from.getTime());
    list.push({
      clock: SlaClock.PROMISED_REPLY,
      dueAt: t.promisedReplyAt,
      metAt: t.promiseKeptAt,
      allowedMs,
      escalateAt: new Date(t.promisedReplyAt.getTime() + allowedMs),
    });
  }
  if (target.updateCadenceMinutes !== null && RUNNING[t.status].includes(SlaClock.UPDATE)) {
    list.push(clock(SlaClock.UPDATE, t.updateClockFrom ?? t.respondedAt ?? t.createdAt, target.updateCadenceMinutes * MINUTE, null, department));
  }
  if (t.resolvedAt) {
    const allowed = policy.returnVisitHours * 60 * MINUTE;
    const dueAt = new Date(t.resolvedAt.getTime() + allowed);
    list.push({ clock: SlaClock.RETURN_VISIT, dueAt, metAt: t.closedAt, allowedMs: allowed, escalateAt: new Date(dueAt.getTime() + allowed) });
  }
  return list;
}

/** Which clocks run in each state. While the ticket waits on the owner, none does. */
const RUNNING: Record<TicketStatus, readonly SlaClock[]> = {
  RECEIVED: [SlaClock.RESPONSE],
  INVESTIGATING: [SlaClock.SOLUTION, SlaClock.RESOLUTION, SlaClock.PROMISED_REPLY, SlaClock.UPDATE],
  SOLUTION_PROPOSED: [],
  IN_PROGRESS: [SlaClock.RESOLUTION, SlaClock.UPDATE],
  RESOLVED: [SlaClock.RETURN_VISIT],
  CLOSED: [],
};

/** Whether a clock counts in this state (while the ticket waits on the owner, none does). */
export const clockRuns = (status: TicketStatus, clock: SlaClock) => RUNNING[status].includes(clock);

/** The deadline that matters now: the earliest unmet one among the clocks running in this state. */
export function currentDeadline(t: ClockFacts, policy: ClockPolicy): Deadline | null {
  const running = RUNNING[t.status];
  return (
    deadlines(t, policy)
      .filter((d) => d.metAt === null && running.includes(d.clock))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null
  );
}

/** Clocks missed by `now` (met late, or still unmet past due) — each is recorded once. */
export function missedClocks(t: ClockFacts, policy: ClockPolicy, now: Date): SlaClock[] {
  return deadlines(t, policy)
    .filter((d) => {
      if (d.metAt) return d.metAt > d.dueAt;
      return RUNNING[t.status].includes(d.clock) && now > d.dueAt;
    })
    .map((d) => d.clock);
}

/** 0 on time; 1 overdue (the department's head is told); 2 overdue by the clock's span again (management). A new deadline starts again at 0. */
export function escalationLevel(deadline: Deadline | null, now: Date): 0 | 1 | 2 {
  if (!deadline || now <= deadline.dueAt) return 0;
  return now > deadline.escalateAt ? 2 : 1;
}

// ---------------------------------------------------------------------------------------------
// The owner's end of the loop: cancel, urge (催办), reopen ("it is not fixed"), and the low-rating follow-up

/** What the loop's rules need beyond the status. */
export interface LoopFacts {
  status: TicketStatus;
  /** Others who said "me too": the filer alone may no longer withdraw the report (customer service may). */
  meTooCount?: number;
  resolvedAt: Date | null;
  closedAt: Date | null;
  lastUrgedAt: Date | null;
}

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** When the owner may urge again, or null if they may now. */
export function nextUrgeAt(lastUrgedAt: Date | null, policy: SlaPolicy, now: Date): Date | null {
  if (!lastUrgedAt) return null;
  const next = new Date(lastUrgedAt.getTime() + policy.urgeIntervalHours * HOUR);
  return next > now ? next : null;
}

/** Until when a closed ticket may be reopened; null while it awaits the return visit (no window yet) or was never resolved. */
export function reopenUntil(t: LoopFacts, policy: SlaPolicy): Date | null {
  if (t.status !== CLOSED || !t.resolvedAt || !t.closedAt) return null;
  return new Date(t.closedAt.getTime() + policy.reopenWindowDays * DAY);
}

/** Why a reopen is refused at `now` (beyond the table), or null. */
export function reopenRefusal(t: LoopFacts, policy: SlaPolicy, now: Date): { reason: ErrorReason; message: string; days?: number } | null {
  if (!t.resolvedAt) return { reason: 'TICKET_STATUS', message: 'Only a resolved ticket can be reopened; this one was closed without a resolution.' };
  const until = reopenUntil(t, policy);
  if (until && now > until) {
    return {
      reason: 'REOPEN_WINDOW_OVER',
      days: policy.reopenWindowDays,
      message: `Cannot reopen: the ${policy.reopenWindowDays}-day window after closing has passed.`,
    };
  }
  return null;
}

/** A return-visit rating this low (1–2 stars) reopens the ticket as a follow-up, with the owner's words. */
export const FOLLOW_UP_BELOW = 3;
export const needsFollowUp = (satisfaction: number) => satisfaction < FOLLOW_UP_BELOW;

/** decide() and then the rules that depend on more than the status: the urge interval and the reopen window. */
export function check(action: TicketAction, t: LoopFacts, relations: ReadonlySet<Relation>, policy: SlaPolicy, now: Date): Decision {
  const decision = decide(action, t.status, relations);
  if (!decision.ok) return decision;
  if (action === 'urge') {
    const retryAt = nextUrgeAt(t.lastUrgedAt, policy, now);
    if (retryAt) {
      return {
        ok: false,
        code: 'TOO_MANY_ATTEMPTS',
        reason: 'URGED_RECENTLY',
        retryAt,
        message: `This ticket was urged less than ${policy.urgeIntervalHours} hours ago; you can urge it again after ${retryAt.toISOString()}.`,
      };
    }
  }
  if (action === 'reopen') {
    const refusal = reopenRefusal(t, policy, now);
    if (refusal) return { ok: false, code: 'INVALID_TRANSITION', ...refusal };
  }
  if (action === 'meToo') {
    if (relations.has('OWNER')) return { ok: false, code: 'CONFLICT', reason: 'ME_TOO_OWN_TICKET', message: 'You filed this ticket: you follow it already.' };
    if (relations.has('ME_TOO')) return { ok: false, code: 'CONFLICT', reason: 'ALREADY_ME_TOO', message: 'You have said "me too" on this ticket already.' };
  }
  if (action === 'cancel' && (t.meTooCount ?? 0) > 0 && !relations.has('CUSTOMER_SERVICE') && !relations.has('ADMIN')) {
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: 'ME_TOO_JOINED',
      message: 'Others have reported the same problem on this ticket: customer service may close it, you may not withdraw it for them.',
    };
  }
  return decision;
}

/** Who may list a department's staff to assign from: customer service, admins, and that department's head. */
export function canListDepartmentStaff(viewer: ViewerFacts, department: Department): boolean {
  if (viewer.roles.includes(Role.CUSTOMER_SERVICE) || viewer.roles.includes(Role.ADMIN)) return true;
  return Boolean(viewer.leadsDepartment) && viewer.department === department && viewer.roles.includes(Role.STAFF);
}

/** Who can be assigned (派工): a staff member of the ticket's handling department. */
export function canBeAssigned(
  person: { roles: readonly Role[]; department: Department | null; deactivatedAt?: Date | null },
  ticket: { department: Department | null },
): boolean {
  return ticket.department !== null && person.department === ticket.department && person.roles.includes(Role.STAFF) && !person.deactivatedAt;
}

// ---------------------------------------------------------------------------------------------
// Search terms

export interface SearchTerm {
  /** The words as typed, for ILIKE (wildcards escaped by the query). */
  text: string;
  /** A ticket number this term names: "T-00012", "t12", or bare digits (which may also be a phone fragment). */
  seq: number | null;
  /** True when the term can only be a ticket number (it had the T- prefix): no text match. */
  numberOnly: boolean;
}

/** Splits a search into words, all of which must match (see searchWords). */
export function searchTerms(search: string | null | undefined): SearchTerm[] {
  return searchWords(search).map((text) => {
    const numbered = /^T-?0*(\d{1,9})$/i.exec(text);
    if (numbered) return { text, seq: Number(numbered[1]), numberOnly: true };
    const digits = /^0*(\d{1,9})$/.exec(text);
    return { text, seq: digits ? Number(digits[1]) : null, numberOnly: false };
  });
}
