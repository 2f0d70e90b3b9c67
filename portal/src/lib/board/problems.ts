import type { PlainMessageKey } from '$lib/i18n';
import type { Problem } from '$lib/core/problem';

/** What the person was doing when it failed: the same code means different things in each. */
export type BoardAction = 'load' | 'submit' | 'support' | 'comment' | 'advance' | 'merge' | 'hide' | 'openVote' | 'vote' | 'closeVote' | 'paperBallot';

const FIELDS: Partial<Record<BoardAction, Record<string, PlainMessageKey>>> = {
  submit: {
    title: 'proposal.problem.title',
    body: 'proposal.problem.body',
    category: 'proposal.problem.category',
    expectedBenefit: 'proposal.problem.expectedBenefit',
    estimatedCost: 'proposal.problem.estimatedCost',
  },
  comment: { body: 'proposal.problem.comment' },
  advance: { reason: 'proposal.problem.reason' },
  merge: { intoId: 'proposal.problem.intoId' },
  hide: { reason: 'proposal.problem.hideReason' },
  openVote: {
    question: 'decision.problem.question',
    closesAt: 'decision.problem.closesAt',
    matter: 'decision.problem.matter',
    article278Item: 'decision.problem.article278Item',
  },
  paperBallot: { unitId: 'decision.problem.unitId', reference: 'decision.problem.reference' },
};

/** The board's own wording for a failed action; every code has an answer. */
export function boardProblemKey(problem: Problem, action: BoardAction): PlainMessageKey {
  if (problem.code === 'badInput') {
    const known = problem.field ? FIELDS[action]?.[problem.field] : undefined;
    return known ?? 'problem.badInput';
  }
  switch (problem.code) {
    case 'forbidden':
      if (action === 'support') return 'proposal.problem.supportOwnersOnly';
      if (action === 'vote') return 'decision.problem.notOnRoll';
      if (action === 'paperBallot') return 'decision.problem.paperForbidden';
      return 'proposal.problem.forbidden';
    case 'notFound':
      return action === 'vote' || action === 'closeVote' || action === 'paperBallot' ? 'decision.problem.notFound' : 'proposal.problem.notFound';
    case 'invalidTransition':
      if (action === 'vote') return 'decision.problem.closed';
      if (action === 'closeVote') return 'decision.problem.alreadyClosed';
      if (action === 'paperBallot') return 'decision.problem.paperClosed';
      if (action === 'support') return 'proposal.problem.supportClosed';
      return 'proposal.problem.moved';
    case 'conflict':
      if (action === 'paperBallot') return 'decision.problem.paperTaken';
      return action === 'openVote' ? 'decision.problem.alreadyOpen' : 'proposal.problem.conflict';
    case 'unauthenticated':
      return 'problem.unauthenticated';
    case 'network':
      return 'problem.network';
    default:
      return 'problem.unknown';
  }
}
