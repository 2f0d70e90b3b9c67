import { error, redirect } from '@sveltejs/kit';
import { loginUrl, viewer, type Viewer } from '$lib/viewer';
import type { LayoutLoad } from './$types';

/** Every page in this group needs a signed-in person; others go to sign in and come back. */
export const load: LayoutLoad = async ({ url }) => {
  let me: Viewer | null;
  try {
    me = await viewer.load();
  } catch {
    error(503, 'The API cannot be reached.');
  }
  if (!me) redirect(307, loginUrl(url));
  return { viewer: me };
};
