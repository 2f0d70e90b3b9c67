import { loadRecord } from '$lib/core/record';
import { fetchReview } from '$lib/rewards/commands';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => ({ review: await loadRecord(fetchReview(params.id), 'Review not found.') });
