import { redirect } from '@sveltejs/kit';
import { canRecordForOwner } from '$lib/tickets/views';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { viewer } = await parent();
  if (!canRecordForOwner(viewer)) redirect(307, '/tickets');
};
