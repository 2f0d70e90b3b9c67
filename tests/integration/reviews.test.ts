import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdvanceProposalDocument,
  AnswerObjectionDocument,
  AuditLogDocument,
  DeclareConflictDocument,
  FinalizeReviewDocument,
  MyRewardsDocument,
  OpenReviewDocument,
  ProposalDocument,
  PublishOutcomeDocument,
  RaiseObjectionDocument,
  ReviewDocument,
  RewardOutcomesDocument,
  SubmitProposalDocument,
  SubmitScoresDocument,
  UpdateCommunitySettingsDocument,
  VerifyAuditLogDocument,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';

let app: TestApp;
let manager: Client;
let owner1: Client;
let committee: Record<'owner2' | 'owner3' | 'owner4' | 'owner5' | 'manager', Client>;
beforeAll(async () => {
  app = await startTestApp();
  [manager, owner1] = await Promise.all([app.signIn('manager@lakeside.test'), app.signIn('owner1@lakeside.test')]);
  const [owner2, owner3, owner4, owner5] = await Promise.all(['owner2', 'owner3', 'owner4', 'owner5'].map((o) => app.signIn(`${o}@lakeside.test`)));
  committee = { owner2: owner2!, owner3: owner3!, owner4: owner4!, owner5: owner5!, manager };
});
afterAll(async () => {
  await app?.close();
});

const HOUR = 3600_000;
const sheet = (innovation: number, feasibility: number, benefit: number, reach: number) => [
  { criterionId: 'innovation', score: innovation },
  { criterionId: 'feasibility', score: feasibility },
  { criterionId: 'benefit', score: benefit },
  { criterionId: 'reach', score: reach },
];

async function implemented(author: Client, title: string) {
  const p = (await author.run(SubmitProposalDocument, { input: { title, body: '具体做法与预期效果的详细说明。', category: 'SERVICE' } })).submitProposal;
  for (const to of ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'IMPLEMENTED'] as const) await manager.run(AdvanceProposalDocument, { id: p.id, to });
  return p;
}

