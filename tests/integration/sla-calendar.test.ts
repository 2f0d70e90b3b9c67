import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommunitySettingsDocument,
  DispatchTicketDocument,
  HolidayCalendarDocument,
  OpenTicketDocument,
  PostTicketUpdateDocument,
  SetHolidayCalendarDocument,
  TicketDocument,
  UpdateCommunitySettingsDocument,
  type DepartmentHoursInput,
  type SlaTargetInput,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { cast, type Cast } from '../support/tickets.js';

// Business hours, the holiday calendar and 定期反馈 over HTTP, on the demo's 2026 calendar
// (the State Council's: 2月14日 Saturday is a make-up working day, 2月15–23日 are off).

let app: TestApp;
let c: Cast;
let admin: Client;
beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app);
  admin = await app.signIn('admin@lakeside.test');
});
afterAll(async () => {
  await app?.close();
});

const cst = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => cst(local).toISOString();
const office: DepartmentHoursInput['days'] = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  intervals: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
}));

async function targets(change: (t: SlaTargetInput) => SlaTargetInput = (t) => t) {
  const { community } = await admin.run(CommunitySettingsDocument);
  return {
    returnVisitHours: community.settings.sla.returnVisitHours,
    targets: community.settings.sla.targets.map(({ urgency, responseMinutes, solutionMinutes, resolutionMinutes }) =>
      change({ urgency, responseMinutes, solutionMinutes, resolutionMinutes }),
    ),
  };
}

const openRepair = (title: string, kind: 'REPAIR' | 'COMPLAINT' = 'REPAIR') =>
  c.owner
    .run(OpenTicketDocument, {
      input: { kind, title, description: '节前报修，看看什么时候处理。', unitId: c.unitId, demand: kind === 'COMPLAINT' ? '尽快处理' : null },
    })
    .then((r) => r.openTicket);

