import { error } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ parent }) => {
  const { viewer } = await parent();
  if (!viewer.roles.includes('ADMIN')) error(403, 'People are managed by the community’s admins.');
};