describe('a full review, in the open', () => {
  it('recuses, scores blind, aggregates exactly, takes an objection, publishes, credits the ledger and audits it all', async () => {
    const p = await implemented(owner1, '快递代收点延长服务时间');
    let review = (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
    expect(review).toMatchObject({ status: 'SCORING', round: 1, recipientName: '王丽', minReviewers: 3, finalScore: null, tier: null });
    expect(review.rubric.criteria.map((c) => [c.id, c.weight])).toEqual([
      ['innovation', 0.3],
      ['feasibility', 0.2],
      ['benefit', 0.3],
      ['reach', 0.2],
    ]);
    expect(review.eligibleReviewers).toHaveLength(5);
    expect((await owner1.fail(OpenReviewDocument, { proposalId: p.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await manager.fail(OpenReviewDocument, { proposalId: p.id })).extensions?.code).toBe('CONFLICT');

    review = (await committee.owner3.run(DeclareConflictDocument, { reviewId: review.id, reason: '提案人是我的亲戚' })).declareConflict;
    expect(review.eligibleReviewers).toHaveLength(4);
    expect(review.recusals).toEqual([{ reviewerName: expect.any(String), reason: '提案人是我的亲戚', automatic: false }]);
    expect((await committee.owner3.fail(SubmitScoresDocument, { reviewId: review.id, scores: sheet(5, 5, 5, 5) })).extensions?.code).toBe('FORBIDDEN');

    // Blind: owner2 sees only their own sheet; the public sees nothing yet.
    const own = (await committee.owner2.run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(8, 7, 9, 8), comment: '思路清晰' })).submitScores;
    expect(own.scoresRevealed).toBe(false);
    expect(new Set(own.scores.map((s) => s.reviewerName)).size).toBe(1);
    expect((await committee.owner4.run(ReviewDocument, { id: review.id })).review!.scores).toEqual([]);
    expect((await owner1.run(ReviewDocument, { id: review.id })).review!.scores).toEqual([]);
    expect((await manager.fail(FinalizeReviewDocument, { reviewId: review.id })).extensions?.code).toBe('INVALID_TRANSITION');
    const bad = await committee.owner4.fail(SubmitScoresDocument, { reviewId: review.id, scores: sheet(9, 8, 9, 9).slice(0, 3) });
    expect(bad).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'scores' } });
    expect(bad.message).toMatch(/reach/);

    await committee.owner4.run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(9, 8, 9, 9) });
    await committee.owner5.run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(7, 7, 8, 7) });
    // Revised before finalising: only the latest sheet counts.
    await manager.run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(1, 1, 1, 1) });
    const revealed = (await manager.run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(8, 9, 8, 8) })).submitScores;
    expect(revealed.scoresRevealed).toBe(true);
    expect(revealed.scores).toHaveLength(16);

    // (8.1 + 8.8 + 7.3 + 8.2) / 4 = 8.10 → 二等奖
    const noticed = (await manager.run(FinalizeReviewDocument, { reviewId: review.id })).finalizeReview;
    expect(noticed).toMatchObject({ status: 'NOTICE', finalScore: 8.1, tier: { name: '二等奖', points: 600 } });
    expect(new Date(noticed.noticeEndsAt!).getTime() - new Date(noticed.finalizedAt!).getTime()).toBe(168 * HOUR);
    expect(noticed.reviewerResults.map((r) => r.weightedScore).sort()).toEqual([7.3, 8.1, 8.2, 8.8]);

    // Public notice: every outcome with the full breakdown, visible to an owner who is not on the committee.
    const owner9 = await app.signIn('owner9@lakeside.test');
    const outcomes = (await owner9.run(RewardOutcomesDocument, {})).rewardOutcomes;
    const published = outcomes.edges.find((e) => e.node.id === review.id)!.node;
    expect(published.scores).toHaveLength(16);
    expect(published.recusals).toHaveLength(1);
    expect(published.eligibleReviewers).toHaveLength(4);

    const objection = (await owner9.run(RaiseObjectionDocument, { reviewId: review.id, body: '这个提案和去年的一个重复了，是否应该降级？' })).raiseObjection;
    expect((await manager.fail(PublishOutcomeDocument, { reviewId: review.id })).extensions?.code).toBe('INVALID_TRANSITION');
    const answered = (
      await manager.run(AnswerObjectionDocument, {
        objectionId: objection.id,
        answer: '经核查，去年的提案未实施，本提案为首次实施，维持原结果。',
        upheld: false,
      })
    ).answerObjection;
    expect(answered).toMatchObject({ upheld: false, answeredByName: '物业经理 陈明' });
    expect((await manager.fail(AnswerObjectionDocument, { objectionId: objection.id, answer: '改一下', upheld: true })).extensions?.code).toBe(
      'INVALID_TRANSITION',
    );
    const early = await manager.fail(PublishOutcomeDocument, { reviewId: review.id });
    expect(early.message).toMatch(/notice period runs until/);
    expect(early.extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'NOTICE_RUNNING', until: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    app.clock.advance(168 * HOUR);
    expect((await owner9.fail(RaiseObjectionDocument, { reviewId: review.id, body: '太晚的异议也想提' })).extensions?.code).toBe('INVALID_TRANSITION');
    const final = (await manager.run(PublishOutcomeDocument, { reviewId: review.id })).publishOutcome;
    expect(final).toMatchObject({ status: 'FINAL', tier: { name: '二等奖', points: 600 } });
    const rewards = (await owner1.run(MyRewardsDocument)).myRewards;
    expect(rewards).toEqual([expect.objectContaining({ points: 600, review: { id: review.id } })]);
    expect(rewards[0]!.reason).toContain('二等奖');
    expect((await owner1.run(ProposalDocument, { id: p.id })).proposal!.status).toBe('REWARDED');
    expect((await owner9.run(MyRewardsDocument)).myRewards).toEqual([]);

    const log = (await owner9.run(AuditLogDocument, { first: 10 })).auditLog.edges.map((e) => e.node);
    expect(log.slice(0, 4).map((e) => e.action)).toEqual(['LEDGER_CREDIT', 'OUTCOME_FINAL', 'OBJECTION_ANSWERED', 'REVIEW_FINALIZED']);
    expect(JSON.parse(log[3]!.payload)).toMatchObject({ finalScore: '8.10', tier: { name: '二等奖', points: 600 } });
    expect((await owner9.run(VerifyAuditLogDocument)).verifyAuditLog).toMatchObject({ valid: true, firstBrokenSequence: null });
  });

  it('reopens scoring when an objection is upheld', async () => {
    const p = await implemented(owner1, '单元门禁增加人脸识别');
    const review = (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
    for (const [who, s] of [
      ['owner2', 6],
      ['owner3', 6],
      ['owner4', 6],
      ['owner5', 6],
      ['manager', 6],
    ] as const) {
      await committee[who].run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(s, s, s, s) });
    }
    const noticed = (await manager.run(FinalizeReviewDocument, { reviewId: review.id })).finalizeReview;
    expect(noticed).toMatchObject({ finalScore: 6, tier: { name: '三等奖' } });
    const objection = (await owner1.run(RaiseObjectionDocument, { reviewId: review.id, body: '受益面评分明显偏低，请重新评审。' })).raiseObjection;
    await manager.run(AnswerObjectionDocument, { objectionId: objection.id, answer: '异议成立，重新打分。', upheld: true });
    const reopened = (await owner1.run(ReviewDocument, { id: review.id })).review!;
    expect(reopened).toMatchObject({ status: 'SCORING', round: 2, finalScore: null, tier: null });
    expect(reopened.objections[0]).toMatchObject({ upheld: true, round: 1 });
    expect((await owner1.run(RewardOutcomesDocument, {})).rewardOutcomes.edges.map((e) => e.node.id)).not.toContain(review.id);
    // Round 2 is scored afresh, blind again: nobody has scored it yet, and nothing is shown.
    expect(reopened.eligibleReviewers.every((r) => !r.hasScored)).toBe(true);
    expect(reopened.scores).toEqual([]);
    expect(reopened.scoresRevealed).toBe(false);
    expect((await manager.fail(FinalizeReviewDocument, { reviewId: review.id })).extensions?.code).toBe('INVALID_TRANSITION');
    for (const who of ['owner2', 'owner3', 'owner4', 'owner5', 'manager'] as const) {
      await committee[who].run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(8, 8, 8, 8) });
    }
    expect((await manager.run(FinalizeReviewDocument, { reviewId: review.id })).finalizeReview).toMatchObject({
      round: 2,
      finalScore: 8,
      tier: { name: '二等奖' },
    });
  });

  it('offers each viewer what the mutations would take from them, as the review moves on', async () => {
    const [admin, owner9] = await Promise.all([app.signIn('admin@lakeside.test'), app.signIn('owner9@lakeside.test')]);
    const p = await implemented(owner1, '楼顶加装太阳能路灯');
    const { id } = (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
    const offered = async (who: Client) => (await who.run(ReviewDocument, { id })).review!.availableActions;
    expect(await offered(committee.owner2)).toEqual(['declareConflict', 'submitScores']);
    // The author, an owner off the committee, and an admin who is not on the panel: nothing to do while it is scored.
    expect(await offered(owner1)).toEqual([]);
    expect(await offered(owner9)).toEqual([]);
    expect(await offered(admin)).toEqual([]);
    await committee.owner3.run(DeclareConflictDocument, { reviewId: id, reason: '提案人是我的邻居' });
    expect(await offered(committee.owner3)).toEqual([]);
    for (const who of ['owner2', 'owner4', 'owner5'] as const) await committee[who].run(SubmitScoresDocument, { reviewId: id, scores: sheet(7, 7, 7, 7) });
    expect(await offered(manager)).toEqual(['declareConflict', 'submitScores']);
    await manager.run(SubmitScoresDocument, { reviewId: id, scores: sheet(7, 7, 7, 7) });
    expect(await offered(manager)).toEqual(['declareConflict', 'submitScores', 'finalizeReview']);
    expect(await offered(admin)).toEqual(['finalizeReview']);
    await manager.run(FinalizeReviewDocument, { reviewId: id });

    expect(await offered(owner9)).toEqual(['raiseObjection']);
    expect(await offered(manager)).toEqual(['raiseObjection']);
    const objection = (await owner9.run(RaiseObjectionDocument, { reviewId: id, body: '效益评分依据不足。' })).raiseObjection;
    expect(await offered(manager)).toEqual(['raiseObjection', 'answerObjection']);
    expect(await offered(owner9)).toEqual(['raiseObjection']);
    app.clock.advance(168 * HOUR);
    // The notice is over, an objection still open: it must be answered before the outcome is final.
    expect(await offered(admin)).toEqual(['answerObjection']);
    expect((await admin.fail(PublishOutcomeDocument, { reviewId: id })).extensions).toMatchObject({ reason: 'OPEN_OBJECTIONS' });
    await manager.run(AnswerObjectionDocument, { objectionId: objection.id, answer: '已核对实施记录，维持原结果。', upheld: false });
    expect(await offered(manager)).toEqual(['publishOutcome']);
    expect(await offered(owner9)).toEqual([]);
    await admin.run(PublishOutcomeDocument, { reviewId: id });
    for (const who of [manager, admin, owner1, owner9]) expect(await offered(who)).toEqual([]);
  });

  it('cannot be finalised with fewer than three eligible reviewers', async () => {
    const p = await implemented(owner1, '小区公告栏电子化');
    const review = (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
    for (const who of ['owner2', 'owner3', 'owner4'] as const)
      await committee[who].run(DeclareConflictDocument, { reviewId: review.id, reason: '与提案人同一楼栋业委会小组' });
    for (const who of ['owner5', 'manager'] as const) await committee[who].run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(9, 9, 9, 9) });
    const error = await manager.fail(FinalizeReviewDocument, { reviewId: review.id });
    expect(error.extensions?.code).toBe('INVALID_TRANSITION');
    expect(error.message).toMatch(/at least 3 eligible reviewers; this one has 2/);
    expect(error.extensions).toMatchObject({ reason: 'TOO_FEW_ELIGIBLE', min: 3, count: 2 });
  });

  it('reveals scores and allows finalising once the scoring window has closed, even if someone did not score', async () => {
    const p = await implemented(owner1, '垃圾房加装除臭设备');
    const review = (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
    for (const who of ['owner2', 'owner3', 'owner4'] as const)
      await committee[who].run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(6, 6, 6, 6) });
    expect((await committee.owner2.run(ReviewDocument, { id: review.id })).review!).toMatchObject({ scoresRevealed: false });
    const waiting = await manager.fail(FinalizeReviewDocument, { reviewId: review.id });
    expect(waiting.message).toMatch(/2 eligible reviewer\(s\) have not scored yet/);
    expect(waiting.extensions).toMatchObject({ reason: 'NOT_ALL_SCORED', count: 2 });
    app.clock.set(new Date(new Date(review.scoringClosesAt).getTime() + 1000));
    const closed = (await committee.owner2.run(ReviewDocument, { id: review.id })).review!;
    expect(closed.scoresRevealed).toBe(true);
    expect(closed.scores).toHaveLength(12);
    expect((await committee.owner5.fail(SubmitScoresDocument, { reviewId: review.id, scores: sheet(9, 9, 9, 9) })).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await manager.run(FinalizeReviewDocument, { reviewId: review.id })).finalizeReview).toMatchObject({ status: 'NOTICE', finalScore: 6 });
  });

  it('recuses the author automatically when the author sits on the committee', async () => {
    const p = await implemented(committee.owner2, '增加夜间巡逻频次');
    const review = (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
    expect(review.recusals).toEqual([{ reviewerName: expect.any(String), reason: 'AUTHOR', automatic: true }]);
    expect((await committee.owner2.fail(SubmitScoresDocument, { reviewId: review.id, scores: sheet(10, 10, 10, 10) })).extensions?.code).toBe('FORBIDDEN');
  });

  it('takes an objection as short as a Chinese sentence: two characters, counted as characters', async () => {
    const p = await implemented(owner1, '地库入口加装减速带');
    const review = (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
    for (const who of ['owner2', 'owner3', 'owner4', 'owner5', 'manager'] as const) {
      await committee[who].run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(7, 7, 7, 7) });
    }
    expect((await manager.run(FinalizeReviewDocument, { reviewId: review.id })).finalizeReview.status).toBe('NOTICE');
    const owner9 = await app.signIn('owner9@lakeside.test');
    // One character is not an objection; "𠮷" is one character though two UTF-16 units.
    for (const body of ['高', '𠮷']) {
      expect(await owner9.fail(RaiseObjectionDocument, { reviewId: review.id, body })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'body' } });
    }
    const objection = (await owner9.run(RaiseObjectionDocument, { reviewId: review.id, body: '评分偏高' })).raiseObjection;
    expect(objection.body).toBe('评分偏高');
    expect((await manager.run(AnswerObjectionDocument, { objectionId: objection.id, answer: '维持', upheld: false })).answerObjection).toMatchObject({
      upheld: false,
    });
  });

  it('keeps awards within the quarter’s budget', async () => {
    const admin = await app.signIn('admin@lakeside.test');
    await admin.run(UpdateCommunitySettingsDocument, { input: { budgetPerQuarter: 700, noticePeriodHours: 0 } });
    const p = await implemented(owner1, '楼道加装扶手');
    const review = (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
    for (const who of ['owner2', 'owner3', 'owner4', 'owner5', 'manager'] as const) {
      await committee[who].run(SubmitScoresDocument, { reviewId: review.id, scores: sheet(7, 7, 7, 7) });
    }
    const over = await manager.fail(FinalizeReviewDocument, { reviewId: review.id });
    expect(over.extensions?.code).toBe('CONFLICT');
    expect(over.message).toMatch(/budget would be exceeded/);
    expect(over.extensions).toMatchObject({ code: 'CONFLICT', reason: 'BUDGET_EXCEEDED', budget: 700 });
    await admin.run(UpdateCommunitySettingsDocument, { input: { budgetPerQuarter: 5000 } });
    // With a zero-hour notice period and no objections the outcome is final at once.
    expect((await manager.run(FinalizeReviewDocument, { reviewId: review.id })).finalizeReview).toMatchObject({ status: 'FINAL', tier: { points: 600 } });
    const bad = await admin.fail(UpdateCommunitySettingsDocument, { input: { rubric: [{ id: 'only', name: '唯一', weight: '0.9' }] } });
    expect(bad).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'rubric' } });
  });
});