describe('business hours and the holiday calendar', () => {
  it('has the demo’s 2026 calendar for every member to read', async () => {
    const { holidayCalendar } = await c.owner.run(HolidayCalendarDocument, { year: 2026 });
    expect(holidayCalendar.days).toHaveLength(39);
    expect(holidayCalendar.days.find((d) => d.date === '2026-02-14')).toEqual({ date: '2026-02-14', kind: 'WORKDAY', name: '春节调休' });
    expect((await c.owner.run(HolidayCalendarDocument, { year: 2027 })).holidayCalendar.days).toEqual([]);
  });

  it('counts a NORMAL ticket opened on Friday evening from the next working day; HIGH and URGENT count every hour', async () => {
    await admin.run(UpdateCommunitySettingsDocument, {
      input: {
        workingHours: [
          { department: 'CUSTOMER_SERVICE', days: office },
          { department: 'MAINTENANCE', days: office },
        ],
      },
    });
    const { community } = await admin.run(CommunitySettingsDocument);
    expect(community.settings.workingHours.map((h) => h.department).sort()).toEqual(['CUSTOMER_SERVICE', 'MAINTENANCE']);
    expect(community.settings.workingHours[0]!.days[5]).toEqual({ weekday: 6, intervals: [] });
    expect(community.settings.sla.targets.map((t) => [t.urgency, t.countsWorkingTimeOnly])).toEqual([
      ['LOW', true],
      ['NORMAL', true],
      ['HIGH', false],
      ['URGENT', false],
    ]);

    app.clock.set(cst('2026-02-13T17:55:00'));
    const normal = await openRepair('节前厨房漏水');
    // Two working hours of customer service: the make-up Saturday, 08:30–10:30.
    expect(normal).toMatchObject({ urgency: 'NORMAL', dueClock: 'RESPONSE', dueAt: iso('2026-02-14T10:30:00') });

    const complaint = await openRepair('节前装修噪音', 'COMPLAINT');
    expect(complaint).toMatchObject({ urgency: 'HIGH', dueAt: iso('2026-02-13T18:25:00') });

    const urgent = (await c.cs.run(DispatchTicketDocument, { id: complaint.id, input: { urgency: 'URGENT', department: 'MAINTENANCE' } })).dispatchTicket;
    expect(urgent).toMatchObject({ dueClock: 'SOLUTION', dueAt: iso('2026-02-13T18:55:00') });

    // The solution clock (24 working hours of maintenance, from intake): the make-up Saturday, then from 24 February.
    app.clock.set(cst('2026-02-14T09:00:00'));
    const dispatched = (await c.cs.run(DispatchTicketDocument, { id: normal.id, input: { urgency: 'NORMAL', department: 'MAINTENANCE' } })).dispatchTicket;
    expect(dispatched.deadlines.find((d) => d.clock === 'SOLUTION')?.dueAt).toBe(iso('2026-02-26T10:00:00'));
    expect(dispatched.deadlines.find((d) => d.clock === 'RESPONSE')).toMatchObject({ metAt: iso('2026-02-14T09:00:00'), missed: false });
    // Being looked into, the solution clock counts and the response clock no longer does.
    expect(dispatched.deadlines.find((d) => d.clock === 'SOLUTION')).toMatchObject({ running: true });
    expect(dispatched.deadlines.find((d) => d.clock === 'RESPONSE')).toMatchObject({ running: false });
  });

  it('re-times open tickets when the calendar changes: without the make-up Saturday the response moves to 24 February', async () => {
    app.clock.set(cst('2026-02-13T17:55:00'));
    const t = await openRepair('节前阳台漏水');
    expect(t.dueAt).toBe(iso('2026-02-14T10:30:00'));
    const { holidayCalendar } = await admin.run(HolidayCalendarDocument, { year: 2026 });
    const without = holidayCalendar.days.filter((d) => d.date !== '2026-02-14').map(({ date, kind, name }) => ({ date, kind, name }));
    const saved = (await admin.run(SetHolidayCalendarDocument, { year: 2026, days: without })).setHolidayCalendar;
    expect(saved.days).toHaveLength(38);
    expect((await c.owner.run(TicketDocument, { id: t.id })).ticket!.dueAt).toBe(iso('2026-02-24T10:30:00'));

    const [entry] = await app.sql<{ payload: string }>(`select payload from audit_entry where action = 'SETTINGS_CHANGED' order by seq desc limit 1`);
    const { holidays } = JSON.parse(entry!.payload) as { holidays: { year: number; before: unknown[]; after: unknown[] } };
    expect(holidays.year).toBe(2026);
    expect(holidays.before).toHaveLength(39);
    expect(holidays.after).toHaveLength(38);
    await admin.run(SetHolidayCalendarDocument, { year: 2026, days: holidayCalendar.days.map(({ date, kind, name }) => ({ date, kind, name })) });
  });

  it.each([
    ['a date of another year', { year: 2026, days: [{ date: '2027-01-01', kind: 'HOLIDAY' as const }] }, 'DATE_OUTSIDE_YEAR', 'days.0.date'],
    ['a date that does not exist', { year: 2026, days: [{ date: '2026-02-30', kind: 'HOLIDAY' as const }] }, 'DATE_INVALID', 'days.0.date'],
    [
      'a day twice',
      {
        year: 2026,
        days: [
          { date: '2026-10-01', kind: 'HOLIDAY' as const },
          { date: '2026-10-01', kind: 'WORKDAY' as const },
        ],
      },
      'NAMED_TWICE',
      'days.1.date',
    ],
    ['a year out of range', { year: 1999, days: [] }, 'OUT_OF_RANGE', 'year'],
  ])('refuses %s with its reason', async (_name, variables, reason, field) => {
    const error = await admin.fail(SetHolidayCalendarDocument, variables);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, field });
  });

  it('refuses working hours that overlap or end before they start, and lets only admins set either', async () => {
    const overlap = await admin.fail(UpdateCommunitySettingsDocument, {
      input: {
        workingHours: [
          {
            department: 'CLEANING',
            days: [
              {
                weekday: 1,
                intervals: [
                  { start: '08:00', end: '13:00' },
                  { start: '12:00', end: '17:00' },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(overlap.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOURS_OVERLAP', field: 'workingHours.0.days.1' });
    const reversed = await admin.fail(UpdateCommunitySettingsDocument, {
      input: { workingHours: [{ department: 'CLEANING', days: [{ weekday: 2, intervals: [{ start: '17:00', end: '08:00' }] }] }] },
    });
    expect(reversed.extensions).toMatchObject({ reason: 'HOURS_REVERSED', field: 'workingHours.0.days.2' });
    expect((await c.cs.fail(SetHolidayCalendarDocument, { year: 2026, days: [] })).extensions?.code).toBe('FORBIDDEN');
    expect((await c.maint.fail(UpdateCommunitySettingsDocument, { input: { workingHours: [] } })).extensions?.code).toBe('FORBIDDEN');
  });
});

describe('定期反馈: the update cadence', () => {
  it('flags and escalates an open ticket with no public update for the cadence, and an update to the owner starts it again', async () => {
    await admin.run(UpdateCommunitySettingsDocument, {
      input: { sla: await targets((t) => (t.urgency === 'NORMAL' ? { ...t, updateCadenceMinutes: 240 } : t)) },
    });
    app.clock.set(cst('2026-03-02T08:30:00')); // a Monday
    const t = await openRepair('楼道灯不亮');
    app.clock.set(cst('2026-03-02T09:00:00'));
    const dispatched = (await c.cs.run(DispatchTicketDocument, { id: t.id, input: { urgency: 'NORMAL', department: 'MAINTENANCE' } })).dispatchTicket;
    // Four working hours from dispatch (a public line to the owner): 09:00–12:00 and 13:30–14:30.
    expect(dispatched).toMatchObject({ dueClock: 'UPDATE', dueAt: iso('2026-03-02T14:30:00') });

    // An internal note is not an update to the owner.
    app.clock.set(cst('2026-03-02T11:00:00'));
    await c.maint.run(PostTicketUpdateDocument, { id: t.id, message: '先去仓库领灯管。', internal: true });
    expect((await c.maint.run(TicketDocument, { id: t.id })).ticket!.dueAt).toBe(iso('2026-03-02T14:30:00'));

    app.clock.set(cst('2026-03-02T14:31:00'));
    await app.server.services.tickets.sweep(app.orm.em.fork());
    let seen = (await c.cs.run(TicketDocument, { id: t.id })).ticket!;
    expect(seen).toMatchObject({ overdue: true, dueClock: 'UPDATE', missedClocks: ['UPDATE'], escalationLevel: 1 });
    expect(seen.events.filter((e) => e.kind === 'SLA_MISSED').map((e) => e.clock)).toEqual(['UPDATE']);
    expect(seen.deadlines.find((d) => d.clock === 'UPDATE')).toMatchObject({ missed: true });
    const heads = await app.sql<{ email: string }>(
      `select p.email from notification n join person p on p.id = n.recipient_id where n.subject_id = $1 and n.kind = 'TICKET_ESCALATED_TO_HEAD'`,
      [t.id],
    );
    expect(heads.map((h) => h.email)).toEqual(['maint@lakeside.test']);

    app.clock.set(cst('2026-03-02T15:00:00'));
    await c.maint.run(PostTicketUpdateDocument, { id: t.id, message: '已领到灯管，今天下班前换好。' });
    seen = (await c.owner.run(TicketDocument, { id: t.id })).ticket!;
    // 15:00–17:30, then 08:30–10:00 the next morning; counted once, no longer overdue or escalated.
    expect(seen).toMatchObject({ overdue: false, dueClock: 'UPDATE', dueAt: iso('2026-03-03T10:00:00'), escalationLevel: 0, missedClocks: ['UPDATE'] });
    expect(seen.deadlines.find((d) => d.clock === 'UPDATE')).toMatchObject({ missed: false });
  });
});
