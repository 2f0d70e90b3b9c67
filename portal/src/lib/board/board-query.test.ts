import { describe, expect, it } from 'vitest';
import { boardHref, DEFAULT_QUERY, filterOf, isFiltered, parseBoardQuery } from './board-query';

const parse = (search: string) => parseBoardQuery(new URLSearchParams(search));

describe('the board’s address', () => {
  it('defaults to hot, unfiltered', () => {
    expect(parse('')).toEqual(DEFAULT_QUERY);
    expect(boardHref(DEFAULT_QUERY)).toBe('/board');
  });

  it('reads sort, status, category, search and mine, in any case', () => {
    expect(parse('sort=top&status=under_review&category=SAFETY&q=%E7%94%B5%E6%A2%AF&mine=1')).toEqual({
      order: 'TOP',
      status: 'UNDER_REVIEW',
      category: 'SAFETY',
      search: '电梯',
      mine: true,
    });
  });

  it('ignores values it does not know', () => {
    expect(parse('sort=best&status=lost&category=food&mine=yes')).toEqual(DEFAULT_QUERY);
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    const query = { order: 'NEW', status: 'OPEN', category: null, search: ' 充电 桩 ', mine: false } as const;
    const href = boardHref(query);
    expect(href).toBe('/board?sort=new&status=open&q=%E5%85%85%E7%94%B5+%E6%A1%A9');
    expect(parse(href.split('?')[1]!)).toEqual({ ...query, search: '充电 桩' });
  });

  it('becomes the API’s filter, leaving out what is not set', () => {
    expect(filterOf(DEFAULT_QUERY)).toEqual({ status: null, category: null, search: null, mine: null });
    expect(filterOf({ ...DEFAULT_QUERY, search: 'lights', mine: true })).toMatchObject({ search: 'lights', mine: true });
  });

  it('knows when the list is narrowed (so an empty one means "nothing matches")', () => {
    expect(isFiltered(DEFAULT_QUERY)).toBe(false);
    expect(isFiltered({ ...DEFAULT_QUERY, order: 'TOP' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_QUERY, category: 'SERVICE' })).toBe(true);
    expect(isFiltered({ ...DEFAULT_QUERY, search: '  ' })).toBe(false);
  });
});
