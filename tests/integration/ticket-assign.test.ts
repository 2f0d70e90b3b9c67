import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignTicketDocument, DepartmentStaffDocument, NotificationsDocument, TicketDocument, TicketsDocument } from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';

// 派工 (#12): the department's head or customer service names the person working on a ticket.

let app: TestApp;
let c: Cast;
let admin: Client;
let security: Client;
let colleague: Client;
const id = {} as Record<'maint' | 'colleague' | 'security' | 'owner', string>;

const one = async (sql: string, params: unknown[] = []) => String((await app.sql<{ id: string }>(sql, params))[0]!.id);

beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app, 'owner33@lakeside.test');
  // The seed has one person per department (its head); a second maintenance technician, not a head.
  await app.sql(
    `with maint as (select p.community_id, c.company_id, a.password_hash from person p join account a on a.id = p.account_id join community c on c.id = p.community_id
                     where p.email = 'maint@lakeside.test'),
          account as (insert into account (id, company_id, email, phone, password_hash, company_admin, created_at)
                      select gen_random_uuid(), company_id, 'maint2@lakeside.test', '13900000042', password_hash, false, now() from maint returning id)
     insert into person (id, community_id, display_name, email, phone, account_id, roles, department, leads_department, created_at)
     select gen_random_uuid(), community_id, '维修 王师傅', 'maint2@lakeside.test', '13900000042', (select id from account), '{STAFF}', 'MAINTENANCE', false, now() from maint`,
  );
  [admin, security, colleague] = await Promise.all([
    app.signIn('admin@lakeside.test'),
    app.signIn('security@lakeside.test'),
    app.signIn('maint2@lakeside.test'),
  ]);
  for (const [key, email] of [
    ['maint', 'maint'],
    ['colleague', 'maint2'],
    ['security', 'security'],
    ['owner', 'owner33'],
  ] as const) {
    id[key] = await one(`select id from person where email = $1`, [`${email}@lakeside.test`]);
  }
});
afterAll(async () => {
  await app?.close();
});

