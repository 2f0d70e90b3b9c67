import { redirect } from '@sveltejs/kit';
import { safeNext, viewer } from '$lib/viewer';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url }) => {
  const next = safeNext(url.searchParams.get('next'));
  // Already signed in: straight on. If the API is down the form still shows, and says so on submit.
  const me = await viewer.load().catch(() => null);
  if (me) redirect(307, next);
  return { next };
};
