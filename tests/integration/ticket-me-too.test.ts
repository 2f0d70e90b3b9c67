import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddMeTooDocument,
  CancelTicketDocument,
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
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { cast, type Cast } from '../support/tickets.js';

// Public-area tickets (#12): a repair or complaint about common parts has no unit; other owners and
// residents find it and say "me too" (同报) instead of filing it again — counted, told of its
// progress, and closed together.

let app: TestApp;
let c: Cast;
let neighbour: Client;
let resident: Client;
let third: Client;
let guard: Client;
const person = {} as Record<'filer' | 'neighbour' | 'resident' | 'third', { id: string; name: string; phone: string }>;

const notices = (ticketId: string, kind: string) =>
  app
    .sql<{ email: string }>(
      `select p.email from notification n join person p on p.id = n.recipient_id where n.subject_id = $1 and n.kind = $2 order by p.email`,
      [ticketId, kind],
    )
    .then((rows) => rows.map((r) => r.email).sort());

const lift = (over: Record<string, unknown> = {}) => ({
  kind: 'REPAIR' as const,
  title: '电梯异响',
  description: '3号楼电梯运行时有很大的摩擦声，晚上尤其明显。',
  commonArea: '3号楼电梯',
  ...over,
});

beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app, 'owner21@lakeside.test');
  [neighbour, resident, third, guard] = await Promise.all([
    app.signIn('owner2@lakeside.test'),
    app.signIn('family1@lakeside.test'),
    app.signIn('owner22@lakeside.test'),
    app.signIn('security@lakeside.test'),
  ]);
  for (const [key, email] of [
    ['filer', 'owner21'],
    ['neighbour', 'owner2'],
    ['resident', 'family1'],
    ['third', 'owner22'],
  ] as const) {
    const [row] = await app.sql<{ id: string; name: string; phone: string }>(`select id, display_name as name, phone from person where email = $1`, [
      `${email}@lakeside.test`,
    ]);
    person[key] = row!;
  }
});
afterAll(async () => {
  await app?.close();
});

describe('filing for a common area', () => {
  it('takes a repair with commonArea and no unit; customer service is told; staff find it by the place', async () => {
    const t = (await c.owner.run(OpenTicketDocument, { input: lift() })).openTicket;
    expect(t).toMatchObject({ unit: null, commonArea: '3号楼电梯', meTooCount: 0, meTooByMe: false, status: 'RECEIVED', personalDataMasked: false });
    expect(t.ownerName).toBe(person.filer.name);
    expect(await notices(t.id, 'TICKET_OPENED')).toEqual(['cs@lakeside.test']);
    const found = (await c.cs.run(TicketsDocument, { filter: { search: '3号楼电梯', commonArea: true } })).tickets;
    expect(found.edges.map((e) => e.node.id)).toContain(t.id);
    // The unit list leaves it out.
    expect((await c.cs.run(TicketsDocument, { filter: { commonArea: false }, first: 100 })).tickets.edges.map((e) => e.node.id)).not.toContain(t.id);
  });

  it('refuses neither or both of unit and common area, an inquiry about a common area, and staff filing one', async () => {
    const { unitId: _u, ...noPlace } = { ...lift(), unitId: undefined, commonArea: undefined };
    expect(await c.owner.fail(OpenTicketDocument, { input: noPlace })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'unitId', reason: 'UNIT_OR_COMMON_AREA' },
    });
    expect(await c.owner.fail(OpenTicketDocument, { input: lift({ unitId: c.unitId }) })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'commonArea', reason: 'UNIT_OR_COMMON_AREA' },
    });
    expect(await c.owner.fail(OpenTicketDocument, { input: lift({ kind: 'INQUIRY' }) })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'kind', reason: 'COMMON_AREA_KIND' },
    });
    expect(await guard.fail(OpenTicketDocument, { input: lift() })).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'OWNERS_ONLY' } });
    // A complaint about a common area still needs the owner's demand.
    expect(await c.owner.fail(OpenTicketDocument, { input: lift({ kind: 'COMPLAINT' }) })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'demand' },
    });
  });

  it('lets customer service record one for a resident who phones', async () => {
    const t = (await c.cs.run(OpenTicketDocument, { input: lift({ commonArea: '地下车库B区', title: '车库灯不亮', onBehalfOfOwnerId: person.resident.id }) }))
      .openTicket;
    expect(t.commonArea).toBe('地下车库B区');
    expect(await notices(t.id, 'TICKET_RECORDED_FOR_YOU')).toEqual(['family1@lakeside.test']);
    expect(
      await c.cs.fail(OpenTicketDocument, {
        input: lift({ onBehalfOfOwnerId: (await app.sql<{ id: string }>(`select id from person where email = 'maint@lakeside.test'`))[0]!.id }),
      }),
    ).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'onBehalfOfOwnerId' } });
  });
});

