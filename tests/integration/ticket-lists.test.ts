import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenTicketDocument, TicketsDocument, DispatchTicketDocument, type TicketsQuery } from '@cocreate/schema';
import { startTestApp, type TestApp } from '../support/harness.js';
import { cast, type Cast } from '../support/tickets.js';
import { countStatements } from '../support/sql-counter.js';

let app: TestApp;
let c: Cast;
const opened: string[] = [];
let receivedBefore = 0;
let queueBefore = 0;
beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app, 'owner30@lakeside.test');
  receivedBefore = (await c.cs.run(TicketsDocument, { filter: { status: 'RECEIVED' } })).tickets.totalCount;
  queueBefore = (await c.maint.run(TicketsDocument, { filter: { mine: true } })).tickets.totalCount;
  for (let i = 0; i < 55; i++) {
    const { openTicket } = await c.owner.run(OpenTicketDocument, {
      input: { kind: 'REPAIR', title: `报修 ${i}`, description: '描述', unitId: c.unitId },
    });
    opened.push(openTicket.id);
    if (i % 2 === 0)
      await c.cs.run(DispatchTicketDocument, { id: openTicket.id, input: { urgency: i % 4 === 0 ? 'URGENT' : 'LOW', department: 'MAINTENANCE' } });
    app.clock.advance(60_000);
  }
});
afterAll(async () => {
  await app?.close();
});

describe('ticket lists', () => {
  it('run the same number of SQL statements for 5 and for 50 tickets', async () => {
    for (const [client, smallPage, largePage] of [
      [c.owner, { first: 5 }, { first: 50 }],
      [c.maint, { filter: { mine: true }, orderBy: 'DUE', first: 5 }, { filter: { mine: true }, orderBy: 'DUE', first: 50 }],
    ] as const) {
      const small = await countStatements(() => client.run(TicketsDocument, smallPage as never));
      const large = await countStatements(() => client.run(TicketsDocument, largePage as never));
      expect(small.result.tickets.edges.length).toBe(5);
      expect(large.result.tickets.edges.length).toBeGreaterThanOrEqual(28);
      expect(large.statements.length).toBe(small.statements.length);
      expect(small.statements.length).toBeGreaterThanOrEqual(2);
      expect(small.statements.length).toBeLessThanOrEqual(4);
    }
  });

  it('pages through the owner’s tickets newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const { tickets }: TicketsQuery = await c.owner.run(TicketsDocument, { first: 20, after });
      total = tickets.totalCount;
      seen.push(...tickets.edges.map((e) => e.node.id));
      after = tickets.pageInfo.hasNextPage ? tickets.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(55);
    expect(seen).toEqual([...opened].reverse());
  });

  it('orders the department queue by due time, soonest first, across pages', async () => {
    const dues: number[] = [];
    let after: string | null = null;
    do {
      const { tickets }: TicketsQuery = await c.maint.run(TicketsDocument, { filter: { mine: true }, orderBy: 'DUE', first: 7, after });
      dues.push(...tickets.edges.map((e) => (e.node.dueAt ? new Date(e.node.dueAt).getTime() : Infinity)));
      after = tickets.pageInfo.hasNextPage ? tickets.pageInfo.endCursor : null;
    } while (after);
    expect(dues).toHaveLength(queueBefore + 28);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('filters by status, kind and department, and caps pages at 100', async () => {
    const received = (await c.cs.run(TicketsDocument, { filter: { status: 'RECEIVED' }, first: 100 })).tickets;
    expect(received.totalCount).toBe(receivedBefore + 27);
    expect(received.edges.every((e) => e.node.status === 'RECEIVED')).toBe(true);
    const complaints = (await c.owner.run(TicketsDocument, { filter: { kind: 'COMPLAINT' } })).tickets;
    expect(complaints.totalCount).toBe(0);
    const repairs = (await c.owner.run(TicketsDocument, { filter: { kind: 'REPAIR', department: 'MAINTENANCE' }, first: 100 })).tickets;
    expect(repairs.totalCount).toBe(28);
    const tooMany = await c.cs.fail(TicketsDocument, { first: 101 });
    expect(tooMany).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    const badCursor = await c.cs.fail(TicketsDocument, { after: 'garbage' });
    expect(badCursor).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
  });
});
