import type { IconName } from '$lib/components/icons';

/** Where a ticket is: the owner's unit (房号), or the common area (公共区域) it is about. */
export function placeOf(ticket: { unit: { label: string } | null; commonArea: string | null }): { icon: IconName; text: string; common: boolean } {
  if (ticket.commonArea !== null) return { icon: 'building', text: ticket.commonArea, common: true };
  return { icon: 'home', text: ticket.unit?.label ?? '—', common: false };
}
