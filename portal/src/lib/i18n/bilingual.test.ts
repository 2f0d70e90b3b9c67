import { describe, expect, it } from 'vitest';
import { localized } from './bilingual';

describe('names the community entered', () => {
  it('shows the English to an English reader when the community gave it, else the zh-CN name', () => {
    expect(localized({ name: '创新性', nameEn: 'Innovation' }, 'en')).toBe('Innovation');
    expect(localized({ name: '创新性', nameEn: 'Innovation' }, 'zh-CN')).toBe('创新性');
    expect(localized({ name: '可行性', nameEn: null }, 'en')).toBe('可行性');
    expect(localized({ name: '可行性', nameEn: '' }, 'en')).toBe('可行性');
  });

  it('never splits a name: one written in both languages is shown whole', () => {
    expect(localized({ name: '创新性 Innovation', nameEn: null }, 'zh-CN')).toBe('创新性 Innovation');
  });
});
