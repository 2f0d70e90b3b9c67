import { error } from '@sveltejs/kit';
import { fetchReview } from '$lib/rewards/commands';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const outcome = await fetchReview(params.id);
  if (!outcome.ok) error(outcome.problem.code === 'network' ? 503 : 500, outcome.problem.message);
  if (!outcome.value) error(404, 'Review not found.');
  return { review: outcome.value };
};
