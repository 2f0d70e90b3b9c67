import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { en } from '$lib/i18n/en';
import { zhCN } from '$lib/i18n/zh-CN';
import { accountProblem, adviceKeys, normalPhone, REASONS, reasonKey, SUGGESTIONS, WARNINGS } from './problems';

const refusal = (extensions: Record<string, unknown>) =>
  accountProblem(new CombinedError({ graphQLErrors: [new GraphQLError('password: is too easy to guess', { extensions })] }));

describe('account problems', () => {
  it('reads the reason, the field and the estimator’s keys from the extensions', () => {
    const problem = refusal({
      code: 'BAD_USER_INPUT',
      field: 'password',
      reason: 'PASSWORD_TOO_GUESSABLE',
      warning: 'common',
      suggestions: ['anotherWord', 'notAKey'],
    });
    expect(problem).toMatchObject({ code: 'badInput', field: 'password', reason: 'PASSWORD_TOO_GUESSABLE' });
    expect(reasonKey(problem)).toBe('account.reason.PASSWORD_TOO_GUESSABLE');
    // An unknown key is left out rather than shown as a key.
    expect(adviceKeys(problem)).toEqual(['password.warning.common', 'password.suggestion.anotherWord']);
  });

  it('keeps a conflict’s field (the form marks it) and has no words for a reason newer than the portal', () => {
    const problem = refusal({ code: 'CONFLICT', field: 'input.phone', reason: 'SOMETHING_NEW' });
    expect(problem).toMatchObject({ code: 'conflict', field: 'phone' });
    expect(reasonKey(problem)).toBeNull();
  });

  it('words every reason and every zxcvbn key in both languages', () => {
    for (const reason of REASONS) {
      expect(zhCN).toHaveProperty(`account.reason.${reason}`);
      expect(en).toHaveProperty(`account.reason.${reason}`);
    }
    for (const w of WARNINGS) expect(zhCN).toHaveProperty(`password.warning.${w}`);
    for (const s of SUGGESTIONS) expect(zhCN).toHaveProperty(`password.suggestion.${s}`);
  });

  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['23800138000', null],
    ['1380013800', null],
    ['owner1@lakeside.test', null],
  ])('normalPhone(%j) = %j', (raw, phone) => expect(normalPhone(raw)).toBe(phone));
});
