import { canRecordForOwner } from '$lib/tickets/views';
import type { PageLoad } from './$types';

/** Customer service records for an owner; an owner who is also on the desk chooses with ?for=owner. */
export const load: PageLoad = async ({ parent, url }) => {
  const { viewer } = await parent();
  const onBehalf = canRecordForOwner(viewer) && (url.searchParams.get('for') === 'owner' || !viewer.roles.includes('OWNER'));
  return { onBehalf };
};
