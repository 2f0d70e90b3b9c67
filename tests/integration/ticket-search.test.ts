import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchTicketDocument, OpenTicketDocument, TicketsDocument, type TicketSummaryFragment, type TicketsQuery } from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { cast, type Cast } from '../support/tickets.js';
import { countStatements } from '../support/sql-counter.js';

// Search (#12): by number, unit, owner name or phone, Chinese text; name and phone only where the
// viewer may see them; the plan uses the trigram index.

let app: TestApp;
let c: Cast;
let security: Client;
let otherOwner: Client;
let owner: { id: string; name: string; phone: string; unit: string };
const opened: TicketSummaryFragment[] = [];

const search = (client: Client, text: string, extra: Record<string, unknown> = {}, first = 100) =>
  client.run(TicketsDocument, { filter: { search: text, ...extra }, first }).then((r) => r.tickets);

beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app, 'owner40@lakeside.test');
  [security, otherOwner] = await Promise.all([app.signIn('security@lakeside.test'), app.signIn('owner41@lakeside.test')]);
  const [row] = await app.sql<{ id: string; name: string; phone: string; unit: string }>(
    `select p.id, p.display_name as name, p.phone, u.label as unit from person p join ownership o on o.person_id = p.id join unit u on u.id = o.unit_id
      where p.email = 'owner40@lakeside.test' and u.id = $1`,
    [c.unitId],
  );
  owner = row!;
  const stories: [string, string, 'MAINTENANCE' | 'SECURITY' | null][] = [
    ['厨房水龙头漏水', '水龙头一直滴水，关不紧。', 'MAINTENANCE'],
    ['单元门禁失灵', '刷卡没有反应，晚上进不了门。', 'SECURITY'],
    ['楼道灯不亮 💡', '三楼楼道的灯坏了两天。', null],
    ['费用 100% 重复收取', '物业费_重复_扣款。', null],
  ];
  for (const [title, description, department] of stories) {
    let t = (await c.owner.run(OpenTicketDocument, { input: { kind: 'REPAIR', title, description, unitId: c.unitId } })).openTicket;
    if (department) t = (await c.cs.run(DispatchTicketDocument, { id: t.id, input: { urgency: 'NORMAL', department } })).dispatchTicket;
    opened.push(t);
    app.clock.advance(60_000);
  }
});
afterAll(async () => {
  await app?.close();
});

const ids = (page: { edges: { node: { id: string } }[] }) => page.edges.map((e) => e.node.id);

