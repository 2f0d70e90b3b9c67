import { describe, expect, it } from 'vitest';
import { draftProblem, openTicketInput, type NewTicketDraft } from './new-ticket';

const repair: NewTicketDraft = {
  kind: 'REPAIR',
  ownerId: null,
  unitId: 'unit-1',
  title: '厨房水龙头漏水',
  description: '从昨晚开始一直滴水。',
  contactPhone: '',
  demand: '',
};

describe('draftProblem', () => {
  it('accepts a complete repair', () => {
    expect(draftProblem(repair, false)).toBeNull();
  });

  it('finds the first field to fix, in the order of the form', () => {
    expect(draftProblem({ ...repair, kind: null, title: '' }, false)).toBe('kind');
    expect(draftProblem({ ...repair, unitId: '' }, false)).toBe('unitId');
    expect(draftProblem({ ...repair, title: '漏' }, false)).toBe('title');
    expect(draftProblem({ ...repair, description: '   ' }, false)).toBe('description');
    expect(draftProblem({ ...repair, contactPhone: 'call me' }, false)).toBe('contactPhone');
  });

  it('requires a demand for complaints only', () => {
    expect(draftProblem({ ...repair, kind: 'COMPLAINT' }, false)).toBe('demand');
    expect(draftProblem({ ...repair, kind: 'COMPLAINT', demand: '夜间停止施工' }, false)).toBeNull();
  });

  it('requires the owner when customer service records on their behalf', () => {
    expect(draftProblem(repair, true)).toBe('ownerId');
    expect(draftProblem({ ...repair, ownerId: 'owner-1' }, true)).toBeNull();
  });
});

describe('openTicketInput', () => {
  it('trims, leaves out empty optional fields, and sends the demand only for complaints', () => {
    expect(openTicketInput({ ...repair, title: '  漏水  ', demand: 'ignored' })).toEqual({
      kind: 'REPAIR',
      unitId: 'unit-1',
      title: '漏水',
      description: '从昨晚开始一直滴水。',
    });
    expect(openTicketInput({ ...repair, kind: 'COMPLAINT', demand: ' 赔偿 ', contactPhone: '138 0000 0000', ownerId: 'o' })).toMatchObject({
      demand: '赔偿',
      contactPhone: '138 0000 0000',
      onBehalfOfOwnerId: 'o',
    });
  });
});
