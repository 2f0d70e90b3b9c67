// The charter's service-desk rules as data and pure functions: who may do what in which state,
// the SLA deadlines, escalation levels and personal-data masking. No I/O here.
import { Department, Role } from '../community/community.enums.js';
import { SlaClock, TicketKind, TicketStatus, Urgency } from './ticket.enums.js';
import type { ErrorReason } from '../shared/reasons.js';
import { searchWords } from '../shared/like.js';

const { RECEIVED, INVESTIGATING, SOLUTION_PROPOSED, IN_PROGRESS, RESOLVED, CLOSED } = TicketStatus;

/** How the viewer stands to one ticket. */
export type Relation = 'OWNER' | 'CUSTOMER_SERVICE' | 'DEPARTMENT_STAFF' | 'DEPARTMENT_HEAD' | 'ADMIN';

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
  | 'assign';

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
}

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
  return relations;
}

export type Decision =
  | { ok: true; to: TicketStatus }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'TOO_MANY_ATTEMPTS'; reason: ErrorReason; message: string; retryAt?: Date; status?: TicketStatus; days?: number };

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

/** Who may see a ticket at all: its owner, and every staff role (masked where not entitled). */
export function canView(viewer: ViewerFacts, ticket: TicketFacts): boolean {
  return (
    viewer.id === ticket.ownerId ||
    viewer.roles.some((r) => r === Role.CUSTOMER_SERVICE || r === Role.STAFF || r === Role.ADMIN)
  );
}

