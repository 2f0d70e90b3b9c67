import type { MessageKey } from '$lib/i18n';
import type { IconName } from '$lib/components/icons';

/** The portal's main sections, in navigation order. */
export interface Section {
  href: string;
  label: MessageKey;
  icon: IconName;
}

export const sections = [
  { href: '/', label: 'nav.home', icon: 'home' },
  { href: '/tickets', label: 'nav.tickets', icon: 'ticket' },
  { href: '/board', label: 'nav.board', icon: 'lightbulb' },
  { href: '/rewards', label: 'nav.rewards', icon: 'award' },
] as const satisfies readonly Section[];

export function isCurrent(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
