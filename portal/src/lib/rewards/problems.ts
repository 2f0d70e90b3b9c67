import type { PlainMessageKey } from '$lib/i18n';
import type { Problem } from '$lib/core/problem';

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
