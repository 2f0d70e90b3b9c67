import type { Role } from '@cocreate/schema';
import type { IconName } from '$lib/components/icons';

/** The three ticket screens: an owner's own tickets, the intake desk, a department's queue. */
export type TicketScreen = 'mine' | 'desk' | 'queue';

export const SCREEN_HREF: Record<TicketScreen, string> = {
  mine: '/tickets',
  desk: '/tickets/desk',
  queue: '/tickets/queue',
};

export const SCREEN_ICON: Record<TicketScreen, IconName> = {
  mine: 'ticket',
  desk: 'headset',
  queue: 'queue',
};

/** The screens a person gets, the one they most likely came for first. Admins see desk and queue. */
export function ticketScreensFor(viewer: { roles: readonly Role[] }): TicketScreen[] {
  const has = (role: Role) => viewer.roles.includes(role);
  const screens: TicketScreen[] = [];
  if (has('OWNER')) screens.push('mine');
  if (has('CUSTOMER_SERVICE') || has('ADMIN')) screens.push('desk');
  if (has('STAFF') || has('ADMIN')) screens.push('queue');
  // Someone with none of these (a committee member only) still gets the owner's view: it explains itself.
  return screens.length ? screens : ['mine'];
}

/** May this person record a ticket for an owner who visits or calls (来访接待)? */
export function canRecordForOwner(viewer: { roles: readonly Role[] }): boolean {
  return viewer.roles.includes('CUSTOMER_SERVICE') || viewer.roles.includes('ADMIN');
}
