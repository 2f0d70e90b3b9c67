import type { PlainMessageKey } from '$lib/i18n';
import type { Problem } from '$lib/core/problem';
import { problemWords } from '$lib/core/problem-words';

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

/** Where a refusal's meaning depends on the action (the rest share the board's word). */
const FORBIDDEN: Partial<Record<BoardAction, PlainMessageKey>> = {
  support: 'proposal.problem.supportOwnersOnly',
  vote: 'decision.problem.notOnRoll',
  paperBallot: 'decision.problem.paperForbidden',
};
const MOVED: Partial<Record<BoardAction, PlainMessageKey>> = {
  vote: 'decision.problem.closed',
  closeVote: 'decision.problem.alreadyClosed',
  paperBallot: 'decision.problem.paperClosed',
  support: 'proposal.problem.supportClosed',
};
const CONFLICT: Partial<Record<BoardAction, PlainMessageKey>> = { paperBallot: 'decision.problem.paperTaken', openVote: 'decision.problem.alreadyOpen' };
const ON_A_VOTE: readonly BoardAction[] = ['vote', 'closeVote', 'paperBallot'];

/** The board's own wording for a failed action; every code has an answer. */
export function boardProblemKey(problem: Problem, action: BoardAction): PlainMessageKey {
  return problemWords(problem, {
    fields: FIELDS[action],
    forbidden: FORBIDDEN[action] ?? 'proposal.problem.forbidden',
    notFound: ON_A_VOTE.includes(action) ? 'decision.problem.notFound' : 'proposal.problem.notFound',
    invalidTransition: MOVED[action] ?? 'proposal.problem.moved',
    conflict: CONFLICT[action] ?? 'proposal.problem.conflict',
  });
}
