import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  AnswerTicketOnTheSpotDocument,
  DispatchTicketDocument,
  OpenTicketDocument,
  PostTicketUpdateDocument,
  ProposeSolutionDocument,
  RecordReturnVisitDocument,
  ResolveTicketDocument,
  RespondToSolutionDocument,
  TicketDocument,
  TicketsDocument,
} from '@cocreate/schema';
import { startTestApp, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';

let app: TestApp;
let c: Cast;
beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app);
});
afterAll(async () => {
  await app?.close();
});

const HOUR = 3600_000;

describe('the charter’s flow', () => {
  it('runs a complaint through dispatch, two rejected solutions, acceptance, resolution and the return visit', async () => {
    const opened = (
      await c.owner.run(OpenTicketDocument, {
        input: { kind: 'COMPLAINT', title: '楼上装修噪音', description: '晚上十点后仍在施工。', unitId: c.unitId, demand: '晚上停止施工' },
      })
    ).openTicket;
    expect(opened).toMatchObject({ status: 'RECEIVED', kind: 'COMPLAINT', urgency: 'HIGH', classified: false, demand: '晚上停止施工', solutionRounds: 0 });
    expect(opened.number).toMatch(/^T-\d{5}$/);
    expect(opened.dueClock).toBe('RESPONSE');
    expect(new Date(opened.dueAt!).getTime() - new Date(opened.createdAt).getTime()).toBe(30 * 60_000);

    const promised = new Date(app.clock.now().getTime() + 2 * HOUR).toISOString();
    const dispatched = (
      await c.cs.run(DispatchTicketDocument, {
        id: opened.id,
        input: { urgency: 'HIGH', department: 'MAINTENANCE', category: '噪音', promisedReplyAt: promised },
      })
    ).dispatchTicket;
    expect(dispatched).toMatchObject({
      status: 'INVESTIGATING',
      department: 'MAINTENANCE',
      classified: true,
      promisedReplyAt: promised,
      dueClock: 'PROMISED_REPLY',
    });

    let t = dispatched;
    for (const [round, reason] of [
      [1, '时间太晚'],
      [2, '还是没有解决'],
    ] as const) {
      t = (await c.maint.run(ProposeSolutionDocument, { id: t.id, solution: `第${round}轮方案` })).proposeSolution;
      expect(t).toMatchObject({ status: 'SOLUTION_PROPOSED', solutionRounds: round, clockPaused: true, dueAt: null });
      t = (await c.owner.run(RespondToSolutionDocument, { id: t.id, accept: false, reason })).respondToSolution;
      expect(t.status).toBe('INVESTIGATING');
    }
    t = (await c.maint.run(ProposeSolutionDocument, { id: t.id, solution: '与施工方约定每天 8:00–18:00 施工' })).proposeSolution;
    expect(t.solutionRounds).toBe(3);
    t = (await c.owner.run(RespondToSolutionDocument, { id: t.id, accept: true })).respondToSolution;
    expect(t).toMatchObject({ status: 'IN_PROGRESS', dueClock: 'RESOLUTION' });
    t = (await c.maint.run(ResolveTicketDocument, { id: t.id, summary: '已与施工方签订承诺书' })).resolveTicket;
    expect(t).toMatchObject({ status: 'RESOLVED', dueClock: 'RETURN_VISIT', resolutionSummary: '已与施工方签订承诺书' });
    t = (await c.owner.run(RecordReturnVisitDocument, { id: t.id, satisfaction: 4, comment: '解决了' })).recordReturnVisit;
    expect(t).toMatchObject({ status: 'CLOSED', satisfaction: 4, returnVisitComment: '解决了', dueAt: null, overdue: false });

    expect(t.solutions.map((s) => [s.round, s.accepted, s.reason])).toEqual([
      [1, false, '时间太晚'],
      [2, false, '还是没有解决'],
      [3, true, null],
    ]);
    expect(t.events.map((e) => e.kind)).toEqual([
      'OPENED',
      'DISPATCHED',
      'SOLUTION_PROPOSED',
      'SOLUTION_REJECTED',
      'SOLUTION_PROPOSED',
      'SOLUTION_REJECTED',
      'SOLUTION_PROPOSED',
      'SOLUTION_ACCEPTED',
      'RESOLVED',
      'RETURN_VISIT',
    ]);
    expect(t.events.find((e) => e.kind === 'DISPATCHED')).toMatchObject({ urgency: 'HIGH', department: 'MAINTENANCE', actorName: '客服 李娜' });
    expect(t.deadlines.find((d) => d.clock === 'PROMISED_REPLY')).toMatchObject({ missed: false });
    // Closed after a resolution: the owner may still say "it is not fixed" within the reopen window.
    expect(t.availableActions).toEqual(['reopen']);
  });

  it('answers a simple inquiry on the spot and closes it', async () => {
    const t = await ticketIn(c, 'RECEIVED', 'INQUIRY', '停水通知');
    const answered = (await c.cs.run(AnswerTicketOnTheSpotDocument, { id: t.id, answer: '今天 14:00–16:00 检修，之后恢复供水。' })).answerTicketOnTheSpot;
    expect(answered).toMatchObject({ status: 'CLOSED', answer: '今天 14:00–16:00 检修，之后恢复供水。', dueAt: null });
    expect(answered.events.map((e) => e.kind)).toEqual(['OPENED', 'ANSWERED']);
  });

  it('lets customer service record a ticket for a walk-in owner, who then sees it and is told', async () => {
    const [owner] = await app.sql<{ id: string }>(`select id from person where email = 'owner7@lakeside.test'`);
    const [unit] = await app.sql<{ unit_id: string }>('select unit_id from ownership where person_id = $1', [owner!.id]);
    const recorded = (
      await c.cs.run(OpenTicketDocument, {
        input: {
          kind: 'REPAIR',
          title: '门禁卡失灵',
          description: '来访登记：门禁卡刷不开单元门。',
          unitId: unit!.unit_id,
          onBehalfOfOwnerId: owner!.id,
          contactPhone: '13900001111',
        },
      })
    ).openTicket;
    expect(recorded).toMatchObject({ contactPhone: '13900001111', personalDataMasked: false });
    const owner7 = await app.signIn('owner7@lakeside.test');
    const mine = (await owner7.run(TicketsDocument, {})).tickets;
    expect(mine.edges.map((e) => e.node.id)).toEqual([recorded.id]);
    const [notice] = await app.sql<{ kind: string }>("select kind from notification where recipient_id = $1 and subject_type = 'TICKET'", [owner!.id]);
    expect(notice?.kind).toBe('TICKET_RECORDED_FOR_YOU');
  });
});

