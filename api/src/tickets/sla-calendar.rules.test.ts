import { describe, expect, it } from 'vitest';
import { Department } from '../community/community.enums.js';
import { SlaClock, TicketStatus, Urgency } from './ticket.enums.js';
import {
  currentDeadline,
  deadlines,
  DEFAULT_SLA,
  escalationLevel,
  missedClocks,
  validateSlaPolicy,
  type ClockFacts,
  type ClockPolicy,
} from './ticket.rules.js';
import {
  addWorkingTime,
  CHINA_2026,
  HolidayKind,
  validateHolidays,
  validateWeekHours,
  workCalendar,
  workingTimeBetween,
  type SlaCalendar,
  type WeekHours,
} from './sla-calendar.rules.js';

const HOUR = 3600_000;
const MIN = 60_000;
const cst = (local: string) => new Date(`${local}+08:00`);

/** Monday to Friday 08:30–12:00 and 13:30–17:30 (7.5 working hours a day), weekends off. */
const OFFICE: WeekHours = [0, 1, 2, 3, 4, 5, 6].map((d) =>
  d < 5
    ? [
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ]
    : [],
);
const calendar: SlaCalendar = {
  timeZone: 'Asia/Shanghai',
  workingHours: { [Department.MAINTENANCE]: OFFICE, [Department.CUSTOMER_SERVICE]: OFFICE },
  holidays: { 2026: CHINA_2026 },
};
const maintenance = workCalendar(calendar, Department.MAINTENANCE);
const add = (start: string, ms: number, cal = maintenance) => addWorkingTime(cst(start), ms, cal).toISOString();

describe('addWorkingTime (Asia/Shanghai, office hours with a lunch break, China 2026)', () => {
  it.each([
    ['inside a morning: plain minutes', '2026-03-03T09:00:00', 2 * HOUR, '2026-03-03T11:00:00'],
    ['across lunch', '2026-03-03T11:00:00', 2 * HOUR, '2026-03-03T14:30:00'],
    ['ends exactly at closing: due then, not the next morning', '2026-03-03T16:30:00', HOUR, '2026-03-03T17:30:00'],
    ['started before opening: counts from 08:30', '2026-03-03T06:00:00', 30 * MIN, '2026-03-03T09:00:00'],
    ['started during lunch: counts from 13:30', '2026-03-03T12:40:00', 10 * MIN, '2026-03-03T13:40:00'],
    ['Friday evening: to Monday morning', '2026-03-06T17:00:00', HOUR, '2026-03-09T09:00:00'],
    ['a full working week is 37.5 hours', '2026-03-02T08:30:00', 37.5 * HOUR, '2026-03-06T17:30:00'],
  ])('%s', (_name, start, ms, due) => expect(add(start, ms)).toBe(cst(due).toISOString()));

  it('a clock started Friday 17:55 before the Spring Festival week runs on the make-up Saturday, then skips nine days of holiday', () => {
    // 2月13日 (Fri) 17:55, after closing; 2月14日 (Sat) is a 调休 working day; 2月15–23日 off.
    expect(add('2026-02-13T17:55:00', 2 * HOUR)).toBe(cst('2026-02-14T10:30:00').toISOString());
    expect(add('2026-02-13T17:55:00', 7.5 * HOUR)).toBe(cst('2026-02-14T17:30:00').toISOString());
    expect(add('2026-02-13T17:55:00', 8 * HOUR)).toBe(cst('2026-02-24T09:00:00').toISOString());
  });

  it('a make-up Saturday has the weekday hours, lunch break included; an ordinary Saturday has none', () => {
    expect(add('2026-10-09T17:55:00', 4 * HOUR)).toBe(cst('2026-10-10T14:00:00').toISOString()); // 10月10日 (Sat) 调休
    expect(add('2026-10-16T17:55:00', 4 * HOUR)).toBe(cst('2026-10-19T14:00:00').toISOString()); // 10月17日 an ordinary Saturday
    expect(add('2026-09-18T17:55:00', HOUR)).toBe(cst('2026-09-20T09:30:00').toISOString()); // 9月20日 (Sun) 调休
  });

  it('the National Day week: from the last working day before it to the first after', () => {
    expect(add('2026-09-30T17:00:00', HOUR)).toBe(cst('2026-10-08T09:00:00').toISOString());
  });

  it('a clock crossing into a year with no calendar entered treats its days by weekday (1 January 2027 is a Friday)', () => {
    expect(add('2026-12-31T17:00:00', 2 * HOUR)).toBe(cst('2027-01-01T10:00:00').toISOString());
    const with2027: SlaCalendar = { ...calendar, holidays: { ...calendar.holidays, 2027: [{ date: '2027-01-01', kind: HolidayKind.HOLIDAY, name: '元旦' }] } };
    expect(add('2026-12-31T17:00:00', 2 * HOUR, workCalendar(with2027, Department.MAINTENANCE))).toBe(cst('2027-01-04T10:00:00').toISOString());
  });

  it('a department without hours counts every hour, holidays included', () => {
    const security = workCalendar(calendar, Department.SECURITY);
    expect(security.hours).toBeNull();
    expect(add('2026-02-13T17:55:00', 8 * HOUR, security)).toBe(cst('2026-02-14T01:55:00').toISOString());
  });

  it('before dispatch a ticket is customer service’s: its hours', () => {
    expect(workCalendar(calendar, null).hours).toBe(OFFICE);
  });

  it('works in a zone with daylight saving time: 08:30 local is 07:30Z in summer and 06:30Z in winter (Berlin)', () => {
    const berlin = { ...maintenance, timeZone: 'Europe/Berlin', days: new Map() };
    // Clocks go forward on Sunday 29 March 2026.
    expect(addWorkingTime(new Date('2026-03-27T16:55:00Z'), HOUR, berlin).toISOString()).toBe('2026-03-30T07:30:00.000Z');
    expect(addWorkingTime(new Date('2026-03-26T16:55:00Z'), HOUR, berlin).toISOString()).toBe('2026-03-27T08:30:00.000Z');
    // And back on Sunday 25 October.
    expect(addWorkingTime(new Date('2026-10-23T15:55:00Z'), HOUR, berlin).toISOString()).toBe('2026-10-26T08:30:00.000Z');
  });

  it('workingTimeBetween measures what addWorkingTime adds, from any start', () => {
    const starts = ['2026-02-13T17:55:00', '2026-02-14T12:10:00', '2026-09-30T03:00:00', '2026-12-31T16:59:00', '2026-03-07T10:00:00'];
    for (const start of starts) {
      for (const ms of [MIN, 45 * MIN, 3.5 * HOUR, 7.5 * HOUR, 40 * HOUR, 200 * HOUR]) {
        const due = addWorkingTime(cst(start), ms, maintenance);
        expect(workingTimeBetween(cst(start), due, maintenance)).toBe(ms);
      }
    }
    expect(workingTimeBetween(cst('2026-02-14T18:00:00'), cst('2026-02-24T08:00:00'), maintenance)).toBe(0);
    expect(workingTimeBetween(cst('2026-03-03T10:00:00'), cst('2026-03-03T09:00:00'), maintenance)).toBe(0);
  });
});

