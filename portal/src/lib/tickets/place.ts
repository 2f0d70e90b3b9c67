import type { IconName } from '$lib/components/icons';
import { t } from '$lib/i18n';

/** Where a ticket is: the owner's unit (房号), or the common area (公共区域) it is about. */
export function placeOf(ticket: { unit: { label: string } | null; commonArea: string | null }): { icon: IconName; text: string; common: boolean } {
  if (ticket.commonArea !== null) return { icon: 'building', text: ticket.commonArea, common: true };
  return { icon: 'home', text: ticket.unit?.label ?? '—', common: false };
}

/** "3 位邻居同报", or that nobody has yet. */
export const meTooText = (count: number) => (count > 0 ? t('meToo.count', { count }) : t('meToo.none'));
