// A department's queue by due time reads open work by index, whatever the history behind it (issue 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketsDocument } from '@cocreate/schema';
import { startTestApp, type TestApp } from '../support/harness.js';
import { cast, type Cast } from '../support/tickets.js';
import { countStatements, planNodes, type PlanNode } from '../support/sql-counter.js';

let app: TestApp;
let c: Cast;
beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app);
});
afterAll(async () => {
  await app?.close();
});

/** The plans of the statements the API sent for this page of the maintenance queue, with their own parameters. */
async function queuePlans(first: number, after: string | null) {
  const { result, statements, sent } = await countStatements(() => c.maint.run(TicketsDocument, { filter: { mine: true }, orderBy: 'DUE', first, after }));
  const explain = async (pattern: RegExp) => {
    const found = sent.filter((s) => pattern.test(s.text.trim()));
    expect(found).toHaveLength(1);
    const [row] = await app.sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) ${found[0]!.text}`, found[0]!.values);
    return planNodes(row!['QUERY PLAN'][0].Plan);
  };
  return {
    result,
    statements,
    page: await explain(/^with page as materialized \(select t\.\* from ticket t/),
    count: await explain(/^select count\(\*\)::int as n from ticket/),
  };
}

describe('the maintenance queue by due time', () => {
  it('walks the open-work index for first + 1 rows, never the department’s history, on the first and a later page', async () => {
    // Due times to the millisecond, as the API writes them (cursors carry milliseconds).
    // Years of history: 4,000 closed or resolved maintenance tickets (they keep their due times), 300 open ones.
    const [{ id: model }] = await app.sql<{ id: string }>(
      `select t.id from ticket t join person p on p.id = t.owner_id where p.email = 'owner1@lakeside.test' order by t.created_at limit 1`,
    );
    const clone = (count: number, status: string, offset: number) =>
      app.sql(
        `insert into ticket
       select (jsonb_populate_record(null::ticket, to_jsonb(t) || jsonb_build_object(
                 'id', gen_random_uuid(), 'seq', $3::int + g, 'status', $2::text, 'department', 'MAINTENANCE',
                 'due_at', date_trunc('milliseconds', now()) - interval '400 days' + (g || ' hours')::interval, 'title', '队列 ' || g))).*
         from ticket t, generate_series(1, $1::int) g where t.id = $4`,
        [count, status, offset, model],
      );
    await clone(2000, 'CLOSED', 200000);
    await clone(2000, 'RESOLVED', 210000);
    await clone(300, 'IN_PROGRESS', 220000);
    await app.sql('analyze ticket');

    const first = await queuePlans(20, null);
    const second = await queuePlans(20, first.result.tickets.pageInfo.endCursor);
    for (const { page } of [first, second]) {
      expect(page.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'ticket')).toEqual([]);
      const walk = page.filter((n) => n['Index Name'] === 'ticket_department_queue');
      expect(walk).toHaveLength(1);
      // The page's rows and the one that says there is more, not the history before them.
      expect(walk[0]!['Actual Rows']).toBeLessThanOrEqual(21);
      for (const sort of page.filter((n) => n['Node Type'].includes('Sort'))) expect(sort['Actual Rows']).toBeLessThanOrEqual(21);
    }
    // The total counts open work only, from the same index (no heap, no closed tickets).
    expect(first.count.some((n) => n['Index Name'] === 'ticket_department_queue')).toBe(true);
    expect(first.count.filter((n) => n['Relation Name'] === 'ticket' && n['Node Type'] === 'Seq Scan')).toEqual([]);

    const tickets = [first, second].flatMap((p) => p.result.tickets.edges.map((e) => e.node));
    expect(new Set(tickets.map((t) => t.id)).size).toBe(40);
    const due = tickets.map((t) => new Date(t.dueAt!).getTime());
    expect(due).toEqual([...due].sort((x, y) => x - y));
    expect(tickets.every((t) => t.status !== 'CLOSED' && t.status !== 'RESOLVED')).toBe(true);
    expect(first.result.tickets.totalCount).toBeGreaterThanOrEqual(300);
    // The session; the page; the total.
    expect(first.statements).toHaveLength(3);
    expect(second.statements).toHaveLength(3);
  }, 120_000);

  it('reads an owner’s own tickets by the owner key, not the community’s (thousands of them here)', async () => {
    // Runs after the test above, which gave the community thousands of tickets (all owner1's).
    const owner2 = await app.signIn('owner2@lakeside.test');
    const { sent, result } = await countStatements(() => owner2.run(TicketsDocument, { first: 20 }));
    for (const pattern of [/^with page as materialized \(select t\.\* from ticket t/, /^select count\(\*\)::int as n from ticket/]) {
      const found = sent.filter((s) => pattern.test(s.text.trim()));
      expect(found).toHaveLength(1);
      const [row] = await app.sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) ${found[0]!.text}`, found[0]!.values);
      const nodes = planNodes(row!['QUERY PLAN'][0].Plan);
      expect(nodes.some((n) => n['Index Name'] === 'ticket_community_id_owner_id_created_at_index')).toBe(true);
      expect(
        nodes.filter((n) => n['Relation Name'] === 'ticket' && (n['Node Type'].includes('Seq Scan') || n['Node Type'].includes('Bitmap Heap Scan'))),
      ).toEqual([]);
      for (const n of nodes) expect(n['Rows Removed by Filter'] ?? 0).toBeLessThan(100);
    }
    const [{ n }] = await app.sql<{ n: number }>(
      `select count(*)::int as n from ticket t join person p on p.id = t.owner_id where p.email = 'owner2@lakeside.test'`,
    );
    expect(result.tickets.totalCount).toBe(n);
  }, 60_000);
});
