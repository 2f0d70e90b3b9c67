import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdvanceProposalDocument,
  CommentOnProposalDocument,
  HideCommentDocument,
  MergeProposalDocument,
  ProposalDocument,
  ProposalsDocument,
  SubmitProposalDocument,
  SupportProposalDocument,
  WithdrawSupportDocument,
  type ProposalCategory,
  type ProposalsQuery,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { countStatements } from '../support/sql-counter.js';

let app: TestApp;
let owner1: Client;
let manager: Client;
beforeAll(async () => {
  app = await startTestApp();
  [owner1, manager] = await Promise.all([app.signIn('owner1@lakeside.test'), app.signIn('manager@lakeside.test')]);
});
afterAll(async () => {
  await app?.close();
});

async function submit(by: Client, title: string, category: ProposalCategory = 'FACILITIES', body = '详细说明：这个提案的背景、做法和预期效果。') {
  return (await by.run(SubmitProposalDocument, { input: { title, body, category } })).submitProposal;
}

describe('proposals', () => {
  it('tells each viewer what they may do now, and what it offers goes through', async () => {
    const ACTIONS = `query($id: ID!) { proposal(id: $id) { status viewerHasSupported availableActions advanceTargets advanceTargetsNeedingReason supportsOpen } }`;
    type Actions = {
      proposal: { status: string; availableActions: string[]; advanceTargets: string[]; advanceTargetsNeedingReason: string[]; supportsOpen: boolean };
    };
    const read = async (by: Client, id: string) => (await by.run<Actions, { id: string }>(ACTIONS, { id })).proposal;
    const p = await submit(owner1, '楼道加装扶手');
    const owner7 = await app.signIn('owner7@lakeside.test');
    const resident = await app.signIn('family1@lakeside.test');
    expect(await read(owner7, p.id)).toEqual({
      status: 'OPEN',
      viewerHasSupported: false,
      availableActions: ['supportProposal', 'commentOnProposal'],
      advanceTargets: [],
      advanceTargetsNeedingReason: [],
      supportsOpen: true,
    });
    await owner7.run(SupportProposalDocument, { id: p.id });
    expect((await read(owner7, p.id)).availableActions).toEqual(['withdrawSupport', 'commentOnProposal']);
    // A resident may not support, and reads that supports are open (to owners).
    expect(await read(resident, p.id)).toMatchObject({ availableActions: ['commentOnProposal'], supportsOpen: true });
    // The manager is staff and on the committee: no supports, every committee tool.
    expect(await read(manager, p.id)).toMatchObject({
      availableActions: ['commentOnProposal', 'advanceProposal', 'mergeProposal', 'hideComment', 'closeDecision'],
      advanceTargets: ['UNDER_REVIEW'],
      advanceTargetsNeedingReason: [],
    });
    await manager.run(AdvanceProposalDocument, { id: p.id, to: 'UNDER_REVIEW' });
    expect(await read(manager, p.id)).toMatchObject({
      availableActions: ['commentOnProposal', 'advanceProposal', 'mergeProposal', 'openDecision', 'hideComment', 'closeDecision'],
      advanceTargets: ['ACCEPTED', 'DECLINED'],
      advanceTargetsNeedingReason: ['DECLINED'],
    });
    // A decline without a reason is refused, as advanceTargetsNeedingReason says.
    expect((await manager.fail(AdvanceProposalDocument, { id: p.id, to: 'DECLINED' })).extensions).toMatchObject({ reason: 'REASON_REQUIRED' });
    await manager.run(AdvanceProposalDocument, { id: p.id, to: 'DECLINED', reason: '与现有改造计划重复' });
    expect(await read(manager, p.id)).toMatchObject({
      availableActions: ['commentOnProposal', 'mergeProposal', 'hideComment', 'closeDecision'],
      advanceTargets: [],
      supportsOpen: false,
    });
    expect(await read(owner7, p.id)).toMatchObject({ availableActions: ['commentOnProposal'], supportsOpen: false });
    expect((await owner7.fail(WithdrawSupportDocument, { id: p.id })).extensions).toMatchObject({ reason: 'SUPPORTS_CLOSED' });
  });

  it('shows whether the author is staff (innovation) or an owner (improvement)', async () => {
    const byOwner = await submit(owner1, '单元门口加装雨棚');
    const byStaff = (
      await manager.run(SubmitProposalDocument, {
        input: {
          title: '地库照明改用感应灯',
          body: '地库照明改为人来灯亮，预计每年节电三成。',
          category: 'EFFICIENCY',
          expectedBenefit: '每年节约电费约 2 万元',
          estimatedCost: 18000.5,
        },
      })
    ).submitProposal;
    expect(byOwner).toMatchObject({ status: 'OPEN', author: { displayName: '王丽', isStaff: false }, supportCount: 0, viewerHasSupported: false });
    expect(byOwner.number).toMatch(/^P-\d{4}$/);
    expect(byStaff).toMatchObject({ author: { isStaff: true }, estimatedCost: 18000.5, expectedBenefit: '每年节约电费约 2 万元' });
    expect(byStaff.history.map((h) => h.kind)).toEqual(['SUBMITTED']);
  });

  it('names the field of bad input', async () => {
    const short = await owner1.fail(SubmitProposalDocument, { input: { title: '短', body: '太短', category: 'SERVICE' } });
    expect(short.extensions?.code).toBe('BAD_USER_INPUT');
    expect(short.extensions?.fields).toEqual(expect.arrayContaining(['title', 'body']));
    const fen = await owner1.fail(SubmitProposalDocument, {
      input: { title: '价格测试提案', body: '预算精确到厘是不允许的。', category: 'SERVICE', estimatedCost: 1.234 },
    });
    expect(fen).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'estimatedCost' } });
  });

  it('counts supports exactly under concurrency, some owners twice, and sends the proposal to review at the threshold', async () => {
    const p = await submit(owner1, '小区增设电动车充电桩');
    const emails = Array.from({ length: 30 }, (_, i) => `owner${i + 11}@lakeside.test`);
    const owners = await Promise.all(emails.map((e) => app.signIn(e)));
    const attempts = owners.flatMap((o, i) => (i % 2 === 0 ? [o, o] : [o])).map((o) => o.raw(SupportProposalDocument, { id: p.id }));
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.body.errors).map((r) => r.body.errors)).toEqual([]);
    const after = (await owner1.run(ProposalDocument, { id: p.id })).proposal!;
    expect(after.supportCount).toBe(30);
    const [{ n }] = await app.sql<{ n: number }>('select count(*)::int as n from proposal_support where proposal_id = $1', [p.id]);
    expect(n).toBe(30);
    expect(after.status).toBe('UNDER_REVIEW');
    expect(after.history.filter((h) => h.kind === 'THRESHOLD_REACHED')).toHaveLength(1);
    expect(after.history.find((h) => h.kind === 'THRESHOLD_REACHED')).toMatchObject({ fromStatus: 'OPEN', toStatus: 'UNDER_REVIEW', actorName: null });

    // Withdrawing, twice at once, removes one support.
    await Promise.all([owners[0]!.raw(WithdrawSupportDocument, { id: p.id }), owners[0]!.raw(WithdrawSupportDocument, { id: p.id })]);
    const withdrawn = (await owners[0]!.run(ProposalDocument, { id: p.id })).proposal!;
    expect(withdrawn).toMatchObject({ supportCount: 29, viewerHasSupported: false });
  });

  it('stores a common support in one statement outside a transaction, so the row lock lasts one statement', async () => {
    const p = await submit(owner1, '单元门口增设快递架');
    const owner9 = await app.signIn('owner9@lakeside.test');
    const { result, statements } = await countStatements(() => owner9.run(SupportProposalDocument, { id: p.id }));
    expect(result.supportProposal).toMatchObject({ supportCount: 1, viewerHasSupported: true });
    // The viewer with the session, the support, the proposal as answered: no transaction around them.
    expect(statements).toHaveLength(3);
    expect(statements.filter((s) => /^\s*(begin|commit|start transaction|savepoint)/i.test(s))).toEqual([]);
    expect(statements[1]).toMatch(/for update[\s\S]*insert into proposal_support[\s\S]*update proposal[\s\S]*pg_notify/);
    // Supported again: nothing changes, and the answer says so.
    const again = await owner9.run(SupportProposalDocument, { id: p.id });
    expect(again.supportProposal).toMatchObject({ supportCount: 1, viewerHasSupported: true });
  });

  it('counts comments exactly when many arrive at once', async () => {
    const p = await submit(owner1, '小区门口增设非机动车停放区');
    const commenters = await Promise.all(['owner31', 'owner32', 'owner33', 'owner34', 'owner35'].map((o) => app.signIn(`${o}@lakeside.test`)));
    const results = await Promise.all(
      commenters.flatMap((c, i) => [1, 2, 3].map((n) => c.raw(CommentOnProposalDocument, { id: p.id, body: `意见 ${i}-${n}` }))),
    );
    expect(results.filter((r) => r.body.errors)).toEqual([]);
    const after = (await owner1.run(ProposalDocument, { id: p.id, commentsFirst: 50 })).proposal!;
    expect(after.commentCount).toBe(15);
    expect(after.comments.totalCount).toBe(15);
  });

  it('lets only owners support', async () => {
    const p = await submit(owner1, '垃圾分类宣传栏');
    expect((await manager.fail(SupportProposalDocument, { id: p.id })).extensions?.code).toBe('FORBIDDEN');
    const supported = (await owner1.run(SupportProposalDocument, { id: p.id })).supportProposal;
    expect(supported).toMatchObject({ supportCount: 1, viewerHasSupported: true });
  });

  it('moves on only by committee or admin, with a public reason to decline, and never to REWARDED by hand', async () => {
    const p = await submit(owner1, '游泳池延长开放时间');
    expect((await owner1.fail(AdvanceProposalDocument, { id: p.id, to: 'UNDER_REVIEW' })).extensions?.code).toBe('FORBIDDEN');
    await manager.run(AdvanceProposalDocument, { id: p.id, to: 'UNDER_REVIEW' });
    expect(await manager.fail(AdvanceProposalDocument, { id: p.id, to: 'DECLINED' })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'reason' },
    });
    expect((await manager.fail(AdvanceProposalDocument, { id: p.id, to: 'IMPLEMENTED' })).extensions?.code).toBe('INVALID_TRANSITION');
    const declined = (await manager.run(AdvanceProposalDocument, { id: p.id, to: 'DECLINED', reason: '救生员配置不足，暂不具备条件' })).advanceProposal;
    expect(declined).toMatchObject({ status: 'DECLINED', statusReason: '救生员配置不足，暂不具备条件' });
    expect(declined.history.at(-1)).toMatchObject({ kind: 'STATUS_CHANGED', fromStatus: 'UNDER_REVIEW', toStatus: 'DECLINED', actorName: '物业经理 陈明' });
    expect((await manager.fail(AdvanceProposalDocument, { id: p.id, to: 'REWARDED' })).extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('merges a duplicate: supports combine without counting anyone twice, and the duplicate points to the survivor', async () => {
    const survivor = await submit(owner1, '增加儿童游乐设施');
    const duplicate = await submit(await app.signIn('owner6@lakeside.test'), '小区需要儿童滑梯');
    const [a, b, c] = await Promise.all(['owner40', 'owner41', 'owner42'].map((o) => app.signIn(`${o}@lakeside.test`)));
    await a!.run(SupportProposalDocument, { id: duplicate.id });
    await b!.run(SupportProposalDocument, { id: duplicate.id });
    await b!.run(SupportProposalDocument, { id: survivor.id });
    await c!.run(SupportProposalDocument, { id: survivor.id });
    expect((await owner1.fail(MergeProposalDocument, { id: duplicate.id, intoId: survivor.id })).extensions?.code).toBe('FORBIDDEN');
    const merged = (await manager.run(MergeProposalDocument, { id: duplicate.id, intoId: survivor.id })).mergeProposal;
    expect(merged).toMatchObject({ id: survivor.id, supportCount: 3 });
    expect(merged.history.at(-1)).toMatchObject({ kind: 'MERGED_IN', otherProposalId: duplicate.id });
    const dup = (await owner1.run(ProposalDocument, { id: duplicate.id })).proposal!;
    expect(dup.mergedInto).toMatchObject({ id: survivor.id, number: survivor.number });
    expect((await a!.fail(SupportProposalDocument, { id: duplicate.id })).extensions?.code).toBe('INVALID_TRANSITION');
    const board = (await owner1.run(ProposalsDocument, { first: 100, orderBy: 'NEW' })).proposals;
    expect(board.edges.map((e) => e.node.id)).not.toContain(duplicate.id);
    expect((await manager.fail(MergeProposalDocument, { id: duplicate.id, intoId: survivor.id })).extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('hides an abusive comment with a reason: gone for everyone but admins, never deleted', async () => {
    const p = await submit(owner1, '公共区域禁止吸烟');
    const owner3 = await app.signIn('owner3@lakeside.test');
    await owner3.run(CommentOnProposalDocument, { id: p.id, body: '非常支持！' });
    const rude = (await owner3.run(CommentOnProposalDocument, { id: p.id, body: '提这个的人脑子有问题' })).commentOnProposal;
    expect((await owner1.run(ProposalDocument, { id: p.id })).proposal!.commentCount).toBe(2);
    expect((await owner1.fail(HideCommentDocument, { id: rude.id, reason: '人身攻击' })).extensions?.code).toBe('FORBIDDEN');
    const owner2 = await app.signIn('owner2@lakeside.test'); // committee member
    const hidden = (await owner2.run(HideCommentDocument, { id: rude.id, reason: '人身攻击' })).hideComment;
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: '人身攻击' });
    const seen = (await owner1.run(ProposalDocument, { id: p.id })).proposal!;
    expect(seen.commentCount).toBe(1);
    expect(seen.comments.edges.map((e) => e.node.body)).toEqual(['非常支持！']);
    expect(seen.history.at(-1)).toMatchObject({ kind: 'COMMENT_HIDDEN', reason: '人身攻击' });
    const admin = await app.signIn('admin@lakeside.test');
    const adminView = (await admin.run(ProposalDocument, { id: p.id })).proposal!;
    expect(adminView.comments.edges.map((e) => [e.node.body, e.node.hidden])).toEqual([
      ['非常支持！', false],
      ['提这个的人脑子有问题', true],
    ]);
    const [row] = await app.sql<{ body: string }>('select body from proposal_comment where id = $1', [rude.id]);
    expect(row!.body).toBe('提这个的人脑子有问题');
  });
});