describe('me too (同报)', () => {
  it('shows the ticket to another owner masked; they say me too once; counted, on the timeline, the desk, the department and the filer told', async () => {
    const t = (await c.owner.run(OpenTicketDocument, { input: lift({ commonArea: '5号楼电梯', title: '电梯门关不上' }) })).openTicket;
    await c.cs.run(DispatchTicketDocument, { id: t.id, input: { urgency: 'HIGH', department: 'MAINTENANCE', category: '电梯' } });

    // The neighbour finds it among the open common-area tickets, not among their own.
    const open = (await neighbour.run(TicketsDocument, { filter: { commonArea: true, open: true, search: '电梯' } })).tickets.edges.map((e) => e.node);
    const listed = open.find((n) => n.id === t.id)!;
    expect(listed).toMatchObject({ personalDataMasked: true, meTooByMe: false, commonArea: '5号楼电梯' });
    expect(listed.ownerName).not.toBe(person.filer.name);
    expect(listed.ownerName.startsWith([...person.filer.name][0]!)).toBe(true);
    expect(listed.contactPhone).not.toContain(person.filer.phone);
    expect((await neighbour.run(TicketsDocument, {})).tickets.edges.map((e) => e.node.id)).not.toContain(t.id);

    const { ticket: before } = await neighbour.run(TicketDocument, { id: t.id });
    expect(before!.availableActions).toEqual(['meToo']);
    const joined = (await neighbour.run(AddMeTooDocument, { ticketId: t.id })).addMeToo;
    expect(joined).toMatchObject({ meTooCount: 1, meTooByMe: true, personalDataMasked: true, availableActions: [], status: 'INVESTIGATING' });
    expect(joined.events.at(-1)).toMatchObject({ kind: 'ME_TOO', round: 1, actorName: person.neighbour.name });
    expect(await notices(t.id, 'TICKET_ME_TOO')).toEqual(['cs@lakeside.test', 'maint@lakeside.test', 'owner21@lakeside.test']);

    // A second time: a clear conflict, nothing counted twice. The filer cannot join their own.
    expect(await neighbour.fail(AddMeTooDocument, { ticketId: t.id })).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'ALREADY_ME_TOO' } });
    expect(await c.owner.fail(AddMeTooDocument, { ticketId: t.id })).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'ME_TOO_OWN_TICKET' } });
    expect(await guard.fail(AddMeTooDocument, { ticketId: t.id })).toMatchObject({ extensions: { code: 'FORBIDDEN' } });

    // A resident joins too; the filer sees the count, and the names of those who joined masked.
    const both = (await resident.run(AddMeTooDocument, { ticketId: t.id })).addMeToo;
    expect(both.meTooCount).toBe(2);
    const { ticket: filers } = await c.owner.run(TicketDocument, { id: t.id });
    expect(filers!.meTooCount).toBe(2);
    expect(filers!.meTooByMe).toBe(false);
    const meToos = filers!.events.filter((e) => e.kind === 'ME_TOO');
    expect(meToos.map((e) => e.round)).toEqual([1, 2]);
    for (const e of meToos) expect(e.actorName).not.toMatch(new RegExp(`^(${person.neighbour.name}|${person.resident.name})$`));
    // The department sees who they are.
    const { ticket: staffs } = await c.maint.run(TicketDocument, { id: t.id });
    expect(staffs!.events.filter((e) => e.kind === 'ME_TOO').map((e) => e.actorName)).toEqual([person.neighbour.name, person.resident.name]);

    // Those who joined find it in their own list, and in what the portal holds about them.
    expect((await neighbour.run(TicketsDocument, {})).tickets.edges.map((e) => e.node.id)).toContain(t.id);
    const { myPersonalData } = await neighbour.run<{ myPersonalData: string }, Record<string, never>>(`{ myPersonalData }`);
    expect((JSON.parse(myPersonalData) as { meToo: { common_area: string }[] }).meToo.map((m) => m.common_area)).toContain('5号楼电梯');
    // The filer alone may no longer withdraw it for everyone.
    expect(await c.owner.fail(CancelTicketDocument, { id: t.id, reason: '不用了' })).toMatchObject({
      extensions: { code: 'INVALID_TRANSITION', reason: 'ME_TOO_JOINED' },
    });
  });

  it('counts two neighbours who say me too at the same moment, both', async () => {
    const t = (await c.owner.run(OpenTicketDocument, { input: lift({ commonArea: '中心花园', title: '草坪积水' }) })).openTicket;
    const [a, b] = await Promise.all([neighbour.run(AddMeTooDocument, { ticketId: t.id }), third.run(AddMeTooDocument, { ticketId: t.id })]);
    expect([a.addMeToo.meTooCount, b.addMeToo.meTooCount].sort()).toEqual([1, 2]);
    const [row] = await app.sql<{ n: number; count: number }>(
      `select (select count(*)::int from ticket_me_too where ticket_id = $1) as n, me_too_count as count from ticket where id = $1`,
      [t.id],
    );
    expect(row).toEqual({ n: 2, count: 2 });
  });

  it('keeps everyone who joined told of progress, resolution and closing — closed together — while the filer alone answers and rates', async () => {
    const t = (await c.owner.run(OpenTicketDocument, { input: lift({ commonArea: '2号楼单元门', title: '单元门禁失灵' }) })).openTicket;
    await neighbour.run(AddMeTooDocument, { ticketId: t.id });
    await third.run(AddMeTooDocument, { ticketId: t.id });
    const joiners = ['owner2@lakeside.test', 'owner22@lakeside.test'].sort();

    await c.cs.run(DispatchTicketDocument, { id: t.id, input: { urgency: 'NORMAL', department: 'MAINTENANCE' } });
    expect(await notices(t.id, 'TICKET_ACCEPTED_FOR_INVESTIGATION')).toEqual([...joiners, 'owner21@lakeside.test'].sort());
    await c.maint.run(PostTicketUpdateDocument, { id: t.id, message: '已联系门禁厂家，明天上门。', internal: false });
    await c.maint.run(PostTicketUpdateDocument, { id: t.id, message: '内部：备件在库。', internal: true });
    await c.maint.run(ProposeSolutionDocument, { id: t.id, solution: '更换门禁读卡器。' });
    expect(await notices(t.id, 'TICKET_SOLUTION_PROPOSED')).toEqual(['cs@lakeside.test', 'owner21@lakeside.test']);
    // Only the filer answers the solution.
    const { ticket: neighbours } = await neighbour.run(TicketDocument, { id: t.id });
    expect(neighbours!.availableActions).toEqual([]);
    expect(neighbours!.events.some((e) => e.internal)).toBe(false);
    expect(await neighbour.fail(RespondToSolutionDocument, { id: t.id, accept: true })).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await c.owner.run(RespondToSolutionDocument, { id: t.id, accept: true });
    // Public update, solution proposed, solution accepted: three pieces of news for each who joined.
    expect((await notices(t.id, 'TICKET_UPDATE')).filter((e) => e === 'owner2@lakeside.test')).toHaveLength(3);
    await c.maint.run(ResolveTicketDocument, { id: t.id, summary: '已更换读卡器，门禁恢复。' });
    expect(await notices(t.id, 'TICKET_ME_TOO_RESOLVED')).toEqual(joiners);
    expect(await neighbour.fail(RecordReturnVisitDocument, { id: t.id, satisfaction: 5 })).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await c.owner.run(RecordReturnVisitDocument, { id: t.id, satisfaction: 5, comment: '很快' });
    expect(await notices(t.id, 'TICKET_CLOSED')).toEqual(joiners);
    const { ticket: closed } = await third.run(TicketDocument, { id: t.id });
    expect(closed).toMatchObject({ status: 'CLOSED', meTooByMe: true, meTooCount: 2, availableActions: [] });
    // Closed: no more me too.
    expect(await resident.fail(AddMeTooDocument, { ticketId: t.id })).toMatchObject({ extensions: { code: 'INVALID_TRANSITION', reason: 'TICKET_STATUS' } });
  });

  it('tells those who joined when customer service closes it (a duplicate, a cancel)', async () => {
    const t = (await c.owner.run(OpenTicketDocument, { input: lift({ commonArea: '南门岗亭', title: '道闸抬不起来' }) })).openTicket;
    await neighbour.run(AddMeTooDocument, { ticketId: t.id });
    await c.cs.run(CancelTicketDocument, { id: t.id, reason: '与 T-00001 重复，合并处理' });
    expect(await notices(t.id, 'TICKET_CLOSED')).toEqual(['owner2@lakeside.test']);
  });

  it('keeps a unit ticket private: another owner cannot see it or join it', async () => {
    const t = (await c.owner.run(OpenTicketDocument, { input: { kind: 'REPAIR', title: '卧室漏水', description: '天花板渗水。', unitId: c.unitId } }))
      .openTicket;
    expect(await neighbour.fail(AddMeTooDocument, { ticketId: t.id })).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect((await neighbour.run(TicketsDocument, { filter: { commonArea: true } })).tickets.edges.map((e) => e.node.id)).not.toContain(t.id);
  });
});

