import { describe, expect, it } from 'vitest';
import { draftProblems, emptyDraft, openTicketInput, type NewTicketDraft } from './new-ticket';

const repair: NewTicketDraft = {
  ...emptyDraft(),
  kind: 'REPAIR',
  unitId: 'unit-1',
  title: '厨房水龙头漏水',
  description: '从昨晚开始一直滴水。',
};
const TODAY = '2026-12-05';
const LAST = '2027-01-04';
const problems = (draft: NewTicketDraft, onBehalf = false) => draftProblems(draft, onBehalf, TODAY, LAST);

describe('draftProblems', () => {
  it('accepts a complete repair', () => {
    expect(problems(repair)).toEqual([]);
  });

  it('finds every field to fix at once, in the order of the form', () => {
    expect(problems({ ...emptyDraft(), contactPhone: 'call me' })).toEqual(['kind', 'unitId', 'title', 'description', 'contactPhone']);
    expect(problems({ ...repair, unitId: '' })).toEqual(['unitId']);
    expect(problems({ ...repair, title: '漏', description: '   ' })).toEqual(['title', 'description']);
  });

  it('requires a demand for complaints only', () => {
    expect(problems({ ...repair, kind: 'COMPLAINT' })).toEqual(['demand']);
    expect(problems({ ...repair, kind: 'COMPLAINT', demand: '夜间停止施工' })).toEqual([]);
  });

  it('requires the owner when customer service records on their behalf', () => {
    expect(problems(repair, true)).toEqual(['ownerId']);
    expect(problems({ ...repair, ownerId: 'owner-1' }, true)).toEqual([]);
  });

  it('takes a common area instead of a unit: 2–60 characters, repairs and complaints only', () => {
    const common = { ...repair, where: 'common' as const, unitId: '', commonArea: '3号楼电梯' };
    expect(problems(common)).toEqual([]);
    expect(problems({ ...common, commonArea: ' 电 ' })).toEqual(['commonArea']);
    expect(problems({ ...common, commonArea: '电'.repeat(61) })).toEqual(['commonArea']);
    expect(problems({ ...common, kind: 'INQUIRY' })).toEqual(['kind']);
  });

  it('checks a preferred visit: both day and slot, from today to the last day', () => {
    expect(problems({ ...repair, visitDate: TODAY, visitSlot: 'EVENING' })).toEqual([]);
    expect(problems({ ...repair, visitDate: TODAY, visitSlot: '' })).toEqual(['preferredVisit']);
    expect(problems({ ...repair, visitDate: '', visitSlot: 'MORNING' })).toEqual(['preferredVisit']);
    expect(problems({ ...repair, visitDate: '2026-12-04', visitSlot: 'MORNING' })).toEqual(['preferredVisit']);
    expect(problems({ ...repair, visitDate: '2027-01-05', visitSlot: 'MORNING' })).toEqual(['preferredVisit']);
    // Only repairs have one: a complaint keeps no stale visit.
    expect(problems({ ...repair, kind: 'COMPLAINT', demand: '赔偿', visitDate: '2026-12-04', visitSlot: 'MORNING' })).toEqual([]);
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

  it('sends the common area without a unit, and a repair’s preferred visit', () => {
    const input = openTicketInput({ ...repair, where: 'common', commonArea: ' 3号楼电梯 ', visitDate: TODAY, visitSlot: 'MORNING' });
    expect(input).toMatchObject({ commonArea: '3号楼电梯', preferredVisit: { date: TODAY, slot: 'MORNING' } });
    expect(input).not.toHaveProperty('unitId');
    expect(openTicketInput({ ...repair, kind: 'COMPLAINT', demand: 'x', visitDate: TODAY, visitSlot: 'MORNING' })).not.toHaveProperty('preferredVisit');
  });
});
