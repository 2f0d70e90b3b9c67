import { describe, expect, it } from 'vitest';
import type { Problem, ProblemCode } from '$lib/core/problem';
import { zhCN } from '$lib/i18n/zh-CN';
import { boardProblemKey, type BoardAction } from './problems';

const problem = (code: ProblemCode, field: string | null = null): Problem => ({ code, field, message: '' });

describe('explaining a failed board action', () => {
  it('names the field the API refused', () => {
    expect(boardProblemKey(problem('badInput', 'title'), 'submit')).toBe('proposal.problem.title');
    expect(boardProblemKey(problem('badInput', 'estimatedCost'), 'submit')).toBe('proposal.problem.estimatedCost');
    expect(boardProblemKey(problem('badInput', 'body'), 'comment')).toBe('proposal.problem.comment');
    expect(boardProblemKey(problem('badInput', 'reason'), 'advance')).toBe('proposal.problem.reason');
    expect(boardProblemKey(problem('badInput', 'closesAt'), 'openVote')).toBe('decision.problem.closesAt');
    expect(boardProblemKey(problem('badInput', 'first'), 'load')).toBe('problem.badInput');
    expect(boardProblemKey(problem('badInput', 'article278Item'), 'openVote')).toBe('decision.problem.article278Item');
    expect(boardProblemKey(problem('badInput', 'unitId'), 'paperBallot')).toBe('decision.problem.unitId');
    expect(boardProblemKey(problem('badInput', 'reference'), 'paperBallot')).toBe('decision.problem.reference');
  });

  it('explains a refused paper ballot: closed, already on paper or reference taken, not the desk', () => {
    expect(boardProblemKey(problem('invalidTransition'), 'paperBallot')).toBe('decision.problem.paperClosed');
    expect(boardProblemKey(problem('conflict', 'reference'), 'paperBallot')).toBe('decision.problem.paperTaken');
    expect(boardProblemKey(problem('forbidden'), 'paperBallot')).toBe('decision.problem.paperForbidden');
  });

  it('says what a refusal means for each action', () => {
    expect(boardProblemKey(problem('forbidden'), 'support')).toBe('proposal.problem.supportOwnersOnly');
    expect(boardProblemKey(problem('forbidden'), 'vote')).toBe('decision.problem.notOnRoll');
    expect(boardProblemKey(problem('invalidTransition'), 'vote')).toBe('decision.problem.closed');
    expect(boardProblemKey(problem('invalidTransition'), 'advance')).toBe('proposal.problem.moved');
    expect(boardProblemKey(problem('conflict'), 'openVote')).toBe('decision.problem.alreadyOpen');
    expect(boardProblemKey(problem('network'), 'comment')).toBe('problem.network');
  });

  it('has words for every code in every action', () => {
    const actions: BoardAction[] = ['load', 'submit', 'support', 'comment', 'advance', 'merge', 'hide', 'openVote', 'vote', 'closeVote', 'paperBallot'];
    const codes: ProblemCode[] = ['forbidden', 'notFound', 'badInput', 'invalidTransition', 'conflict', 'unauthenticated', 'network', 'unknown'];
    for (const action of actions) {
      for (const code of codes) expect(zhCN).toHaveProperty(boardProblemKey(problem(code, 'x'), action));
    }
  });
});
