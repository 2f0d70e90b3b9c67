import type { ParamMatcher } from '@sveltejs/kit';

/** Ticket (and other record) ids are UUIDs; anything else is a 404 without asking the API. */
export const match: ParamMatcher = (param) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(param);
