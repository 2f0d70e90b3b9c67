import type { PlainMessageKey } from '$lib/i18n';
import type { Problem, ProblemCode } from './problem';

/**
 * A screen's words for what went wrong with one action: the message for each field the action
 * sends, and for the codes whose meaning depends on the action. Every other code reads the same
 * everywhere.
 */
export interface ProblemWords {
  fields?: Readonly<Record<string, PlainMessageKey>>;
  forbidden: PlainMessageKey;
  notFound: PlainMessageKey;
  invalidTransition: PlainMessageKey;
  conflict: PlainMessageKey;
}

const SHARED: Partial<Record<ProblemCode, PlainMessageKey>> = {
  badInput: 'problem.badInput',
  unauthenticated: 'problem.unauthenticated',
  network: 'problem.network',
};

/** The message for a problem: a field's own, the action's for its code, or the shared one; never none. */
export function problemWords(problem: Problem, words: ProblemWords): PlainMessageKey {
  if (problem.code === 'badInput' && problem.field && words.fields?.[problem.field]) return words.fields[problem.field]!;
  const own: Partial<Record<ProblemCode, PlainMessageKey>> = words;
  const byCode = problem.code === 'badInput' ? undefined : own[problem.code];
  return byCode ?? SHARED[problem.code] ?? 'problem.unknown';
}