describe('the SLA clocks on the calendar', () => {
  const friday = cst('2026-02-13T17:55:00');
  const facts = (over: Partial<ClockFacts> = {}): ClockFacts => ({
    status: TicketStatus.RECEIVED,
    urgency: Urgency.NORMAL,
    department: null,
    createdAt: friday,
    respondedAt: null,
    firstSolutionAt: null,
    resolvedAt: null,
    closedAt: null,
    promisedReplyAt: null,
    promiseKeptAt: null,
    pausedMs: 0,
    ...over,
  });
  const policy: ClockPolicy = { ...DEFAULT_SLA, calendar };

  it('NORMAL counts working time only: a response due 2 working hours after Friday 17:55 is due on the make-up Saturday', () => {
    expect(currentDeadline(facts(), policy)).toMatchObject({ clock: SlaClock.RESPONSE, dueAt: cst('2026-02-14T10:30:00') });
  });

  it('URGENT and HIGH count every hour, whatever the calendar', () => {
    expect(currentDeadline(facts({ urgency: Urgency.URGENT }), policy)?.dueAt).toEqual(new Date(friday.getTime() + 15 * MIN));
    expect(currentDeadline(facts({ urgency: Urgency.HIGH }), policy)?.dueAt).toEqual(new Date(friday.getTime() + 30 * MIN));
  });

  it('the setting is per urgency: URGENT can count working time too, NORMAL every hour', () => {
    const swapped: ClockPolicy = structuredClone(policy);
    swapped.targets.URGENT.countsWorkingTimeOnly = true;
    swapped.targets.NORMAL.countsWorkingTimeOnly = false;
    expect(currentDeadline(facts({ urgency: Urgency.URGENT }), swapped)?.dueAt).toEqual(cst('2026-02-14T08:45:00'));
    expect(currentDeadline(facts(), swapped)?.dueAt).toEqual(new Date(friday.getTime() + 2 * HOUR));
  });

  it('after dispatch the solution and resolution clocks count the handling department’s hours', () => {
    const dispatched = facts({ status: TicketStatus.INVESTIGATING, department: Department.MAINTENANCE, respondedAt: cst('2026-02-14T09:00:00') });
    // NORMAL solution: 24 working hours from intake = the make-up Saturday (7.5) + 16.5 hours from 24 Feb.
    expect(currentDeadline(dispatched, policy)).toMatchObject({ clock: SlaClock.SOLUTION, dueAt: cst('2026-02-26T10:00:00') });
    const security = { ...dispatched, department: Department.SECURITY };
    expect(currentDeadline(security, policy)?.dueAt).toEqual(new Date(friday.getTime() + 24 * HOUR));
  });

  it('a wait on the owner extends a working-time resolution clock by the working time within it', () => {
    const inProgress = facts({ status: TicketStatus.IN_PROGRESS, department: Department.MAINTENANCE, respondedAt: friday, firstSolutionAt: friday });
    const plain = deadlines(inProgress, policy).find((d) => d.clock === SlaClock.RESOLUTION)!.dueAt;
    const waited = deadlines({ ...inProgress, pausedMs: 50 * HOUR, pausedWorkMs: 3 * HOUR }, policy).find((d) => d.clock === SlaClock.RESOLUTION)!.dueAt;
    expect(workingTimeBetween(plain, waited, maintenance)).toBe(3 * HOUR);
    // Counting every hour, the wall-clock wait applies.
    const urgent = { ...inProgress, urgency: Urgency.URGENT, pausedMs: 50 * HOUR, pausedWorkMs: 3 * HOUR };
    expect(deadlines(urgent, policy).find((d) => d.clock === SlaClock.RESOLUTION)!.dueAt).toEqual(new Date(friday.getTime() + 4 * HOUR + 50 * HOUR));
  });

  it('escalates to the second level after the span again in working time', () => {
    const d = currentDeadline(facts(), policy)!; // due Sat 14 Feb 10:30; 2 more working hours: 12:00 + 30 min after lunch.
    expect(d.escalateAt).toEqual(cst('2026-02-14T14:00:00'));
    expect(escalationLevel(d, cst('2026-02-14T10:31:00'))).toBe(1);
    expect(escalationLevel(d, cst('2026-02-14T13:59:00'))).toBe(1);
    expect(escalationLevel(d, cst('2026-02-14T14:01:00'))).toBe(2);
  });
});

