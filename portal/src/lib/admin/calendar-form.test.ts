import { describe, expect, it } from 'vitest';
import { holidayInput, holidayProblems, hoursDraftOf, hoursInput, hoursProblems, weeklyMinutes } from './calendar-form';

describe('the working-hours form', () => {
  it('starts a department without hours switched off, with office hours ready to switch on', () => {
    const draft = hoursDraftOf([], 'MAINTENANCE');
    expect(draft.on).toBe(false);
    expect(hoursInput(draft)).toEqual({ department: 'MAINTENANCE', days: [] });
    draft.on = true;
    expect(weeklyMinutes(draft)).toBe(5 * 450);
    expect(hoursInput(draft).days[0]).toEqual({
      weekday: 1,
      intervals: [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
    });
    expect(hoursInput(draft).days[6]).toEqual({ weekday: 7, intervals: [] });
  });

  it('reads saved hours by weekday', () => {
    const draft = hoursDraftOf([{ department: 'SECURITY', days: [{ weekday: 6, intervals: [{ start: '09:00', end: '12:00' }] }] }], 'SECURITY');
    expect(draft.on).toBe(true);
    expect(draft.days[5]).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(draft.days[0]).toEqual([]);
  });

  it('says what is wrong with each day, as the API would', () => {
    const draft = hoursDraftOf([], 'CLEANING');
    draft.on = true;
    draft.days[0] = [{ start: '17:30', end: '08:30' }];
    draft.days[1] = [
      { start: '08:00', end: '13:00' },
      { start: '12:00', end: '17:00' },
    ];
    draft.days[2] = [{ start: '', end: '17:00' }];
    expect(hoursProblems(draft)).toEqual({ 0: 'reversed', 1: 'overlap', 2: 'time' });
    draft.days = [[], [], [], [], [], [], []];
    expect(hoursProblems(draft)).toEqual({ week: 'none' });
    draft.on = false;
    expect(hoursProblems(draft)).toEqual({});
  });
});

describe('the holiday calendar form', () => {
  it('refuses dates of another year, a day twice and long names, and sends the rows in date order', () => {
    const rows = [
      { date: '2026-10-10', kind: 'WORKDAY' as const, name: '国庆节调休' },
      { date: '2026-10-01', kind: 'HOLIDAY' as const, name: ' 国庆节 ' },
      { date: '2027-01-01', kind: 'HOLIDAY' as const, name: '' },
      { date: '2026-10-01', kind: 'HOLIDAY' as const, name: '节'.repeat(21) },
      { date: '', kind: 'HOLIDAY' as const, name: '' },
    ];
    expect(holidayProblems(2026, rows)).toEqual({ '2.date': 'otherYear', '3.date': 'twice', '3.name': 'tooLong', '4.date': 'date' });
    expect(holidayInput(rows.slice(0, 2))).toEqual([
      { date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' },
      { date: '2026-10-10', kind: 'WORKDAY', name: '国庆节调休' },
    ]);
  });
});