describe('the board', () => {
  it('searches Chinese and English text, every word must match', async () => {
    await submit(owner1, '电梯轿厢加装扶手', 'SAFETY', '老人乘坐电梯时需要扶手，建议每部电梯加装不锈钢扶手。');
    await submit(owner1, 'Install EV chargers in B2', 'FACILITIES', 'Several owners drive electric cars; the B2 garage has spare power.');
    const zh = (await owner1.run(ProposalsDocument, { filter: { search: '电梯 扶手' }, orderBy: 'NEW' })).proposals;
    expect(zh.edges.map((e) => e.node.title)).toEqual(['电梯轿厢加装扶手']);
    const en = (await owner1.run(ProposalsDocument, { filter: { search: 'ev CHARGERS' } })).proposals;
    expect(en.edges.map((e) => e.node.title)).toEqual(['Install EV chargers in B2']);
    const none = (await owner1.run(ProposalsDocument, { filter: { search: '100%_' } })).proposals;
    expect(none.totalCount).toBe(0);
    const safety = (await owner1.run(ProposalsDocument, { filter: { category: 'SAFETY', search: '扶手' } })).proposals;
    expect(safety.totalCount).toBe(1);
    const number = safety.edges[0]!.node.number;
    const byNumber = (await owner1.run(ProposalsDocument, { filter: { search: number.toLowerCase().replace('-', '') } })).proposals;
    expect(byNumber.edges.map((e) => e.node.number)).toEqual([number]);
  });

  it('sorts NEW, TOP and HOT, pages without gaps, and runs the same statements for 5 and 50 cards', async () => {
    for (let i = 0; i < 55; i++) await submit(owner1, `批量提案 ${i}`, 'COMMUNITY');
    const small = await countStatements(() => owner1.run(ProposalsDocument, { first: 5 }));
    const large = await countStatements(() => owner1.run(ProposalsDocument, { first: 50 }));
    expect(large.result.proposals.edges).toHaveLength(50);
    expect(large.statements.length).toBe(small.statements.length);
    expect(small.statements.length).toBeGreaterThanOrEqual(2);

    for (const orderBy of ['NEW', 'TOP', 'HOT'] as const) {
      const ids: string[] = [];
      let after: string | null = null;
      let total: number;
      let pages = 0;
      do {
        if (++pages > 20) throw new Error(`${orderBy}: paging does not end`);
        const { proposals }: ProposalsQuery = await owner1.run(ProposalsDocument, { first: 17, after, orderBy });
        total = proposals.totalCount;
        ids.push(...proposals.edges.map((e) => e.node.id));
        after = proposals.pageInfo.hasNextPage ? proposals.pageInfo.endCursor : null;
      } while (after);
      expect(new Set(ids).size, orderBy).toBe(total);
      expect(ids.length, orderBy).toBe(total);
    }
    const top = (await owner1.run(ProposalsDocument, { first: 100, orderBy: 'TOP' })).proposals.edges.map((e) => e.node.supportCount);
    expect(top).toEqual([...top].sort((a, b) => b - a));
    const hot = (await owner1.run(ProposalsDocument, { first: 3, orderBy: 'HOT' })).proposals.edges[0]!.node;
    expect(hot.supportCount).toBeGreaterThan(0);
  });
});
