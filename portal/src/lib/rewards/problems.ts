import type { PlainMessageKey } from '$lib/i18n';
import type { Problem, ProblemCode } from '$lib/core/problem';

/** What the person was doing when it failed: the same code means different things in each. */
export type RewardsAction = 'load' | 'open' | 'score' | 'conflict' | 'finalize' | 'object' | 'answer' | 'publish' | 'settings';

const FIELDS: Partial<Record<RewardsAction, Record<string, PlainMessageKey>>> = {
  score: { scores: 'review.problem.scores', comment: 'review.problem.comment' },
  conflict: { reason: 'review.problem.conflictReason' },
  object: { body: 'review.problem.objectionBody' },
  answer: { answer: 'review.problem.answer' },
};

/** Per refusal: what it means on these screens, and where one action reads it otherwise. */
const WORDS: Partial<Record<ProblemCode, { usually: PlainMessageKey; when?: Partial<Record<RewardsAction, PlainMessageKey>> }>> = {
  forbidden: { usually: 'review.problem.committeeOnly', when: { score: 'review.problem.notOnPanel', object: 'problem.forbidden' } },
  notFound: { usually: 'review.problem.notFound' },
  invalidTransition: {
    usually: 'review.problem.moved',
    when: {
      finalize: 'review.problem.cannotFinalize',
      publish: 'review.problem.cannotPublish',
      object: 'review.problem.noticeOver',
      open: 'review.problem.notReviewable',
    },
  },
  conflict: { usually: 'review.problem.moved', when: { open: 'review.problem.alreadyOpen', finalize: 'review.problem.budget' } },
  unauthenticated: { usually: 'problem.unauthenticated' },
  network: { usually: 'problem.network' },
};

/** The rewards screens' own wording for a failed action; every code has an answer. */
export function rewardsProblemKey(problem: Problem, action: RewardsAction): PlainMessageKey {
  if (problem.code === 'badInput') return (problem.field ? FIELDS[action]?.[problem.field] : undefined) ?? 'problem.badInput';
  const words = WORDS[problem.code];
  return words ? (words.when?.[action] ?? words.usually) : 'problem.unknown';
}
