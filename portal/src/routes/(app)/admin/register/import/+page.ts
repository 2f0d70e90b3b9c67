import { redirect } from '@sveltejs/kit';
import { canImportRegister } from '$lib/register/report';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { viewer } = await parent();
  if (!canImportRegister(viewer)) redirect(307, '/admin/register');
};
