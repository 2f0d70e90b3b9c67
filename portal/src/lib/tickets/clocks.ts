import type { SlaClock, TicketStatus } from '@cocreate/schema';

/**
 * met: done in time · metLate: done, but after the deadline · running: counting down ·
 * overdue: running and past due · paused: stopped while the owner decides ·
 * pending: starts later in the flow · stopped: the ticket closed before it mattered.
 */
export type ClockState = 'met' | 'metLate' | 'running' | 'overdue' | 'paused' | 'pending' | 'stopped';

export interface DeadlineFacts {
  clock: SlaClock;
  dueAt: string;
  metAt: string | null;
  missed: boolean;
  /** The API's answer: the clock counts in the ticket's present status. */
  running: boolean;
}

export function clockState(deadline: DeadlineFacts, ticket: { status: TicketStatus; clockPaused: boolean }, now: number): ClockState {
  if (deadline.metAt) return deadline.missed || Date.parse(deadline.metAt) > Date.parse(deadline.dueAt) ? 'metLate' : 'met';
  if (ticket.status === 'CLOSED') return 'stopped';
  if (ticket.clockPaused) return 'paused';
  if (!deadline.running) return 'pending';
  return now > Date.parse(deadline.dueAt) ? 'overdue' : 'running';
}

/** Deadlines in the order they come due, so the list reads like the ticket's schedule. */
export function byDueTime<T extends { dueAt: string }>(deadlines: readonly T[]): T[] {
  return [...deadlines].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** A span in whole days, hours, minutes and seconds (sign dropped). */
export function splitDuration(ms: number): DurationParts {
  let rest = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  return { days, hours, minutes, seconds: rest - minutes * 60 };
}

/** Whether a list item counts as overdue right now (the list was fetched a while ago). */
export function isOverdue(ticket: { dueAt: string | null; clockPaused: boolean; status: TicketStatus }, now: number): boolean {
  return ticket.dueAt !== null && !ticket.clockPaused && ticket.status !== 'CLOSED' && now > Date.parse(ticket.dueAt);
}
