// The charter's service-desk rules as data and pure functions: who may do what in which state,
// the SLA deadlines, escalation levels and personal-data masking. No I/O here.
import { Department, Role } from '../community/community.enums.js';
import { SlaClock, TicketKind, TicketStatus, Urgency } from './ticket.enums.js';

const { RECEIVED, INVESTIGATING, SOLUTION_PROPOSED, IN_PROGRESS, RESOLVED, CLOSED } = TicketStatus;

/** How the viewer stands to one ticket. */
export type Relation = 'OWNER' | 'CUSTOMER_SERVICE' | 'DEPARTMENT_STAFF' | 'ADMIN';

export type TicketAction =
  | 'answerOnTheSpot'
  | 'dispatch'
  | 'postUpdate'
  | 'postInternalUpdate'
  | 'proposeSolution'
  | 'acceptSolution'
  | 'rejectSolution'
  | 'resolve'
  | 'recordReturnVisit';

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
};

export interface ViewerFacts {
  id: string;
  roles: readonly Role[];
  department: Department | null;
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
  }
  if (viewer.roles.includes(Role.ADMIN)) relations.add('ADMIN');
  return relations;
}

export type Decision =
  | { ok: true; to: TicketStatus }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION'; message: string };

/** Wrong role → FORBIDDEN (whatever the state); right role, wrong state → INVALID_TRANSITION. */
export function decide(action: TicketAction, status: TicketStatus, relations: ReadonlySet<Relation>): Decision {
  const transition = TRANSITIONS[action];
  if (!transition.by.some((r) => relations.has(r))) {
    return { ok: false, code: 'FORBIDDEN', message: `You may not ${describe(action)} on this ticket.` };
  }
  if (!transition.from.includes(status)) {
    return { ok: false, code: 'INVALID_TRANSITION', message: `Cannot ${describe(action)} while the ticket is ${status}.` };
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
}

export const DEFAULT_SLA: SlaPolicy = {
  targets: {
    [Urgency.URGENT]: { responseMinutes: 15, solutionMinutes: 60, resolutionMinutes: 4 * 60 },
    [Urgency.HIGH]: { responseMinutes: 30, solutionMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
    [Urgency.NORMAL]: { responseMinutes: 2 * 60, solutionMinutes: 24 * 60, resolutionMinutes: 72 * 60 },
    [Urgency.LOW]: { responseMinutes: 24 * 60, solutionMinutes: 72 * 60, resolutionMinutes: 7 * 24 * 60 },
  },
  returnVisitHours: 72,
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
  const from = t.createdAt.getTime();
  const list: Deadline[] = [
    { clock: SlaClock.RESPONSE, dueAt: new Date(from + target.responseMinutes * MINUTE), metAt: t.respondedAt, allowedMs: target.responseMinutes * MINUTE },
  ];
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