describe('定期反馈: the update cadence', () => {
  const start = cst('2026-03-02T09:00:00'); // a Monday
  const policy: ClockPolicy = structuredClone({ ...DEFAULT_SLA, calendar });
  policy.targets.NORMAL.updateCadenceMinutes = 4 * 60;
  policy.targets.URGENT.updateCadenceMinutes = 60;
  const facts = (over: Partial<ClockFacts> = {}): ClockFacts => ({
    status: TicketStatus.INVESTIGATING,
    urgency: Urgency.NORMAL,
    department: Department.MAINTENANCE,
    createdAt: start,
    respondedAt: start,
    firstSolutionAt: null,
    resolvedAt: null,
    closedAt: null,
    promisedReplyAt: null,
    promiseKeptAt: null,
    pausedMs: 0,
    updateClockFrom: start,
    ...over,
  });
  const update = (f: ClockFacts) => deadlines(f, policy).find((d) => d.clock === SlaClock.UPDATE);

  it('is due a cadence after the last public word, in working time for NORMAL, every hour for URGENT', () => {
    expect(update(facts())?.dueAt).toEqual(cst('2026-03-02T14:30:00'));
    expect(update(facts({ urgency: Urgency.URGENT }))?.dueAt).toEqual(cst('2026-03-02T10:00:00'));
    expect(currentDeadline(facts(), policy)).toMatchObject({ clock: SlaClock.UPDATE });
  });

  it('is flagged and counted once past due, and escalated like the other clocks', () => {
    expect(missedClocks(facts(), policy, cst('2026-03-02T14:30:00'))).toEqual([]);
    expect(missedClocks(facts(), policy, cst('2026-03-02T14:31:00'))).toEqual([SlaClock.UPDATE]);
    expect(escalationLevel(currentDeadline(facts(), policy), cst('2026-03-02T14:31:00'))).toBe(1);
    expect(escalationLevel(currentDeadline(facts(), policy), cst('2026-03-03T09:29:00'))).toBe(1);
    expect(escalationLevel(currentDeadline(facts(), policy), cst('2026-03-03T09:31:00'))).toBe(2);
  });

  it('starts again from each update to the owner', () => {
    const later = facts({ updateClockFrom: cst('2026-03-02T14:00:00') });
    expect(update(later)?.dueAt).toEqual(cst('2026-03-03T09:00:00'));
    expect(missedClocks(later, policy, cst('2026-03-02T15:00:00'))).toEqual([]);
  });

  it('runs while staff owe the next step only: not before dispatch, not while the owner decides, not after resolution', () => {
    expect(update(facts({ status: TicketStatus.RECEIVED }))).toBeUndefined();
    expect(update(facts({ status: TicketStatus.SOLUTION_PROPOSED }))).toBeUndefined();
    expect(update(facts({ status: TicketStatus.IN_PROGRESS }))).toBeDefined();
    expect(update(facts({ status: TicketStatus.RESOLVED, resolvedAt: start }))).toBeUndefined();
    expect(missedClocks(facts({ status: TicketStatus.SOLUTION_PROPOSED }), policy, cst('2026-04-01T09:00:00'))).toEqual([]);
  });

  it('is off by default (no cadence)', () => {
    expect(deadlines(facts(), { ...DEFAULT_SLA, calendar }).some((d) => d.clock === SlaClock.UPDATE)).toBe(false);
  });

  it('is validated: at least 15 minutes, or none', () => {
    expect(validateSlaPolicy(policy)).toBeNull();
    const short = structuredClone(policy);
    short.targets.HIGH.updateCadenceMinutes = 10;
    expect(validateSlaPolicy(short)).toMatch(/HIGH.updateCadenceMinutes/);
  });
});

