import { loadRecord } from '$lib/core/record';
import { fetchTicket } from '$lib/tickets/commands';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => ({ ticket: await loadRecord(fetchTicket(params.id), 'Ticket not found.') });
