import { describe, expect, it } from 'vitest';
import { changeSettings, joinName, splitName } from './Migration20261203124700_bilingual_names.js';

describe('splitting "中文 English" names (migration 20261203124700)', () => {
  it.each([
    ['创新性 Innovation', '创新性', 'Innovation'],
    ['受益面 Reach', '受益面', 'Reach'],
    ['公共 设施 Public facilities', '公共 设施', 'Public facilities'],
    ['一等奖 First prize (gold)', '一等奖', 'First prize (gold)'],
    ['  效益   Benefit  ', '效益', 'Benefit'],
  ])('splits %j', (name, zh, en) => {
    expect(splitName({ name })).toEqual({ name: zh, nameEn: en });
  });

  it.each(['可行性', '一等奖', 'Cost saving', '5G 覆盖', '节能 省钱', 'Innovation 创新性', '创新性 123'])('leaves %j whole, with no English', (name) => {
    expect(splitName({ name })).toEqual({ name, nameEn: null });
  });

  it('keeps a name that already has its English, and the other fields', () => {
    expect(splitName({ name: '创新性 Innovation', nameEn: 'Novelty' })).toEqual({ name: '创新性 Innovation', nameEn: 'Novelty' });
    expect(splitName({ id: 'reach', name: '受益面 Reach', weight: '0.2' } as never)).toEqual({ id: 'reach', name: '受益面', nameEn: 'Reach', weight: '0.2' });
  });

  it('joins them back on the way down', () => {
    expect(joinName({ name: '创新性', nameEn: 'Innovation' })).toEqual({ name: '创新性 Innovation' });
    expect(joinName({ name: '可行性', nameEn: null })).toEqual({ name: '可行性' });
    for (const name of ['创新性 Innovation', '可行性', '公共 设施 Public facilities']) expect(joinName(splitName({ name })).name).toBe(name);
  });

  it('rewrites only the review section of settings, and says when nothing changed', () => {
    const settings = {
      sla: { returnVisitHours: 72 },
      reviews: { criteria: [{ id: 'a', name: '创新性 Innovation', weight: '1' }], tiers: [{ name: '一等奖', minScore: '8', points: 1 }], noticeHours: 1 },
    };
    expect(changeSettings(settings, splitName)).toEqual({
      sla: { returnVisitHours: 72 },
      reviews: {
        criteria: [{ id: 'a', name: '创新性', nameEn: 'Innovation', weight: '1' }],
        tiers: [{ name: '一等奖', nameEn: null, minScore: '8', points: 1 }],
        noticeHours: 1,
      },
    });
    expect(changeSettings({ sla: {} }, splitName)).toBeNull();
    expect(changeSettings(null, splitName)).toBeNull();
    const split = changeSettings(settings, splitName);
    expect(changeSettings(split, splitName)).toBeNull();
  });
});
