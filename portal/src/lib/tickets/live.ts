import type { TicketStatus } from '@cocreate/schema';

interface Versioned {
  updatedAt: string;
}

/**
 * A pushed or returned copy replaces the one on screen only if it is at least as recent:
 * a subscription event can arrive after the result of a later mutation.
 */
export function isNewer(incoming: Versioned, current: Versioned): boolean {
  return Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt);
}

export type Change = { kind: 'status'; status: TicketStatus } | { kind: 'activity' } | null;

/** What to tell the reader when the ticket changed under their eyes. */
export function changeBetween(
  before: { status: TicketStatus; events: readonly unknown[]; updatedAt: string },
  after: { status: TicketStatus; events: readonly unknown[]; updatedAt: string },
): Change {
  if (after.status !== before.status) return { kind: 'status', status: after.status };
  if (after.events.length !== before.events.length || after.updatedAt !== before.updatedAt) return { kind: 'activity' };
  return null;
}
