import { redirect } from '@sveltejs/kit';
import { SCREEN_HREF, ticketScreensFor } from '$lib/tickets/views';
import type { PageLoad } from './$types';

export type Show = 'open' | 'closed' | 'all' | 'common';

/** /tickets is the owner's list; staff and customer service land on their own screen. */
export const load: PageLoad = async ({ parent, url }) => {
  const { viewer } = await parent();
  const [first] = ticketScreensFor(viewer);
  if (first && first !== 'mine') redirect(307, SCREEN_HREF[first]);
  const raw = url.searchParams.get('show');
  const show: Show = raw === 'closed' || raw === 'all' || raw === 'common' ? raw : 'open';
  return { show };
};
