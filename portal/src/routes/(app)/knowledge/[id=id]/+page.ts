import { error } from '@sveltejs/kit';
import { fetchCannedAnswer } from '$lib/knowledge/commands';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const outcome = await fetchCannedAnswer(params.id);
  if (!outcome.ok) error(outcome.problem.code === 'network' ? 503 : 500, outcome.problem.message);
  if (!outcome.value) error(404, 'Canned answer not found.');
  return { answer: outcome.value };
};
