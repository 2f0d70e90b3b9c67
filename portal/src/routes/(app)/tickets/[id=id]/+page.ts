import { error } from '@sveltejs/kit';
import { fetchTicket } from '$lib/tickets/commands';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const outcome = await fetchTicket(params.id);
  if (!outcome.ok) error(outcome.problem.code === 'network' ? 503 : 500, outcome.problem.message);
  if (!outcome.value) error(404, 'Ticket not found.');
  return { ticket: outcome.value };
};
