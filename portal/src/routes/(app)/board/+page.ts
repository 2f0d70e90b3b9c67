import { parseBoardQuery } from '$lib/board/board-query';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ url }) => ({ query: parseBoardQuery(url.searchParams) });