describe('preferred visit (上门时段)', () => {
  const dayAhead = (days: number) => {
    const local = new Date(app.clock.now().getTime() + 8 * 3600_000 + days * 86_400_000);
    return local.toISOString().slice(0, 10);
  };

  it('keeps a repair’s preferred day and slot, on the ticket and on the timeline', async () => {
    const date = dayAhead(2);
    const t = (
      await c.owner.run(OpenTicketDocument, {
        input: { kind: 'REPAIR', title: '阳台门锁坏了', description: '锁芯转不动。', unitId: c.unitId, preferredVisit: { date, slot: 'AFTERNOON' } },
      })
    ).openTicket;
    expect(t.preferredVisit).toEqual({ date, slot: 'AFTERNOON' });
    expect(t.events.map((e) => [e.kind, e.message])).toContainEqual(['VISIT_PREFERRED', `${date} AFTERNOON`]);
    const { ticket: staffs } = await c.cs.run(TicketDocument, { id: t.id });
    expect(staffs!.preferredVisit).toEqual({ date, slot: 'AFTERNOON' });
  });

  it.each([
    ['yesterday', () => ({ date: dayAhead(-1), slot: 'MORNING' }), 'DATE_PAST'],
    ['too far ahead', () => ({ date: dayAhead(40), slot: 'MORNING' }), 'TIME_TOO_FAR'],
    ['not a date', () => ({ date: '2026-02-30', slot: 'MORNING' }), 'DATE_INVALID'],
  ])('refuses a visit %s, naming the field', async (_what, visit, reason) => {
    const error = await c.owner.fail(OpenTicketDocument, {
      input: { kind: 'REPAIR', title: '阳台门锁坏了', description: '锁芯转不动。', unitId: c.unitId, preferredVisit: visit() as never },
    });
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'preferredVisit', reason } });
  });

  it('takes a preferred visit on repairs only', async () => {
    const error = await c.owner.fail(OpenTicketDocument, {
      input: {
        kind: 'COMPLAINT',
        title: '夜间施工噪音',
        description: '晚上十点还在施工。',
        demand: '停止夜间施工',
        unitId: c.unitId,
        preferredVisit: { date: dayAhead(1), slot: 'MORNING' },
      },
    });
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'preferredVisit', reason: 'VISIT_REPAIRS_ONLY' } });
  });
});

