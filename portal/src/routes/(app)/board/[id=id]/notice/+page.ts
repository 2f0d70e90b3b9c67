import { error } from '@sveltejs/kit';
import { fetchProposal } from '$lib/board/commands';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const outcome = await fetchProposal(params.id);
  if (!outcome.ok) error(outcome.problem.code === 'network' ? 503 : 500, outcome.problem.message);
  if (!outcome.value) error(404, 'Proposal not found.');
  return { proposal: outcome.value };
};
