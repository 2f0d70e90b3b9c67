interface Identified {
  id: string;
}

/**
 * Comments on screen brought up to date by a fresher page (oldest first, as the API orders
 * them): changed ones replaced, new ones added, and any inside the page's range that it no
 * longer has (hidden since) dropped. The first page's range starts at the very first comment.
 */
export function mergeComments<T extends Identified>(current: readonly T[], fresh: readonly T[], firstPage: boolean): T[] {
  const first = fresh[0]?.id;
  const last = fresh.at(-1)?.id;
  const freshIds = new Set(fresh.map((comment) => comment.id));
  const covered = (id: string) => first !== undefined && last !== undefined && (firstPage || compareIds(id, first) >= 0) && compareIds(id, last) <= 0;
  const kept = current.filter((comment) => freshIds.has(comment.id) || !covered(comment.id));
  const byId = new Map<string, T>(kept.map((comment) => [comment.id, comment]));
  for (const comment of fresh) byId.set(comment.id, comment);
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

/** Numeric ids compared as numbers ("10" after "9"), without overflowing. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