describe('hostile input', () => {
  it('refuses a NUL, an over-long or invisible common area as BAD_USER_INPUT naming commonArea; takes emoji counted as the column counts', async () => {
    for (const commonArea of ['3号楼\u0000电梯', '电'.repeat(61), 'x'.repeat(100_000), '\u200b \u200b', '❤️'.repeat(31)]) {
      const error = await c.owner.fail(OpenTicketDocument, { input: lift({ commonArea }) });
      expect(error.extensions?.code, commonArea.slice(0, 10)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(error.extensions)).toContain('commonArea');
    }
    const fits = (await c.owner.run(OpenTicketDocument, { input: lift({ commonArea: '🛗电梯❤️'.repeat(10) }) })).openTicket;
    expect(fits.commonArea).toBe('🛗电梯❤️'.repeat(10));
  });

  it('answers a crafted or unknown ticket id on addMeToo as NOT_FOUND, and a NUL or odd slot in the visit as BAD_USER_INPUT', async () => {
    for (const ticketId of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', "'; drop table ticket; --"]) {
      expect((await neighbour.fail(AddMeTooDocument, { ticketId })).extensions?.code).toBe('NOT_FOUND');
    }
    const base = { kind: 'REPAIR', title: '阳台门锁坏了', description: '锁芯转不动。', unitId: c.unitId };
    expect(
      (await c.owner.fail(OpenTicketDocument, { input: { ...base, preferredVisit: { date: '2026-12\u000012', slot: 'MORNING' } } as never })).extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await c.owner.fail(OpenTicketDocument, { input: { ...base, preferredVisit: { date: '2026-12-12', slot: 'NIGHT' } } as never })).extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });
});