describe('the audit chain', () => {
  it('refuses updates and deletes, and catches a row changed behind the trigger’s back', async () => {
    const before = (await owner1.run(VerifyAuditLogDocument)).verifyAuditLog;
    expect(before.valid).toBe(true);
    expect(before.entries).toBeGreaterThanOrEqual(5);
    await expect(app.sql(`update audit_entry set payload = '{}' where seq = 2`)).rejects.toThrow(/append-only/);
    await expect(app.sql(`delete from audit_entry where seq = 2`)).rejects.toThrow(/append-only/);
    await expect(app.sql(`truncate audit_entry`)).rejects.toThrow(/append-only/);

    // An administrator with the power to switch the trigger off can change a row — and it shows.
    await app.sql(`alter table audit_entry disable trigger audit_entry_no_update_delete`);
    await app.sql(
      `update audit_entry set payload = replace(payload, '600', '6000') where seq = (select min(seq) from audit_entry where action = 'LEDGER_CREDIT')`,
    );
    await app.sql(`alter table audit_entry enable trigger audit_entry_no_update_delete`);
    const [{ seq }] = await app.sql<{ seq: number }>(`select min(seq) as seq from audit_entry where action = 'LEDGER_CREDIT'`);
    const after = (await owner1.run(VerifyAuditLogDocument)).verifyAuditLog;
    expect(after).toMatchObject({ valid: false, firstBrokenSequence: seq });
  });
});