describe('who may act', () => {
  it('refuses the wrong role with FORBIDDEN and the wrong state with INVALID_TRANSITION', async () => {
    const t = await ticketIn(c, 'INVESTIGATING');
    expect((await c.owner.fail(DispatchTicketDocument, { id: t.id, input: { urgency: 'LOW', department: 'CLEANING' } })).extensions?.code).toBe('FORBIDDEN');
    expect((await c.cs.fail(ProposeSolutionDocument, { id: t.id, solution: 'x' })).extensions?.code).toBe('FORBIDDEN');
    const security = await app.signIn('security@lakeside.test');
    expect((await security.fail(ProposeSolutionDocument, { id: t.id, solution: 'x' })).extensions?.code).toBe('FORBIDDEN');
    expect((await c.maint.fail(ResolveTicketDocument, { id: t.id, summary: 'x' })).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await c.owner.fail(RespondToSolutionDocument, { id: t.id, accept: true })).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await c.owner.fail(RecordReturnVisitDocument, { id: t.id, satisfaction: 5 })).extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('lets customer service record the owner’s answer to a solution', async () => {
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const answered = (await c.cs.run(RespondToSolutionDocument, { id: t.id, accept: false, reason: '业主电话告知：时间不合适' })).respondToSolution;
    expect(answered.status).toBe('INVESTIGATING');
  });

  it('keeps owners to their own units and tickets: another owner’s ticket is NOT_FOUND', async () => {
    const t = await ticketIn(c, 'RECEIVED');
    const owner2 = await app.signIn('owner2@lakeside.test');
    expect((await owner2.fail(TicketDocument, { id: t.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await owner2.fail(RespondToSolutionDocument, { id: t.id, accept: true })).extensions?.code).toBe('NOT_FOUND');
    expect((await owner2.fail(PostTicketUpdateDocument, { id: t.id, message: 'hi' })).extensions?.code).toBe('NOT_FOUND');
    expect((await owner2.run(TicketsDocument, {})).tickets.edges.map((e) => e.node.id)).not.toContain(t.id);
    const stranger = await owner2.fail(OpenTicketDocument, { input: { kind: 'REPAIR', title: '别人的房子', description: 'x', unitId: c.unitId } });
    expect(stranger.extensions?.code).toBe('FORBIDDEN');
    expect((await c.owner.fail(TicketDocument, { id: 'not-an-id' })).extensions?.code).toBe('NOT_FOUND');
  });

  it('names the field of bad intake input', async () => {
    const noDemand = await c.owner.fail(OpenTicketDocument, { input: { kind: 'COMPLAINT', title: '噪音', description: 'x', unitId: c.unitId } });
    expect(noDemand).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'demand' } });
    const badPhone = await c.owner.fail(OpenTicketDocument, {
      input: { kind: 'REPAIR', title: '漏水', description: 'x', unitId: c.unitId, contactPhone: 'call me' },
    });
    expect(badPhone.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badPhone.message).toMatch(/contactPhone/);
    const t = await ticketIn(c, 'RESOLVED');
    const badScore = await c.owner.fail(RecordReturnVisitDocument, { id: t.id, satisfaction: 6 });
    expect(badScore).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'satisfaction' } });
    const past = await c.cs.fail(DispatchTicketDocument, {
      id: (await ticketIn(c, 'RECEIVED')).id,
      input: { urgency: 'LOW', department: 'CLEANING', promisedReplyAt: new Date(app.clock.now().getTime() - 1000).toISOString() },
    });
    expect(past).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'promisedReplyAt' } });
    const t2 = await ticketIn(c, 'SOLUTION_PROPOSED');
    expect(await c.owner.fail(RespondToSolutionDocument, { id: t2.id, accept: false })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'reason' },
    });
  });
});

