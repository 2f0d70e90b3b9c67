import { describe, expect, it } from 'vitest';
import { mergeComments } from './comments';

const c = (id: string, body = `#${id}`) => ({ id, body });

describe('keeping comments up to date', () => {
  it('adds new comments at the end, oldest first, numeric ids in number order', () => {
    expect(mergeComments([c('8'), c('9')], [c('8'), c('9'), c('10')], true).map((x) => x.id)).toEqual(['8', '9', '10']);
  });

  it('replaces a comment that changed', () => {
    expect(mergeComments([c('1', 'old')], [c('1', 'new')], true)).toEqual([c('1', 'new')]);
  });

  it('drops a comment the fresh first page no longer has (hidden since)', () => {
    expect(mergeComments([c('1'), c('2'), c('3'), c('40')], [c('1'), c('3')], true).map((x) => x.id)).toEqual(['1', '3', '40']);
  });

  it('keeps earlier pages when a later page arrives', () => {
    expect(mergeComments([c('1'), c('2')], [c('5'), c('6')], false).map((x) => x.id)).toEqual(['1', '2', '5', '6']);
  });
});
