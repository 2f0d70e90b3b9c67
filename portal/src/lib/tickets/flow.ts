import type { TicketKind, TicketStatus, Urgency } from '@cocreate/schema';
import type { IconName } from '$lib/components/icons';

/** The charter's flow, in order: 受理 → 分派 → 调查 → 方案 → 实施 → 已解决 → 回访. */
export const FLOW_STEPS = ['received', 'dispatched', 'investigating', 'solution', 'inProgress', 'resolved', 'returnVisit'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number] | 'answered';
export type StepState = 'done' | 'current' | 'upcoming';

export interface ProgressStep {
  step: FlowStep;
  state: StepState;
}

/** Where each status stands in the flow. A resolved ticket waits for its return visit. */
const CURRENT_STEP: Record<Exclude<TicketStatus, 'CLOSED'>, (typeof FLOW_STEPS)[number]> = {
  RECEIVED: 'received',
  INVESTIGATING: 'investigating',
  SOLUTION_PROPOSED: 'solution',
  IN_PROGRESS: 'inProgress',
  RESOLVED: 'returnVisit',
};

export interface FlowFacts {
  status: TicketStatus;
  /** Set when customer service answered on the spot (当场解答). */
  answer: string | null;
  resolvedAt: string | null;
}

/** True for a question answered at the desk: it skips the whole investigation. */
export function answeredOnTheSpot(ticket: FlowFacts): boolean {
  return ticket.status === 'CLOSED' && ticket.answer !== null && ticket.resolvedAt === null;
}

/** The steps to draw for a ticket, each done, current or still to come. */
export function progressOf(ticket: FlowFacts): ProgressStep[] {
  if (answeredOnTheSpot(ticket)) {
    return [
      { step: 'received', state: 'done' },
      { step: 'answered', state: 'done' },
    ];
  }
  if (ticket.status === 'CLOSED') return FLOW_STEPS.map((step) => ({ step, state: 'done' }));
  const current = FLOW_STEPS.indexOf(CURRENT_STEP[ticket.status]);
  return FLOW_STEPS.map((step, index) => ({
    step,
    state: index < current ? 'done' : index === current ? 'current' : 'upcoming',
  }));
}

export type Tone = 'neutral' | 'info' | 'attention' | 'success' | 'danger' | 'muted';

export const STATUS_LOOK: Record<TicketStatus, { tone: Tone; icon: IconName }> = {
  RECEIVED: { tone: 'neutral', icon: 'inbox' },
  INVESTIGATING: { tone: 'info', icon: 'search' },
  SOLUTION_PROPOSED: { tone: 'attention', icon: 'lightbulb' },
  IN_PROGRESS: { tone: 'info', icon: 'wrench' },
  RESOLVED: { tone: 'success', icon: 'checkCircle' },
  CLOSED: { tone: 'muted', icon: 'archive' },
};

export const KIND_ICON: Record<TicketKind, IconName> = {
  REPAIR: 'wrench',
  COMPLAINT: 'megaphone',
  INQUIRY: 'chat',
};

/** The order the intake form offers them in: most tickets are repairs. */
export const KINDS: readonly TicketKind[] = ['REPAIR', 'COMPLAINT', 'INQUIRY'];

export const URGENCIES: readonly Urgency[] = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];

export const URGENCY_TONE: Record<Urgency, Tone> = {
  URGENT: 'danger',
  HIGH: 'attention',
  NORMAL: 'neutral',
  LOW: 'muted',
};

/** What the owner is being waited on for, if anything. */
export function waitingOnOwner(status: TicketStatus): 'respond' | 'rate' | null {
  if (status === 'SOLUTION_PROPOSED') return 'respond';
  if (status === 'RESOLVED') return 'rate';
  return null;
}
