import { error } from '@sveltejs/kit';
import { canSeeRegister } from '$lib/register/report';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ parent }) => {
  const { viewer } = await parent();
  if (!canSeeRegister(viewer)) error(403, 'The register is for admins, customer service and the committee.');
};
