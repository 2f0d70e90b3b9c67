/** Where picked words go: into an empty box as they are, after what is already written otherwise (a greeting, a first line). */
export function insertInto(current: string, words: string): string {
  const kept = current.trimEnd();
  return kept ? `${kept}\n\n${words}` : words;
}

/** Who sees the staff knowledge base (the API decides; this only hides a link that would be refused). */
export const seesKnowledge = (viewer: { roles: readonly string[] }) => ['CUSTOMER_SERVICE', 'STAFF', 'ADMIN'].some((r) => viewer.roles.includes(r));
