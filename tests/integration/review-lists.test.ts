// The committee's review lists cost the same statements for one review as for several (issue 15):
// the panel, the sheets and the objections of every review on the page are read together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdvanceProposalDocument,
  FinalizeReviewDocument,
  OpenReviewDocument,
  RaiseObjectionDocument,
  ReviewsToScoreDocument,
  RewardOutcomesDocument,
  SubmitProposalDocument,
  SubmitScoresDocument,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { countStatements } from '../support/sql-counter.js';

let app: TestApp;
let manager: Client;
let owner1: Client;
let committee: Client[];
beforeAll(async () => {
  app = await startTestApp();
  [manager, owner1] = await Promise.all([app.signIn('manager@lakeside.test'), app.signIn('owner1@lakeside.test')]);
  committee = await Promise.all(['owner2', 'owner3', 'owner4', 'owner5'].map((o) => app.signIn(`${o}@lakeside.test`)));
});
afterAll(async () => {
  await app?.close();
});

// Low marks: no tier is reached, so no award budget is spent.
const sheet = [
  { criterionId: 'innovation', score: 2 },
  { criterionId: 'feasibility', score: 2 },
  { criterionId: 'benefit', score: 2 },
  { criterionId: 'reach', score: 2 },
];

async function openReview(title: string) {
  const p = (await owner1.run(SubmitProposalDocument, { input: { title, body: '具体做法与预期效果的详细说明。', category: 'SERVICE' } })).submitProposal;
  for (const to of ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'IMPLEMENTED'] as const) await manager.run(AdvanceProposalDocument, { id: p.id, to });
  return (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
}

async function scoredAndPublished(title: string) {
  const review = await openReview(title);
  for (const who of [...committee, manager]) await who.run(SubmitScoresDocument, { reviewId: review.id, scores: sheet });
  await manager.run(FinalizeReviewDocument, { reviewId: review.id });
  await owner1.run(RaiseObjectionDocument, { reviewId: review.id, body: '评分过低，请复核。' });
  return review;
}

describe('review lists', () => {
  it('read the reviews to score with the same statements for two reviews and for five', async () => {
    // The demo community has one review being scored already.
    const one = await openReview('评审列表：第一项');
    await committee[0]!.run(SubmitScoresDocument, { reviewId: one.id, scores: sheet });
    const single = await countStatements(() => committee[1]!.run(ReviewsToScoreDocument, {}));
    expect(single.result.reviewsToScore.edges).toHaveLength(2);
    for (const title of ['评审列表：第二项', '评审列表：第三项', '评审列表：第四项']) {
      const r = await openReview(title);
      await committee[0]!.run(SubmitScoresDocument, { reviewId: r.id, scores: sheet });
    }
    const four = await countStatements(() => committee[1]!.run(ReviewsToScoreDocument, {}));
    expect(four.result.reviewsToScore.edges).toHaveLength(5);
    const ours = four.result.reviewsToScore.edges.filter((e) => e.node.proposal.title.startsWith('评审列表'));
    expect(ours).toHaveLength(4);
    for (const { node } of ours) {
      expect(node.eligibleReviewers).toHaveLength(5);
      expect(node.viewerCanScore).toBe(true);
      expect(node.scoresRevealed).toBe(false);
      // Blind: the viewer has not scored, so sees no one's sheet.
      expect(node.scores).toEqual([]);
    }
    expect(four.statements.length).toBe(single.statements.length);
    // The session; the list; the panels and sheets; the objections (no files to read).
    expect(single.statements.length, single.statements.join('\n---\n')).toBeLessThanOrEqual(4);
  });

  it('read the published outcomes with the same statements for a page of one and a page of three', async () => {
    const owner9 = await app.signIn('owner9@lakeside.test');
    const before = (await owner9.run(RewardOutcomesDocument, { first: 1 })).rewardOutcomes.totalCount;
    for (const title of ['公示列表：一', '公示列表：二', '公示列表：三']) await scoredAndPublished(title);
    const small = await countStatements(() => owner9.run(RewardOutcomesDocument, { first: 1 }));
    const large = await countStatements(() => owner9.run(RewardOutcomesDocument, { first: 3 }));
    expect(small.result.rewardOutcomes.edges).toHaveLength(1);
    expect(large.result.rewardOutcomes.edges).toHaveLength(3);
    expect(large.result.rewardOutcomes.totalCount).toBe(before + 3);
    // Newest first: the three just published.
    for (const { node } of large.result.rewardOutcomes.edges) {
      expect(node.proposal.title).toMatch(/^公示列表/);
      expect(node.status).toBe('NOTICE');
      expect(node.scores).toHaveLength(20);
      expect(node.objections).toEqual([expect.objectContaining({ body: '评分过低，请复核。' })]);
    }
    expect(large.statements.length).toBe(small.statements.length);
    // The session; the page and its total; the panels, sheets and reviews; the objections and their files.
    expect(small.statements.length, small.statements.join('\n---\n')).toBeLessThanOrEqual(5);
  });
});
