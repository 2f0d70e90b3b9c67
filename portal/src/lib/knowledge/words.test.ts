import { describe, expect, it } from 'vitest';
import { insertInto, seesKnowledge } from './words';

describe('insertInto', () => {
  it('fills an empty or blank box with the words as they are', () => {
    expect(insertInto('', '请到物业服务中心办理。')).toBe('请到物业服务中心办理。');
    expect(insertInto('  \n', '请到物业服务中心办理。')).toBe('请到物业服务中心办理。');
  });
  it('keeps what was written and puts the words after it, a blank line between', () => {
    expect(insertInto('王女士您好：\n', '请到物业服务中心办理。')).toBe('王女士您好：\n\n请到物业服务中心办理。');
  });
});

describe('seesKnowledge', () => {
  it.each([
    [['CUSTOMER_SERVICE'], true],
    [['STAFF', 'COMMITTEE'], true],
    [['ADMIN'], true],
    [['OWNER', 'COMMITTEE'], false],
    [['RESIDENT'], false],
  ])('%j: %s', (roles, sees) => expect(seesKnowledge({ roles })).toBe(sees));
});
