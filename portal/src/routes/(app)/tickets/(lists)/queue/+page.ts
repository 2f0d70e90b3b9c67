import { redirect } from '@sveltejs/kit';
import { ticketScreensFor } from '$lib/tickets/views';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { viewer } = await parent();
  if (!ticketScreensFor(viewer).includes('queue')) redirect(307, '/tickets');
};
