import { describe, expect, it } from 'vitest';
import { draftProblem, emptyDraft, parseYuan, submitInput, type ProposalDraft } from './new-proposal';

const good = (): ProposalDraft => ({
  ...emptyDraft(),
  title: '单元门口加装雨棚',
  body: '下雨天在单元门口找门禁卡很容易淋湿。',
  category: 'FACILITIES',
});

describe('estimated cost in yuan', () => {
  it('reads what people type', () => {
    expect(parseYuan('36000')).toBe(36000);
    expect(parseYuan('36,000.50')).toBe(36000.5);
    expect(parseYuan(' 1200 元 ')).toBe(1200);
    expect(parseYuan('¥980')).toBe(980);
    expect(parseYuan('3.6万')).toBe(36000);
    expect(parseYuan('0')).toBe(0);
  });

  it('is empty when nothing was typed', () => {
    expect(parseYuan('')).toBeNull();
    expect(parseYuan('  ')).toBeNull();
  });

  it('refuses negatives, words and fractions of a fen', () => {
    expect(parseYuan('-5')).toBeNaN();
    expect(parseYuan('about 5000')).toBeNaN();
    expect(parseYuan('12.345')).toBeNaN();
    expect(parseYuan('1.0000001万')).toBeNaN();
  });
});

describe('checking a draft before sending', () => {
  it('accepts a complete draft', () => {
    expect(draftProblem(good())).toBeNull();
  });

  it('names the first field the API would refuse', () => {
    expect(draftProblem({ ...good(), title: '雨棚' })).toBe('title');
    expect(draftProblem({ ...good(), body: '太短了' })).toBe('body');
    expect(draftProblem({ ...good(), category: null })).toBe('category');
    expect(draftProblem({ ...good(), expectedBenefit: 'x'.repeat(2001) })).toBe('expectedBenefit');
    expect(draftProblem({ ...good(), estimatedCost: '很多' })).toBe('estimatedCost');
  });

  it('sends trimmed text and leaves optional fields out when empty', () => {
    expect(submitInput({ ...good(), title: '  单元门口加装雨棚 ', estimatedCost: '3.6万' })).toEqual({
      title: '单元门口加装雨棚',
      body: '下雨天在单元门口找门禁卡很容易淋湿。',
      category: 'FACILITIES',
      expectedBenefit: null,
      estimatedCost: 36000,
    });
  });
});
