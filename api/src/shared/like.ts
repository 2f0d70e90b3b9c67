/** A LIKE pattern matching `term` anywhere, its wildcards escaped: a search for "100%" finds "100%". */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const MAX_SEARCH_TERMS = 8;

/** Splits a search into words, all of which must match; more than MAX_SEARCH_TERMS words keeps the first ones. */
export const searchWords = (search: string | null | undefined): string[] => (search ?? '').split(/\s+/u).filter(Boolean).slice(0, MAX_SEARCH_TERMS);
