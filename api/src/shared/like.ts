/** A LIKE pattern matching `term` anywhere, its wildcards escaped: a search for "100%" finds "100%". */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
