import { error } from '@sveltejs/kit';
import { seesKnowledge } from '$lib/knowledge/words';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ parent }) => {
  const { viewer } = await parent();
  if (!seesKnowledge(viewer)) error(403, 'The canned answers are for property staff.');
};