describe('assignTicket', () => {
  it('lets the head give a ticket to a colleague, who finds it in their list and inbox; a reassignment stays on the timeline', async () => {
    const t = await ticketIn(c, 'INVESTIGATING');
    const { ticket: before } = await c.maint.run(TicketDocument, { id: t.id });
    expect(before!.availableActions).toContain('assign');
    expect(before!.assignee).toBeNull();

    const { departmentStaff } = await c.maint.run(DepartmentStaffDocument, { department: 'MAINTENANCE' });
    expect(departmentStaff.map((p) => p.displayName).sort()).toEqual(['维修 张师傅', '维修 王师傅'].sort());

    const assigned = (await c.maint.run(AssignTicketDocument, { id: t.id, assigneeId: id.colleague })).assignTicket;
    expect(assigned.assignee).toEqual({ id: id.colleague, displayName: '维修 王师傅' });
    expect(assigned.status).toBe('INVESTIGATING');
    expect(assigned.events.at(-1)).toMatchObject({ kind: 'ASSIGNED', actorName: '维修 张师傅', assigneeName: '维修 王师傅', department: 'MAINTENANCE' });

    // The colleague's own list, and the inbox.
    const mine = (await colleague.run(TicketsDocument, { filter: { assigneeId: id.colleague } })).tickets;
    expect(mine.edges.map((e) => e.node.id)).toEqual([t.id]);
    expect(mine.edges[0]!.node.assignee?.displayName).toBe('维修 王师傅');
    const inbox = (await colleague.run(NotificationsDocument, { first: 20 })).notifications.edges.map((e) => e.node);
    expect(inbox).toContainEqual(expect.objectContaining({ kind: 'TICKET_ASSIGNED', subjectId: t.id }));
    // The colleague is not the head: they work on it but do not hand it on.
    const { ticket: colleaguesView } = await colleague.run(TicketDocument, { id: t.id });
    expect(colleaguesView!.availableActions).not.toContain('assign');
    expect(colleaguesView!.availableActions).toContain('proposeSolution');

    // Customer service reassigns to the head; both lines are on the timeline, the colleague is told it left them.
    const reassigned = (await c.cs.run(AssignTicketDocument, { id: t.id, assigneeId: id.maint })).assignTicket;
    expect(reassigned.assignee?.id).toBe(id.maint);
    expect(reassigned.events.filter((e) => e.kind === 'ASSIGNED').map((e) => [e.actorName, e.assigneeName])).toEqual([
      ['维修 张师傅', '维修 王师傅'],
      ['客服 李娜', '维修 张师傅'],
    ]);
    const inboxAfter = (await colleague.run(NotificationsDocument, { first: 20 })).notifications.edges.map((e) => e.node.kind);
    expect(inboxAfter).toContain('TICKET_UNASSIGNED');
    expect((await colleague.run(TicketsDocument, { filter: { assigneeId: id.colleague } })).tickets.totalCount).toBe(0);
    expect((await c.maint.run(TicketsDocument, { filter: { assigneeId: id.maint } })).tickets.edges.map((e) => e.node.id)).toContain(t.id);

    // The owner sees who is coming, and the line on their timeline.
    const { ticket: ownersView } = await c.owner.run(TicketDocument, { id: t.id });
    expect(ownersView!.assignee?.displayName).toBe('维修 张师傅');
    expect(ownersView!.availableActions).not.toContain('assign');
  });

  it('refuses a person outside the handling department with BAD_USER_INPUT on assigneeId', async () => {
    const t = await ticketIn(c, 'INVESTIGATING');
    for (const assigneeId of [id.security, id.owner, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const error = await c.maint.fail(AssignTicketDocument, { id: t.id, assigneeId });
      expect(error.extensions?.code, assigneeId).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field, assigneeId).toBe('assigneeId');
    }
    expect((await c.owner.run(TicketDocument, { id: t.id })).ticket!.assignee).toBeNull();
  });

  it('is FORBIDDEN to the owner, to staff who are not the head, and to another department’s head', async () => {
    const t = await ticketIn(c, 'INVESTIGATING');
    for (const who of [c.owner, colleague, security]) {
      expect((await who.fail(AssignTicketDocument, { id: t.id, assigneeId: id.colleague })).extensions?.code).toBe('FORBIDDEN');
    }
    expect((await colleague.fail(DepartmentStaffDocument, { department: 'MAINTENANCE' })).extensions?.code).toBe('FORBIDDEN');
    expect((await security.fail(DepartmentStaffDocument, { department: 'MAINTENANCE' })).extensions?.code).toBe('FORBIDDEN');
    expect((await c.owner.fail(DepartmentStaffDocument, { department: 'MAINTENANCE' })).extensions?.code).toBe('FORBIDDEN');
    // An admin may.
    expect((await admin.run(AssignTicketDocument, { id: t.id, assigneeId: id.colleague })).assignTicket.assignee?.id).toBe(id.colleague);
  });

  it('is an INVALID_TRANSITION on a closed ticket and before dispatch', async () => {
    const closed = await ticketIn(c, 'CLOSED');
    expect((await c.maint.fail(AssignTicketDocument, { id: closed.id, assigneeId: id.colleague })).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await c.owner.run(TicketDocument, { id: closed.id })).ticket!.availableActions).not.toContain('assign');
    const received = await ticketIn(c, 'RECEIVED');
    expect((await c.cs.fail(AssignTicketDocument, { id: received.id, assigneeId: id.colleague })).extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('drops the assignee when customer service sends the ticket to another department', async () => {
    const t = await ticketIn(c, 'INVESTIGATING');
    await c.cs.run(AssignTicketDocument, { id: t.id, assigneeId: id.colleague });
    const moved = await c.cs.run(`mutation($id: ID!) { dispatchTicket(id: $id, input: { urgency: NORMAL, department: SECURITY }) { assignee { id } } }`, {
      id: t.id,
    });
    expect(moved).toEqual({ dispatchTicket: { assignee: null } });
    expect((await colleague.run(TicketsDocument, { filter: { assigneeId: id.colleague } })).tickets.edges.map((e) => e.node.id)).not.toContain(t.id);
  });
});
