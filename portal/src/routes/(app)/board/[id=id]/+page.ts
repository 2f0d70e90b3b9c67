import { loadRecord } from '$lib/core/record';
import { fetchProposal } from '$lib/board/commands';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => ({ proposal: await loadRecord(fetchProposal(params.id), 'Proposal not found.') });
