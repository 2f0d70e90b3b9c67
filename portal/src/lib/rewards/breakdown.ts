import type { Review } from './review';

export type Dropped = 'highest' | 'lowest' | null;

export interface SheetRow {
  name: string;
  /** criterion id → score 0–10; missing while the sheet is hidden. */
  scores: Record<string, number>;
  weighted: number | null;
  dropped: Dropped;
  comment: string | null;
}

/**
 * Which reviewers were left out of the mean. The API marks them; the highest of the marked is
 * the dropped highest score, the other the dropped lowest (equal scores: the first listed is "highest").
 */
export function droppedKinds(results: Review['reviewerResults']): Map<string, Exclude<Dropped, null>> {
  const marked = results.filter((r) => r.dropped);
  const kinds = new Map<string, Exclude<Dropped, null>>();
  if (marked.length === 0) return kinds;
  let high = marked[0]!;
  let low = marked[marked.length - 1]!;
  for (const r of marked) {
    if (r.weightedScore > high.weightedScore) high = r;
    if (r.weightedScore < low.weightedScore) low = r;
  }
  if (high === low) {
    kinds.set(high.reviewerName, 'highest');
    return kinds;
  }
  kinds.set(high.reviewerName, 'highest');
  kinds.set(low.reviewerName, 'lowest');
  return kinds;
}

/** Every sheet the viewer may see, highest weighted score first, with each criterion's score. */
export function sheetRows(review: Pick<Review, 'scores' | 'reviewerResults'>): SheetRow[] {
  const kinds = droppedKinds(review.reviewerResults);
  const byName = new Map<string, Record<string, number>>();
  for (const s of review.scores) {
    const sheet = byName.get(s.reviewerName) ?? {};
    sheet[s.criterionId] = s.score;
    byName.set(s.reviewerName, sheet);
  }
  const rows: SheetRow[] = review.reviewerResults.map((r) => ({
    name: r.reviewerName,
    scores: byName.get(r.reviewerName) ?? {},
    weighted: r.weightedScore,
    dropped: kinds.get(r.reviewerName) ?? null,
    comment: r.comment,
  }));
  for (const [name, scores] of byName) {
    if (!rows.some((row) => row.name === name)) rows.push({ name, scores, weighted: null, dropped: null, comment: null });
  }
  return rows;
}

/** The weighted scores that make the mean (the dropped ones left out). */
export function countedScores(rows: readonly SheetRow[]): number[] {
  return rows.filter((row) => row.weighted !== null && !row.dropped).map((row) => row.weighted!);
}

/**
 * One reviewer's weighted score from their sheet, computed like the API: weights in whole basis
 * points, scores whole numbers, so the sum is exact before it is shown to two decimals.
 */
export function weightedPreview(criteria: readonly { id: string; weight: number }[], sheet: Record<string, number | null>): number | null {
  let basis = 0;
  for (const criterion of criteria) {
    const score = sheet[criterion.id];
    if (score === null || score === undefined) return null;
    basis += Math.round(criterion.weight * 10_000) * score;
  }
  return Math.round(basis / 100) / 100;
}

/** Criteria the sheet has not scored yet, in rubric order. */
export function unscored(criteria: readonly { id: string }[], sheet: Record<string, number | null>): string[] {
  return criteria.filter((criterion) => sheet[criterion.id] === null || sheet[criterion.id] === undefined).map((c) => c.id);
}

/** The viewer's own sheet as the form starts it: what they submitted before, or nothing. */
export function ownSheet(review: Pick<Review, 'scores' | 'rubric'>, viewerName: string): Record<string, number | null> {
  const sheet: Record<string, number | null> = {};
  for (const criterion of review.rubric.criteria) {
    sheet[criterion.id] = review.scores.find((s) => s.reviewerName === viewerName && s.criterionId === criterion.id)?.score ?? null;
  }
  return sheet;
}

/** Tiers from the highest band down, as a ladder is read. */
export function tiersDescending<T extends { minScore: number }>(tiers: readonly T[]): T[] {
  return [...tiers].sort((a, b) => b.minScore - a.minScore);
}