/** 保密制度: name and phone only for the owner, customer service, admin and the handling department. */
export function seesPersonalData(relations: ReadonlySet<Relation>): boolean {
  return relations.size > 0;
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
// SLA

export interface SlaTargets {
  responseMinutes: number;
  solutionMinutes: number;
  resolutionMinutes: number;
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
    [Urgency.URGENT]: { responseMinutes: 15, solutionMinutes: 60, resolutionMinutes: 4 * 60 },
    [Urgency.HIGH]: { responseMinutes: 30, solutionMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
    [Urgency.NORMAL]: { responseMinutes: 2 * 60, solutionMinutes: 24 * 60, resolutionMinutes: 72 * 60 },
    [Urgency.LOW]: { responseMinutes: 24 * 60, solutionMinutes: 72 * 60, resolutionMinutes: 7 * 24 * 60 },
  },
  returnVisitHours: 72,
  urgeIntervalHours: 24,
  reopenWindowDays: 7,
};

/** Before classification: complaints at least HIGH, everything else NORMAL. */
export function intakeUrgency(kind: TicketKind): Urgency {
  return kind === TicketKind.COMPLAINT ? Urgency.HIGH : Urgency.NORMAL;
}

export function validateSlaPolicy(policy: SlaPolicy): string | null {
  for (const urgency of Object.values(Urgency)) {
    const t = policy.targets[urgency];
    if (!t) return `targets.${urgency} is missing`;
    for (const [key, value] of Object.entries(t)) {
      if (!Number.isInteger(value) || value < 1 || value > 60 * 24 * 90) return `targets.${urgency}.${key} must be 1 to 129600 minutes`;
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

/** What the clocks need to know about a ticket. */
export interface ClockFacts {
  status: TicketStatus;
  urgency: Urgency;
  createdAt: Date;
  respondedAt: Date | null;
  firstSolutionAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  promisedReplyAt: Date | null;
  promiseKeptAt: Date | null;
  /** Time spent waiting on the owner (SOLUTION_PROPOSED) so far, not counting a wait still going on. */
  pausedMs: number;
  /** When the running round began: intake, or the last reopen. The solution and resolution clocks count from it. */
  clockStartedAt?: Date | null;
}

export interface Deadline {
  clock: SlaClock;
  dueAt: Date;
  metAt: Date | null;
  /** How long the clock allowed; escalation's second level comes after the same span again. */
  allowedMs: number;
}

const MINUTE = 60_000;

export function deadlines(t: ClockFacts, policy: SlaPolicy): Deadline[] {
  const target = policy.targets[t.urgency];
  const list: Deadline[] = [
    { clock: SlaClock.RESPONSE, dueAt: new Date(t.createdAt.getTime() + target.responseMinutes * MINUTE), metAt: t.respondedAt, allowedMs: target.responseMinutes * MINUTE },
  ];
  const from = (t.clockStartedAt ?? t.createdAt).getTime();
  if (t.status === CLOSED && !t.resolvedAt) return list; // answered on the spot
  list.push(
    { clock: SlaClock.SOLUTION, dueAt: new Date(from + target.solutionMinutes * MINUTE), metAt: t.firstSolutionAt, allowedMs: target.solutionMinutes * MINUTE },
    {
      clock: SlaClock.RESOLUTION,
      dueAt: new Date(from + target.resolutionMinutes * MINUTE + t.pausedMs),
      metAt: t.resolvedAt,
      allowedMs: target.resolutionMinutes * MINUTE,
    },
  );
  if (t.promisedReplyAt) {
    list.push({
      clock: SlaClock.PROMISED_REPLY,
      dueAt: t.promisedReplyAt,
      metAt: t.promiseKeptAt,
      allowedMs: Math.max(15 * MINUTE, t.promisedReplyAt.getTime() - from),
    });
  }
  if (t.resolvedAt) {
    const allowed = policy.returnVisitHours * 60 * MINUTE;
    list.push({ clock: SlaClock.RETURN_VISIT, dueAt: new Date(t.resolvedAt.getTime() + allowed), metAt: t.closedAt, allowedMs: allowed });
  }
  return list;
}

/** Which clocks run in each state. While the ticket waits on the owner, none does. */
const RUNNING: Record<TicketStatus, readonly SlaClock[]> = {
  RECEIVED: [SlaClock.RESPONSE],
  INVESTIGATING: [SlaClock.SOLUTION, SlaClock.RESOLUTION, SlaClock.PROMISED_REPLY],
  SOLUTION_PROPOSED: [],
  IN_PROGRESS: [SlaClock.RESOLUTION],
  RESOLVED: [SlaClock.RETURN_VISIT],
  CLOSED: [],
};

/** The deadline that matters now: the earliest unmet one among the clocks running in this state. */
export function currentDeadline(t: ClockFacts, policy: SlaPolicy): Deadline | null {
  const running = RUNNING[t.status];
  return (
    deadlines(t, policy)
      .filter((d) => d.metAt === null && running.includes(d.clock))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null
  );
}

/** Clocks missed by `now` (met late, or still unmet past due) — each is recorded once. */
export function missedClocks(t: ClockFacts, policy: SlaPolicy, now: Date): SlaClock[] {
  return deadlines(t, policy)
    .filter((d) => {
      if (d.metAt) return d.metAt > d.dueAt;
      return RUNNING[t.status].includes(d.clock) && now > d.dueAt;
    })
    .map((d) => d.clock);
}

/** 0 on time; 1 overdue (the department's head is told); 2 overdue by the clock's span again (management). */
export function escalationLevel(deadline: Deadline | null, now: Date): 0 | 1 | 2 {
  if (!deadline || now <= deadline.dueAt) return 0;
  return now.getTime() > deadline.dueAt.getTime() + deadline.allowedMs ? 2 : 1;
}

// ---------------------------------------------------------------------------------------------
// The owner's end of the loop: cancel, urge (催办), reopen ("it is not fixed"), and the low-rating follow-up

/** What the loop's rules need beyond the status. */
export interface LoopFacts {
  status: TicketStatus;
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
    return { reason: 'REOPEN_WINDOW_OVER', days: policy.reopenWindowDays, message: `Cannot reopen: the ${policy.reopenWindowDays}-day window after closing has passed.` };
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
      return { ok: false, code: 'TOO_MANY_ATTEMPTS', reason: 'URGED_RECENTLY', retryAt, message: `This ticket was urged less than ${policy.urgeIntervalHours} hours ago; you can urge it again after ${retryAt.toISOString()}.` };
    }
  }
  if (action === 'reopen') {
    const refusal = reopenRefusal(t, policy, now);
    if (refusal) return { ok: false, code: 'INVALID_TRANSITION', ...refusal };
  }
  return decision;
}

/** Who may list a department's staff to assign from: customer service, admins, and that department's head. */
export function canListDepartmentStaff(viewer: ViewerFacts, department: Department): boolean {
  if (viewer.roles.includes(Role.CUSTOMER_SERVICE) || viewer.roles.includes(Role.ADMIN)) return true;
  return Boolean(viewer.leadsDepartment) && viewer.department === department && viewer.roles.includes(Role.STAFF);
}

/** Who can be assigned (派工): a staff member of the ticket's handling department. */
export function canBeAssigned(person: { roles: readonly Role[]; department: Department | null; deactivatedAt?: Date | null }, ticket: { department: Department | null }): boolean {
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
  return searchWords(search)
    .map((text) => {
      const numbered = /^T-?0*(\d{1,9})$/i.exec(text);
      if (numbered) return { text, seq: Number(numbered[1]), numberOnly: true };
      const digits = /^0*(\d{1,9})$/.exec(text);
      return { text, seq: digits ? Number(digits[1]) : null, numberOnly: false };
    });
}