describe('confidentiality', () => {
  it('masks name and phone for staff outside the handling department, and hides internal notes from the owner', async () => {
    const t = await ticketIn(c, 'INVESTIGATING');
    await c.maint.run(PostTicketUpdateDocument, { id: t.id, message: '需要借梯子', internal: true });
    await c.maint.run(PostTicketUpdateDocument, { id: t.id, message: '师傅下午两点上门' });

    const security = await app.signIn('security@lakeside.test');
    const masked = (await security.run(TicketDocument, { id: t.id })).ticket!;
    expect(masked.personalDataMasked).toBe(true);
    expect(masked.contactPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(masked.ownerName).toBe('王*');
    expect(masked.events.some((e) => e.internal)).toBe(false);

    const handling = (await c.maint.run(TicketDocument, { id: t.id })).ticket!;
    expect(handling.personalDataMasked).toBe(false);
    expect(handling.contactPhone).toMatch(/^1\d{10}$/);
    expect(handling.ownerName).toBe('王丽');
    expect(handling.events.filter((e) => e.internal).map((e) => e.message)).toEqual(['需要借梯子']);

    const cs = (await c.cs.run(TicketDocument, { id: t.id })).ticket!;
    expect(cs.personalDataMasked).toBe(false);

    const own = (await c.owner.run(TicketDocument, { id: t.id })).ticket!;
    expect(own.events.map((e) => e.message)).toContain('师傅下午两点上门');
    expect(own.events.map((e) => e.message)).not.toContain('需要借梯子');
    expect((await c.owner.fail(PostTicketUpdateDocument, { id: t.id, message: 'x', internal: true })).extensions?.code).toBe('FORBIDDEN');

    const list = (await security.run(TicketsDocument, { filter: { department: 'MAINTENANCE' }, first: 100 })).tickets;
    expect(list.edges.length).toBeGreaterThan(0);
    for (const { node } of list.edges) {
      expect(node.personalDataMasked).toBe(true);
      expect(node.contactPhone).toContain('****');
    }
  });
});

describe('SLA clocks and escalation', () => {
  it('turns an unanswered ticket overdue, records the miss, and escalates to the head, then management', async () => {
    const t = await ticketIn(c, 'RECEIVED', 'REPAIR', '走廊灯不亮');
    app.clock.advance(2 * HOUR + 60_000);
    await app.server.services.tickets.sweep(app.orm.em.fork());
    let seen = (await c.cs.run(TicketDocument, { id: t.id })).ticket!;
    expect(seen).toMatchObject({ overdue: true, missedClocks: ['RESPONSE'], escalationLevel: 1 });
    expect(seen.events.map((e) => e.kind)).toEqual(['OPENED', 'SLA_MISSED', 'ESCALATED']);
    const heads = await app.sql<{ email: string }>(
      `select p.email from notification n join person p on p.id = n.recipient_id where n.subject_id = $1 and n.kind = 'TICKET_ESCALATED_TO_HEAD'`,
      [t.id],
    );
    expect(heads.map((h) => h.email)).toEqual(['cs@lakeside.test']);

    const overdue = (await c.cs.run(TicketsDocument, { filter: { overdue: true }, first: 100 })).tickets;
    expect(overdue.edges.map((e) => e.node.id)).toContain(t.id);

    app.clock.advance(2 * HOUR);
    await app.server.services.tickets.sweep(app.orm.em.fork());
    seen = (await c.cs.run(TicketDocument, { id: t.id })).ticket!;
    expect(seen.escalationLevel).toBe(2);
    const managers = await app.sql<{ email: string }>(
      `select p.email from notification n join person p on p.id = n.recipient_id where n.subject_id = $1 and n.kind = 'TICKET_ESCALATED_TO_MANAGEMENT'`,
      [t.id],
    );
    expect(managers.map((m) => m.email)).toEqual(['manager@lakeside.test']);

    // A second sweep changes nothing: each miss and each level is recorded once.
    await app.server.services.tickets.sweep(app.orm.em.fork());
    expect((await c.cs.run(TicketDocument, { id: t.id })).ticket!.events).toHaveLength(4);

    // Dispatching late keeps the miss on the record and starts the next clock afresh.
    const late = (await c.cs.run(DispatchTicketDocument, { id: t.id, input: { urgency: 'NORMAL', department: 'MAINTENANCE' } })).dispatchTicket;
    expect(late).toMatchObject({ missedClocks: ['RESPONSE'], escalationLevel: 0, dueClock: 'SOLUTION' });
    expect(late.deadlines.find((d) => d.clock === 'RESPONSE')).toMatchObject({ missed: true });
  });

  it('pauses the clock while the owner considers a solution', async () => {
    const t = await ticketIn(c, 'SOLUTION_PROPOSED');
    const before = (await c.maint.run(TicketDocument, { id: t.id })).ticket!;
    const resolutionDue = new Date(before.deadlines.find((d) => d.clock === 'RESOLUTION')!.dueAt).getTime();
    expect(before).toMatchObject({ clockPaused: true, dueAt: null, overdue: false });
    app.clock.advance(100 * HOUR);
    await app.server.services.tickets.sweep(app.orm.em.fork());
    expect((await c.maint.run(TicketDocument, { id: t.id })).ticket!).toMatchObject({ overdue: false, missedClocks: [] });
    const accepted = (await c.owner.run(RespondToSolutionDocument, { id: t.id, accept: true })).respondToSolution;
    expect(new Date(accepted.dueAt!).getTime()).toBe(resolutionDue + 100 * HOUR);
    expect(accepted.overdue).toBe(false);
  });

  it('treats a promised reply time as a deadline of its own', async () => {
    const t = await ticketIn(c, 'RECEIVED');
    const promise = new Date(app.clock.now().getTime() + HOUR);
    await c.cs.run(DispatchTicketDocument, { id: t.id, input: { urgency: 'LOW', department: 'MAINTENANCE', promisedReplyAt: promise.toISOString() } });
    app.clock.advance(HOUR + 60_000);
    await app.server.services.tickets.sweep(app.orm.em.fork());
    const seen = (await c.owner.run(TicketDocument, { id: t.id })).ticket!;
    expect(seen.missedClocks).toEqual(['PROMISED_REPLY']);
    expect(seen.events.find((e) => e.kind === 'SLA_MISSED')).toMatchObject({ clock: 'PROMISED_REPLY', internal: false });
  });
});

describe('concurrency', () => {
  it('lets one of two simultaneous staff actions win; the other gets CONFLICT', async () => {
    const t = await ticketIn(c, 'INVESTIGATING');
    const maint2 = await app.signIn('maint@lakeside.test');
    // Hold the row so that both requests have read version N before either can write.
    const holder = new pg.Client({ connectionString: app.databaseUrl });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select 1 from ticket where id = $1 for update', [t.id]);
    const attempts = [
      c.maint.raw(ProposeSolutionDocument, { id: t.id, solution: '方案甲' }),
      maint2.raw(ProposeSolutionDocument, { id: t.id, solution: '方案乙' }),
    ];
    for (let i = 0; i < 200; i++) {
      const [{ n }] = (await holder.query(`select count(*)::int as n from pg_locks where locktype = 'transactionid' and not granted`)).rows as { n: number }[];
      if (n >= 2) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await holder.query('commit');
    await holder.end();
    const results = await Promise.all(attempts);
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const final = (await c.maint.run(TicketDocument, { id: t.id })).ticket!;
    expect(final.solutionRounds).toBe(1);
    expect(final.solutions).toHaveLength(1);
  });
});
