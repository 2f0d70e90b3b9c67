import { t, type PlainMessageKey } from '$lib/i18n';
import { dateTime } from '$lib/tickets/time';
import type { Problem } from '$lib/tickets/problems';

/** What the person was doing when it failed: the same code means different things in each. */
export type RewardsAction = 'load' | 'open' | 'score' | 'conflict' | 'finalize' | 'object' | 'answer' | 'publish' | 'settings';

const FIELDS: Partial<Record<RewardsAction, Record<string, PlainMessageKey>>> = {
  score: { scores: 'review.problem.scores', comment: 'review.problem.comment' },
  conflict: { reason: 'review.problem.conflictReason' },
  object: { body: 'review.problem.objectionBody' },
  answer: { answer: 'review.problem.answer' },
};

/** The rewards screens' own wording for a failed action; every code has an answer. */
export function rewardsProblemKey(problem: Problem, action: RewardsAction): PlainMessageKey {
  switch (problem.code) {
    case 'badInput':
      return (problem.field ? FIELDS[action]?.[problem.field] : undefined) ?? 'problem.badInput';
    case 'forbidden':
      if (action === 'score') return 'review.problem.notOnPanel';
      return action === 'object' ? 'problem.forbidden' : 'review.problem.committeeOnly';
    case 'notFound':
      return 'review.problem.notFound';
    case 'invalidTransition':
      if (action === 'finalize') return 'review.problem.cannotFinalize';
      if (action === 'publish') return 'review.problem.cannotPublish';
      if (action === 'object') return 'review.problem.noticeOver';
      if (action === 'open') return 'review.problem.notReviewable';
      return 'review.problem.moved';
    case 'conflict':
      if (action === 'open') return 'review.problem.alreadyOpen';
      if (action === 'finalize') return 'review.problem.budget';
      return 'review.problem.moved';
    case 'unauthenticated':
      return 'problem.unauthenticated';
    case 'network':
      return 'problem.network';
    default:
      return 'problem.unknown';
  }
}

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /needs at least (\d+) eligible reviewers; this one has (\d+)/,
    (m) => t('review.explain.tooFewEligible', { min: m[1]!, count: m[2]! }),
  ],
  [/(\d+) eligible reviewer\(s\) have not scored yet/, (m) => t('review.explain.notAllScored', { count: m[1]! })],
  [/Only (\d+) reviewer\(s\) scored; at least (\d+)/, (m) => t('review.explain.tooFewScored', { count: m[1]!, min: m[2]! })],
  [
    /The (\S+) reward budget would be exceeded: (\d+) of (\d+) points are committed and (.+) is (\d+)/,
    (m) => t('review.explain.budget', { quarter: m[1]!, used: m[2]!, budget: m[3]!, tier: m[4]!, points: m[5]! }),
  ],
  [/(\d+) objection\(s\) still need an answer/, (m) => t('review.explain.openObjections', { count: m[1]! })],
  [/notice period runs until (\S+?)\.?$/, (m) => t('review.explain.noticeUntil', { at: dateTime(m[1]!) })],
  [/already has a review/, () => t('review.explain.alreadyOpen')],
  [/scoring window has closed/, () => t('review.explain.windowClosed')],
  [/recused from this review/, () => t('review.explain.recused')],
  [/during the notice period/, () => t('review.explain.noticeOnly')],
  [/answered already/, () => t('review.explain.answeredAlready')],
];

/** The API's explanation (why finalising or publishing cannot happen yet, the budget) in the reader's language, when recognised. */
export function explain(message: string): string | null {
  for (const [pattern, say] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return null;
}
