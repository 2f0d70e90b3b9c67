import { untrack } from 'svelte';
import { TicketChangedDocument } from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { fetchTicket, type Outcome, type Ticket } from './commands';
import { changeBetween, isNewer, type Change } from './live';
import type { Problem } from '$lib/core/problem';

/** What the ticket page says after something happened: a command that went through, or news pushed live. */
export type Notice = { kind: 'done'; message: string } | { kind: 'live'; change: NonNullable<Change> };

/**
 * One open ticket page: the ticket as it is now, kept current by the commands the viewer
 * sends and by every change anyone else makes (the ticketChanged subscription).
 */
export class TicketSession {
  ticket = $state<Ticket>() as Ticket;
  notice = $state<Notice | null>(null);
  live = $state(false);

  constructor(ticket: Ticket) {
    this.ticket = ticket;
  }

  /** Takes a newer copy; tells the reader when it came from someone else. */
  accept(next: Ticket, from: 'self' | 'live'): void {
    if (next.id !== this.ticket.id || !isNewer(next, this.ticket)) return;
    const change = changeBetween(this.ticket, next);
    this.ticket = next;
    if (from === 'live' && change) this.notice = { kind: 'live', change };
  }

  /** Starts listening for changes; returns the function that stops it. */
  /**
   * Follows the ticket live. Untracked: called from an $effect, it must not depend on the ticket
   * it replaces, or every update would tear the subscription down and open a new one.
   */
  subscribe(): () => void {
    return untrack(() => {
      const { unsubscribe } = client.subscription(TicketChangedDocument, { id: this.ticket.id }).subscribe((result) => {
        if (result.data) {
          this.live = true;
          this.accept(result.data.ticketChanged, 'live');
        } else if (result.error) {
          this.live = false;
        }
      });
      this.live = true;
      return () => {
        this.live = false;
        unsubscribe();
      };
    });
  }

  async reload(): Promise<void> {
    const outcome = await fetchTicket(this.ticket.id);
    if (outcome.ok && outcome.value) this.accept(outcome.value, 'self');
  }

  /**
   * Runs one command. On success the ticket on screen is replaced and `done` is announced; a
   * conflict or a step that is no longer possible reloads the ticket, so the person sees why.
   */
  async run<T>(command: () => Promise<Outcome<T>>, done: string): Promise<Problem | null> {
    const outcome = await command();
    if (!outcome.ok) {
      if (outcome.problem.code === 'conflict' || outcome.problem.code === 'invalidTransition') await this.reload();
      return outcome.problem;
    }
    const value = outcome.value as unknown;
    if (isTicket(value)) this.accept(value, 'self');
    else await this.reload();
    this.notice = { kind: 'done', message: done };
    return null;
  }
}

function isTicket(value: unknown): value is Ticket {
  return typeof value === 'object' && value !== null && 'availableActions' in value;
}