describe('ticket search', () => {
  it('finds a ticket by its number, with or without the T- and the zeros', async () => {
    const target = opened[1]!;
    const seq = Number(target.number.slice(2));
    for (const text of [target.number, target.number.toLowerCase(), `T${seq}`]) {
      expect(ids(await search(c.cs, text)), text).toEqual([target.id]);
    }
    // Bare digits may also be part of a phone: the numbered ticket is among the answers.
    expect(ids(await search(c.cs, String(seq)))).toContain(target.id);
  });

  it('finds by unit label and by the owner’s name, exactly the tickets that match', async () => {
    const [{ n: unitTickets }] = await app.sql<{ n: number }>(`select count(*)::int as n from ticket where unit_id = $1`, [c.unitId]);
    const byUnit = await search(c.cs, owner.unit);
    expect(byUnit.totalCount).toBe(unitTickets);
    expect(byUnit.edges.every((e) => e.node.unit?.label.includes(owner.unit))).toBe(true);
    const byName = await search(c.cs, owner.name);
    expect(byName.totalCount).toBeGreaterThanOrEqual(opened.length);
    expect(byName.edges.every((e) => e.node.ownerName === owner.name)).toBe(true);
  });

  it('finds by the owner’s phone, whole or its last four digits, for those who may see it', async () => {
    for (const text of [owner.phone, owner.phone.slice(-4)]) {
      expect(ids(await search(c.cs, text)), text).toEqual(expect.arrayContaining(opened.map((t) => t.id)));
    }
    // The maintenance department sees the phone on its own tickets, and finds only those by it.
    const maint = await search(c.maint, owner.phone);
    expect(ids(maint)).toEqual([opened[0]!.id]);
  });

  it('does not let a masked phone or name be confirmed by searching for it', async () => {
    // Security sees the maintenance ticket (masked) and finds it by its unit or text, but never by the owner's phone or name.
    const visible = await search(security, '水龙头');
    expect(visible.edges.map((e) => [e.node.id, e.node.personalDataMasked, e.node.contactPhone])).toEqual([
      [opened[0]!.id, true, `${owner.phone.slice(0, 3)}****${owner.phone.slice(-4)}`],
    ]);
    expect(ids(await search(security, owner.phone))).toEqual([opened[1]!.id]);
    expect(ids(await search(security, owner.name))).toEqual([opened[1]!.id]);
    expect(ids(await search(security, `${owner.phone} 水龙头`))).toEqual([]);
    // Another owner finds nothing of this owner's, by any key.
    for (const text of [owner.phone, owner.name, owner.unit, opened[0]!.number, '水龙头']) {
      expect(
        (await search(otherOwner, text)).edges.filter((e) => opened.some((t) => t.id === e.node.id)),
        text,
      ).toEqual([]);
    }
  });

  it('finds Chinese text of two and of three characters, every word required, with the other filters', async () => {
    expect(ids(await search(c.cs, '水龙头'))).toEqual([opened[0]!.id]);
    const twoCharacters = ids(await search(c.cs, '滴水'));
    expect(twoCharacters).toContain(opened[0]!.id);
    expect(twoCharacters).not.toContain(opened[1]!.id);
    expect(ids(await search(c.cs, '门禁 晚上'))).toEqual([opened[1]!.id]);
    expect(ids(await search(c.cs, '门禁 水龙头'))).toEqual([]);
    expect(ids(await search(c.cs, '水龙头', { department: 'SECURITY' }))).toEqual([]);
    expect(ids(await search(c.cs, '楼道', { open: true, status: 'RECEIVED' }))).toContain(opened[2]!.id);
  });

  it('treats hostile input as text: NUL refused, emoji and LIKE wildcards literal, overlong refused, cursors checked', async () => {
    expect(await c.cs.fail(TicketsDocument, { filter: { search: 'a\u0000b' } })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await c.cs.fail(TicketsDocument, { filter: { search: '漏'.repeat(10_000) } })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(ids(await search(c.cs, '💡'))).toEqual([opened[2]!.id]);
    expect(ids(await search(c.cs, '100%'))).toEqual([opened[3]!.id]);
    expect(ids(await search(c.cs, '费_重复_扣'))).toEqual([opened[3]!.id]);
    expect((await search(c.cs, '%')).edges.every((e) => e.node.id === opened[3]!.id)).toBe(true);
    expect((await search(c.cs, '\\')).totalCount).toBe(0);
    expect((await search(c.cs, "'; drop table ticket; --")).totalCount).toBe(0);
    expect((await search(c.cs, '   ')).totalCount).toBe((await c.cs.run(TicketsDocument, {})).tickets.totalCount);
    for (const after of ['garbage', Buffer.from('["x","y"]').toString('base64url'), Buffer.from('[null]').toString('base64url'), '💡'.repeat(500)]) {
      expect(await c.cs.fail(TicketsDocument, { filter: { search: '水' }, after }), after).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      });
    }
  });

  it('pages through search results without gaps or repeats, in the same number of statements for 2 and 50', async () => {
    const all = ids(await search(c.cs, owner.name));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { tickets }: TicketsQuery = await c.cs.run(TicketsDocument, { filter: { search: owner.name }, first: 2, after });
      seen.push(...ids(tickets));
      after = tickets.pageInfo.hasNextPage ? tickets.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);
    const small = await countStatements(() => c.cs.run(TicketsDocument, { filter: { search: '水', open: true }, first: 2 }));
    const large = await countStatements(() => c.cs.run(TicketsDocument, { filter: { search: '水', open: true }, first: 50 }));
    expect(large.statements.length).toBe(small.statements.length);
    expect(small.statements.length).toBeLessThanOrEqual(4);
  });

  // Last: it fills this file's database with 20,000 tickets.
  it('is served by the trigram index on a community with many tickets (EXPLAIN), and the board’s search too', async () => {
    await app.sql(
      `
      insert into ticket (id, community_id, seq, kind, status, title, description, unit_id, owner_id, created_by_id, contact_phone, urgency,
                          created_at, updated_at, missed)
      select gen_random_uuid(), t.community_id, 100000 + g, 'REPAIR', 'CLOSED', '报修 ' || md5(g::text), '描述 ' || md5((g * 7)::text),
             t.unit_id, t.owner_id, t.owner_id, '139' || lpad(g::text, 8, '0'), 'NORMAL', now() - g * interval '1 minute', now(), '{}'
        from (select * from ticket where id = $1) t, generate_series(1, 20000) g`,
      [opened[0]!.id],
    );
    // Every column but the generated ones (the board's hot_rank follows the counts by itself).
    const [{ columns }] = await app.sql<{ columns: string }>(
      `select string_agg(quote_ident(column_name), ', ' order by ordinal_position) as columns
         from information_schema.columns where table_name = 'proposal' and is_generated = 'NEVER'`,
    );
    await app.sql(`
      insert into proposal (${columns})
      select ${columns} from (
        select (jsonb_populate_record(null::proposal, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'seq', 100000 + g,
                'title', '提案 ' || md5(g::text), 'body', '内容 ' || md5((g * 3)::text)))).*
          from proposal p, generate_series(1, 5000) g where p.id = (select id from proposal order by seq limit 1)
      ) copy`);
    // As autovacuum would: rows inserted after the index was built wait in GIN's pending list until a vacuum.
    await app.sql('vacuum analyze ticket');
    await app.sql('vacuum analyze proposal');
    const plans: string[] = [];
    // Every generated ticket is this owner's, so search one generated contact phone (selective), not the owner's.
    for (const text of ['水龙头', '13900004321']) {
      const { sent } = await countStatements(() => c.cs.run(TicketsDocument, { filter: { search: text }, first: 20 }));
      const page = sent.find((s) => /^with page as materialized \(select t\.\* from ticket t/.test(s.text.trim()))!;
      const plan = (await app.sql<{ 'QUERY PLAN': string }>(`explain ${page.text}`, page.values)).map((r) => r['QUERY PLAN']).join('\n');
      plans.push(plan);
      expect(plan, plan).toMatch(/ticket_search_(text|personal)_trgm/);
      expect(plan).not.toMatch(/Seq Scan on ticket/);
    }
    expect(ids(await search(c.cs, '水龙头'))).toEqual([opened[0]!.id]);
    expect((await search(c.cs, '13900004321')).totalCount).toBe(1);
    const board = await countStatements(() => c.cs.run(`{ proposals(filter: { search: "ab12" }, first: 20) { totalCount } }`));
    const count = board.sent.find((s) => /count\(\*\)/.test(s.text) && /from proposal/.test(s.text))!;
    const boardPlan = (await app.sql<{ 'QUERY PLAN': string }>(`explain ${count.text}`, count.values)).map((r) => r['QUERY PLAN']).join('\n');
    expect(boardPlan, boardPlan).toMatch(/proposal_(title|body)_trgm/);
  }, 60_000);
});
