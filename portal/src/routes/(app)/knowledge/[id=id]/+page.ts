import { loadRecord } from '$lib/core/record';
import { fetchCannedAnswer } from '$lib/knowledge/commands';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => ({ answer: await loadRecord(fetchCannedAnswer(params.id), 'Canned answer not found.') });
