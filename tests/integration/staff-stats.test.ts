import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddStaffDocument,
  AssignTicketDocument,
  RecordReturnVisitDocument,
  ResolveTicketDocument,
  StaffStatsDocument,
  UrgeTicketDocument,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';

// 个人绩效: the figures follow the person a ticket was assigned to, and each viewer sees what is theirs to see.
let app: TestApp;
let c: Cast;
let admin: Client;
let security: Client;
let wangId: string;
const DAY = 86_400_000;
const range = () => ({ from: new Date(app.clock.now().getTime() - 30 * DAY).toISOString(), to: new Date(app.clock.now().getTime() + DAY).toISOString() });

beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app);
  [admin, security] = await Promise.all([app.signIn('admin@lakeside.test'), app.signIn('security@lakeside.test')]);
  wangId = (
    await admin.run(AddStaffDocument, {
      input: { displayName: '维修 王师傅', phone: '13655552468', department: 'MAINTENANCE', roles: ['STAFF'], headOfDepartment: false },
    })
  ).addStaff.id;
  // Three tickets for 王师傅: one resolved and rated 2 stars (closed, and a follow-up for the manager), one resolved and rated 5, one open and urged.
  for (const [state, stars] of [
    ['RESOLVED', 2],
    ['RESOLVED', 5],
    ['INVESTIGATING', null],
  ] as const) {
    const t = await ticketIn(c, state === 'RESOLVED' ? 'IN_PROGRESS' : state);
    await c.maint.run(AssignTicketDocument, { id: t.id, assigneeId: wangId });
    if (state === 'RESOLVED') {
      await c.maint.run(ResolveTicketDocument, { id: t.id, summary: '已处理完毕。' });
      await c.owner.run(RecordReturnVisitDocument, { id: t.id, satisfaction: stars!, comment: stars === 2 ? '还是漏水' : '很好' });
    } else {
      app.clock.advance(25 * 3600_000);
      await c.owner.run(UrgeTicketDocument, { id: t.id });
    }
  }
});
afterAll(async () => {
  await app?.close();
});

describe('staff appraisal', () => {
  it('counts each assignee’s tickets: resolved, on time, visits, ratings, reopens and urges', async () => {
    const rows = (await admin.run(StaffStatsDocument, range())).staffStats;
    const wang = rows.find((r) => r.person.id === wangId)!;
    expect(wang).toMatchObject({ department: 'MAINTENANCE', active: true, assigned: 3, resolved: 2 });
    // The 2-star rating stays on its closed ticket and counts against the assignee (the follow-up is the manager's).
    expect(wang).toMatchObject({
      resolvedOnTime: 2,
      slaCompliance: 1,
      returnVisitRate: 1,
      satisfactionRate: 0.5,
      averageSatisfaction: 3.5,
      reopened: 0,
      urges: 1,
    });
    expect(wang.openNow).toBe(1);
    expect(rows.map((r) => r.department)).toEqual(expect.arrayContaining(['MAINTENANCE', 'SECURITY']));
  });

  it('shows a department head their department, and anyone else only their own row', async () => {
    const head = (await c.maint.run(StaffStatsDocument, range())).staffStats;
    expect(new Set(head.map((r) => r.department))).toEqual(new Set(['MAINTENANCE']));
    expect(head.map((r) => r.person.id)).toContain(wangId);
    const [securityId] = await app.sql<{ id: string }>(`select id from person where email = 'security@lakeside.test'`);
    // The security head heads a department of one: themself.
    expect((await security.run(StaffStatsDocument, range())).staffStats.map((r) => r.person.id)).toEqual([securityId!.id]);
    expect((await c.owner.fail(StaffStatsDocument, range())).extensions?.code).toBe('FORBIDDEN');
    expect((await admin.fail(StaffStatsDocument, { from: range().to, to: range().from })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.fail(StaffStatsDocument, { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.fail(StaffStatsDocument, { from: 'yesterday', to: range().to })).extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });
});
