import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import { reasonText } from '$lib/problems/reasons';
import { rewardsProblemKey } from './problems';

const problem = (code: 'badInput' | 'invalidTransition' | 'conflict' | 'forbidden', field: string | null = null) => ({ code, field, message: '' });

describe('what the rewards screens say when something fails', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('name the field the server refused', () => {
    expect(rewardsProblemKey(problem('badInput', 'body'), 'object')).toBe('review.problem.objectionBody');
    expect(rewardsProblemKey(problem('badInput', 'scores'), 'score')).toBe('review.problem.scores');
    expect(rewardsProblemKey(problem('badInput', 'other'), 'score')).toBe('problem.badInput');
  });

  it('read the same code differently per action', () => {
    expect(rewardsProblemKey(problem('invalidTransition'), 'finalize')).toBe('review.problem.cannotFinalize');
    expect(rewardsProblemKey(problem('invalidTransition'), 'object')).toBe('review.problem.noticeOver');
    expect(rewardsProblemKey(problem('conflict'), 'finalize')).toBe('review.problem.budget');
    expect(rewardsProblemKey(problem('conflict'), 'open')).toBe('review.problem.alreadyOpen');
    expect(rewardsProblemKey(problem('forbidden'), 'answer')).toBe('review.problem.committeeOnly');
  });

  it('word the API’s reasons with the facts beside them, in the reader’s language', () => {
    expect(reasonText('TOO_FEW_ELIGIBLE', { min: 3, count: 2 })).toBe('回避后只剩 2 位可评分的评审人，至少需要 3 位。');
    expect(reasonText('NOT_ALL_SCORED', { count: 2 })).toBe('还有 2 位评审人没有评分：请等他们提交，或等评分期结束。');
    expect(reasonText('BUDGET_EXCEEDED', { quarter: '2026-Q4', used: 4800, budget: 5000, tier: '二等奖', points: 600 })).toBe(
      '2026-Q4 奖励预算 5000 积分，已承诺 4800 积分，二等奖需要 600 积分，超出预算。',
    );
    expect(reasonText('OPEN_OBJECTIONS', { count: 1 })).toBe('还有 1 条异议等待委员会答复。');
    expect(reasonText(null)).toBeNull();
    setLocale('en');
    expect(reasonText('TOO_FEW_SCORED', { count: 2, min: 3 })).toBe('Reviewers who scored: 2; at least 3 are needed.');
  });
});
