// The board's HOT order: a stored, time-invariant rank read by index (issue 15, item 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommentOnProposalDocument,
  HideCommentDocument,
  MergeProposalDocument,
  ProposalsDocument,
  SubmitProposalDocument,
  SupportProposalDocument,
  WithdrawSupportDocument,
} from '@cocreate/schema';
import { hotRank } from '@cocreate/api/proposals/proposal.rules';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { countStatements, planNodes, type PlanNode } from '../support/sql-counter.js';

let app: TestApp;
let owner1: Client;
let community: string;
beforeAll(async () => {
  app = await startTestApp();
  owner1 = await app.signIn('owner1@lakeside.test');
  [{ id: community }] = await app.sql<{ id: string }>(`select community_id as id from person where email = 'owner1@lakeside.test'`);
});
afterAll(async () => {
  await app?.close();
});

async function submit(title: string) {
  return (await owner1.run(SubmitProposalDocument, { input: { title, body: '详细说明：这个提案的背景、做法和预期效果。', category: 'FACILITIES' } }))
    .submitProposal;
}

/** The plan of the statement the API sent for this HOT page (the statement itself and its parameters, captured, not a copy). */
async function hotPagePlan(first: number, after: string | null) {
  const { result, statements, sent } = await countStatements(() => owner1.run(ProposalsDocument, { first, after, orderBy: 'HOT' }));
  const page = sent.filter((s) => /^with page as/.test(s.text.trim()));
  expect(page).toHaveLength(1);
  const [row] = await app.sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) ${page[0]!.text}`, page[0]!.values);
  return { result, statements, plan: planNodes(row!['QUERY PLAN'][0].Plan) };
}

/** The proposals the board stands for: every one not merged away. */
async function boardTotal(): Promise<number> {
  const [row] = await app.sql<{ counted: number }>('select count(*)::int as counted from proposal p where p.community_id = $1 and p.merged_into_id is null', [
    community,
  ]);
  return row!.counted;
}

describe('HOT ranking', () => {
  it('ranks a new proposal with a few supports above an old one with a few more, and supports still order proposals of an age', async () => {
    const old = await submit('两周前的提案：更换路灯');
    const fresh = await submit('今天的提案：加装快递柜');
    const freshLess = await submit('今天的提案：增设长椅');
    await app.sql(`update proposal set created_at = created_at - interval '14 days' where id = $1`, [old.id]);
    const owners = await Promise.all([2, 3, 4, 6, 7, 8, 9, 10].map((n) => app.signIn(`owner${n}@lakeside.test`)));
    for (const o of owners) await o.run(SupportProposalDocument, { id: old.id });
    for (const o of owners.slice(0, 3)) await o.run(SupportProposalDocument, { id: fresh.id });
    for (const o of owners.slice(0, 1)) await o.run(SupportProposalDocument, { id: freshLess.id });
    const order = (await owner1.run(ProposalsDocument, { first: 100, orderBy: 'HOT' })).proposals.edges.map((e) => e.node.id);
    expect(order.indexOf(fresh.id)).toBeLessThan(order.indexOf(old.id));
    expect(order.indexOf(fresh.id)).toBeLessThan(order.indexOf(freshLess.id));
    const rows = await app.sql<{ hot_rank: number; support_count: number; comment_count: number; created_at: Date }>(
      'select hot_rank, support_count, comment_count, created_at from proposal where id = any($1)',
      [[old.id, fresh.id, freshLess.id]],
    );
    for (const r of rows) expect(r.hot_rank).toBeCloseTo(hotRank(r.support_count, r.comment_count, r.created_at), 9);
  });

  it('moves the rank with the count under the row lock: two supports at once both count, a withdrawal takes one back', async () => {
    const p = await submit('并发支持的提案');
    const [a, b] = await Promise.all([app.signIn('owner11@lakeside.test'), app.signIn('owner12@lakeside.test')]);
    const rank = async () =>
      (
        await app.sql<{ hot_rank: number; support_count: number; created_at: Date }>('select hot_rank, support_count, created_at from proposal where id = $1', [
          p.id,
        ])
      )[0]!;
    const before = await rank();
    await Promise.all([a.run(SupportProposalDocument, { id: p.id }), b.run(SupportProposalDocument, { id: p.id })]);
    const both = await rank();
    expect(both.support_count).toBe(2);
    expect(both.hot_rank).toBeGreaterThan(before.hot_rank);
    expect(both.hot_rank).toBeCloseTo(hotRank(2, 0, both.created_at), 9);
    await Promise.all([a.run(WithdrawSupportDocument, { id: p.id }), b.run(SupportProposalDocument, { id: p.id })]);
    const one = await rank();
    expect(one.support_count).toBe(1);
    expect(one.hot_rank).toBeCloseTo(hotRank(1, 0, one.created_at), 9);
    const [{ n }] = await app.sql<{ n: number }>('select count(*)::int as n from proposal_support where proposal_id = $1', [p.id]);
    expect(n).toBe(1);
  });

  it('moves the rank with every other change of the counts: merge, comment, hidden comment', async () => {
    const survivor = await submit('合并后保留的提案');
    const duplicate = await submit('被合并的重复提案');
    const [a, b, c] = await Promise.all([13, 14, 15].map((n) => app.signIn(`owner${n}@lakeside.test`)));
    await a.run(SupportProposalDocument, { id: survivor.id });
    await b.run(SupportProposalDocument, { id: duplicate.id });
    await c.run(SupportProposalDocument, { id: duplicate.id });
    const matches = async (counts: { support_count: number; comment_count: number }) => {
      const [r] = await app.sql<{ hot_rank: number; support_count: number; comment_count: number; created_at: Date }>(
        'select hot_rank, support_count, comment_count, created_at from proposal where id = $1',
        [survivor.id],
      );
      expect(r).toMatchObject(counts);
      expect(r!.hot_rank).toBeCloseTo(hotRank(r!.support_count, r!.comment_count, r!.created_at), 9);
    };
    const manager = await app.signIn('manager@lakeside.test');
    const beforeMerge = await boardTotal();
    await manager.run(MergeProposalDocument, { id: duplicate.id, intoId: survivor.id });
    await matches({ support_count: 3, comment_count: 0 });
    // A merge takes one proposal off the board, and the API's total says so.
    const afterMerge = await boardTotal();
    expect(afterMerge).toBe(beforeMerge - 1);
    expect((await owner1.run(ProposalsDocument, { first: 1 })).proposals.totalCount).toBe(afterMerge);
    const comment = (await a.run(CommentOnProposalDocument, { id: survivor.id, body: '同意合并' })).commentOnProposal;
    await matches({ support_count: 3, comment_count: 1 });
    await (await app.signIn('owner2@lakeside.test')).run(HideCommentDocument, { id: comment.id, reason: '测试隐藏' });
    await matches({ support_count: 3, comment_count: 0 });
  });

  it('refuses a cursor of the old format (reference time, score, id) as CURSOR_INVALID', async () => {
    const old = Buffer.from(JSON.stringify([new Date().toISOString(), 0.25, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const error = await owner1.fail(ProposalsDocument, { first: 5, after: old, orderBy: 'HOT' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', reason: 'CURSOR_INVALID' });
  });

  it('reads a page of a large board by the index, first + 1 rows, no scan or sort of the table', async () => {
    // A board the size of the bench's: 5,000 proposals with supports counted, ranks backfilled by the column.
    await app.sql(
      `insert into proposal (id, community_id, seq, title, body, category, status, author_id, by_staff, support_count, comment_count, created_at, updated_at, version)
       select gen_random_uuid(), $1, 10000 + g, '提案 ' || g, repeat('详细说明。', 20), 'SERVICE', 'OPEN',
              (select id from person where email = 'owner1@lakeside.test'), false, (g * 7919) % 300, g % 5,
              now() - (g || ' minutes')::interval, now(), 1
         from generate_series(1, 5000) g`,
      [community],
    );
    await app.sql('analyze proposal');
    const total = await boardTotal();
    expect(total).toBeGreaterThan(5000);
    const first = await hotPagePlan(20, null);
    const second = await hotPagePlan(20, first.result.proposals.pageInfo.endCursor);
    for (const { plan } of [first, second]) {
      // The page never scans the table. The total is still a count of the community's proposals (one
      // scan; a trigger-kept counter deadlocked concurrent submits and merges, see docs/performance.md).
      expect(plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'proposal').length).toBeLessThanOrEqual(1);
      const walk = plan.filter((n) => n['Index Name'] === 'proposal_board_hot');
      expect(walk).toHaveLength(1);
      expect(walk[0]!['Actual Rows']).toBeLessThanOrEqual(21);
      expect(walk[0]!['Rows Removed by Filter'] ?? 0).toBe(0);
      // At most a sort of the page's own rows, never of the table.
      for (const sort of plan.filter((n) => n['Node Type'].includes('Sort'))) expect(sort['Actual Rows']).toBeLessThanOrEqual(21);
    }
    // The cursor is a condition of the index walk itself, not a filter over rows read.
    expect(second.plan.find((n) => n['Index Name'] === 'proposal_board_hot')!['Index Cond']).toMatch(/hot_rank/);
    const ids = [first, second].flatMap((p) => p.result.proposals.edges.map((e) => e.node.id));
    expect(new Set(ids).size).toBe(40);
    // The pages are in rank order, across the cursor too.
    const ranks = await app.sql<{ id: string; hot_rank: number }>('select id, hot_rank from proposal where id = any($1)', [ids]);
    const byId = new Map(ranks.map((r) => [r.id, r.hot_rank]));
    const seen = ids.map((id) => byId.get(id)!);
    expect(seen).toEqual([...seen].sort((x, y) => y - x));
    // The session, viewer and settings in one statement; the page, its votes and the total in another.
    expect(first.statements).toHaveLength(2);
    expect(second.statements).toHaveLength(2);
    expect(first.result.proposals.totalCount).toBe(total);
  });
});