describe('validation', () => {
  const week = (monday: { start: string; end: string }[]): WeekHours => [monday, [], [], [], [], [], []];

  it.each([
    [
      'a lunch break',
      week([
        { start: '08:30', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ]),
      null,
    ],
    ['until midnight', week([{ start: '20:00', end: '24:00' }]), null],
    ['reversed', week([{ start: '17:30', end: '08:30' }]), 'HOURS_REVERSED'],
    ['empty interval', week([{ start: '08:30', end: '08:30' }]), 'HOURS_REVERSED'],
    [
      'overlapping',
      week([
        { start: '13:00', end: '17:30' },
        { start: '08:30', end: '13:30' },
      ]),
      'HOURS_OVERLAP',
    ],
    ['not HH:MM', week([{ start: '8:30', end: '17:30' }]), 'TIME_INVALID'],
    ['25 o’clock', week([{ start: '08:30', end: '25:00' }]), 'TIME_INVALID'],
    ['no working time at all', week([]), 'HOURS_NONE'],
    ['five intervals a day', week(['01', '03', '05', '07', '09'].map((h) => ({ start: `${h}:00`, end: `${h}:30` }))), 'LIST_TOO_LONG'],
  ])('working hours: %s', (_name, hours, reason) => {
    expect(validateWeekHours(hours, 'workingHours.0.days')?.reason ?? null).toBe(reason);
  });

  it('China 2026 as published: 33 days off and 6 make-up working days, all valid', () => {
    expect(validateHolidays(2026, CHINA_2026)).toBeNull();
    expect(CHINA_2026.filter((d) => d.kind === HolidayKind.HOLIDAY)).toHaveLength(33);
    expect(CHINA_2026.filter((d) => d.kind === HolidayKind.WORKDAY).map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it.each([
    ['a date of another year', 2026, [{ date: '2027-01-01', kind: HolidayKind.HOLIDAY, name: null }], 'DATE_OUTSIDE_YEAR', 'days.0.date'],
    ['no such date', 2026, [{ date: '2026-02-30', kind: HolidayKind.HOLIDAY, name: null }], 'DATE_INVALID', 'days.0.date'],
    ['not a date', 2026, [{ date: '春节', kind: HolidayKind.HOLIDAY, name: null }], 'DATE_INVALID', 'days.0.date'],
    [
      'a day twice',
      2026,
      [
        { date: '2026-10-01', kind: HolidayKind.HOLIDAY, name: null },
        { date: '2026-10-01', kind: HolidayKind.WORKDAY, name: null },
      ],
      'NAMED_TWICE',
      'days.1.date',
    ],
    ['an unknown kind', 2026, [{ date: '2026-10-01', kind: 'DAY_OFF' as HolidayKind, name: null }], 'INVALID', 'days.0.kind'],
    ['a name with a control character', 2026, [{ date: '2026-10-01', kind: HolidayKind.HOLIDAY, name: '国庆\u0000' }], 'CONTROL_CHARACTER', 'days.0.name'],
    ['a long name', 2026, [{ date: '2026-10-01', kind: HolidayKind.HOLIDAY, name: '节'.repeat(21) }], 'TOO_LONG', 'days.0.name'],
    ['a year out of range', 1999, [], 'OUT_OF_RANGE', 'year'],
  ])('holidays: %s', (_name, year, days, reason, field) => {
    expect(validateHolidays(year, days)).toMatchObject({ reason, field });
  });
});
