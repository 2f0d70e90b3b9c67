import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdvanceProposalDocument,
  CommunitySettingsDocument,
  FinalizeReviewDocument,
  MyRewardsDocument,
  OpenReviewDocument,
  ProposalDocument,
  SubmitProposalDocument,
  SubmitScoresDocument,
  UpdateCommunitySettingsDocument,
  type CommunitySettingsInput,
  type ReviewCriterionInput,
  type RewardTierInput,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';

// Rubric criteria and reward tiers carry the community's zh-CN name and, where it gives one, an English
// name (#16): through updateCommunitySettings, into each review's snapshot, and out of the migration
// that split the old "创新性 Innovation" strings.

let app: TestApp;
let admin: Client;
let manager: Client;
beforeAll(async () => {
  app = await startTestApp();
  [admin, manager] = await Promise.all([app.signIn('admin@lakeside.test'), app.signIn('manager@lakeside.test')]);
});
afterAll(async () => {
  await app?.close();
});

const RUBRIC: ReviewCriterionInput[] = [
  { id: 'innovation', name: '创新性', nameEn: 'Innovation', weight: '0.3' },
  { id: 'feasibility', name: '可行性', nameEn: 'Feasibility', weight: '0.2' },
  { id: 'benefit', name: '效益', nameEn: 'Benefit', weight: '0.3' },
  { id: 'reach', name: '受益面', nameEn: 'Reach', weight: '0.2' },
];
const TIERS: RewardTierInput[] = [
  { name: '一等奖', nameEn: 'First prize', minScore: '8.5', points: 1000 },
  { name: '二等奖', nameEn: 'Second prize', minScore: '7', points: 600 },
];
const settings = async () => (await admin.run(CommunitySettingsDocument)).community.settings.reviews;
const refused = (input: CommunitySettingsInput) => admin.fail(UpdateCommunitySettingsDocument, { input });
const withCriterion = (i: number, change: Partial<ReviewCriterionInput>) => RUBRIC.map((c, j) => (j === i ? { ...c, ...change } : c));
const withTier = (i: number, change: Partial<RewardTierInput>) => TIERS.map((t, j) => (j === i ? { ...t, ...change } : t));

describe('names in two languages', () => {
  it('ships the demo with zh-CN and English names', async () => {
    const reviews = await settings();
    expect(reviews.rubric.map((c) => [c.name, c.nameEn])).toEqual([
      ['创新性', 'Innovation'],
      ['可行性', 'Feasibility'],
      ['效益', 'Benefit'],
      ['受益面', 'Reach'],
    ]);
    expect(reviews.tiers.map((t) => [t.name, t.nameEn])).toEqual([
      ['一等奖', 'First prize'],
      ['二等奖', 'Second prize'],
      ['三等奖', 'Third prize'],
      ['鼓励奖', 'Encouragement award'],
    ]);
  });

  it('saves both, trimmed, and an English name may be left out or cleared', async () => {
    const saved = (
      await admin.run(UpdateCommunitySettingsDocument, {
        input: { rubric: withCriterion(0, { name: '  创新\u200b性 ', nameEn: ' Novelty\u200b ' }), tiers: withTier(1, { nameEn: '   ' }) },
      })
    ).updateCommunitySettings.settings.reviews;
    expect(saved.rubric[0]).toEqual({ id: 'innovation', name: '创新性', nameEn: 'Novelty', weight: '0.3' });
    expect(saved.tiers.map((t) => t.nameEn)).toEqual(['First prize', null]);

    // A client that knows nothing of nameEn keeps the English of the same criterion (by id) and tier (by name).
    const old = (
      await admin.run(UpdateCommunitySettingsDocument, {
        input: { rubric: RUBRIC.map(({ nameEn: _, ...c }) => c), tiers: TIERS.map(({ nameEn: _, ...t }) => t) },
      })
    ).updateCommunitySettings.settings.reviews;
    expect(old.rubric.map((c) => c.nameEn)).toEqual(['Novelty', 'Feasibility', 'Benefit', 'Reach']);
    expect(old.tiers.map((t) => t.nameEn)).toEqual(['First prize', null]);

    const cleared = (await admin.run(UpdateCommunitySettingsDocument, { input: { rubric: withCriterion(0, { nameEn: null }), tiers: TIERS } }))
      .updateCommunitySettings.settings.reviews;
    expect(cleared.rubric[0]!.nameEn).toBeNull();
    expect(cleared.tiers.map((t) => t.nameEn)).toEqual(['First prize', 'Second prize']);
    await admin.run(UpdateCommunitySettingsDocument, { input: { rubric: RUBRIC } });
  });

  it('refuses hostile names, naming the field, and changes nothing', async () => {
    const before = await settings();
    const cases: [CommunitySettingsInput, string, RegExp][] = [
      [{ rubric: withCriterion(0, { name: '创新\u0000性' }) }, 'rubric[0].name', /NUL/],
      [{ rubric: withCriterion(1, { nameEn: 'Feasi\u0000bility' }) }, 'rubric[1].nameEn', /NUL/],
      [{ tiers: withTier(0, { nameEn: 'First\u0000prize' }) }, 'tiers[0].nameEn', /NUL/],
      [{ rubric: withCriterion(2, { nameEn: 'Bene\u0007fit' }) }, 'rubric[2].nameEn', /control characters/],
      [{ rubric: withCriterion(2, { name: '效\n益' }) }, 'rubric[2].name', /control characters/],
      [{ tiers: withTier(1, { name: '二等\u202e奖' }) }, 'tiers[1].name', /control characters/],
      [{ rubric: withCriterion(3, { nameEn: 'x'.repeat(10_000) }) }, 'rubric[3].nameEn', /at most 80 characters/],
      [{ rubric: withCriterion(3, { name: '受'.repeat(10_000) }) }, 'rubric[3].name', /at most 40 characters/],
      [{ tiers: withTier(0, { name: '🏆'.repeat(41) }) }, 'tiers[0].name', /at most 40 characters/],
      [{ rubric: withCriterion(0, { name: ' \u200b ' }) }, 'rubric[0].name', /required/],
      [{ tiers: withTier(1, { name: '一等奖' }) }, 'tiers[1].name', /two tiers are named/],
      [{ rubric: withCriterion(0, { nameEn: 'Innov\ud800ation' }) }, 'rubric[0].nameEn', /well-formed/],
    ];
    for (const [input, field, message] of cases) {
      const error = await refused(input);
      expect(error, field).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
      expect(error.message, field).toMatch(message);
    }
    expect(await settings()).toEqual(before);
  });

  it('takes emoji and rare characters as one character each', async () => {
    const name = '🏆'.repeat(40); // 80 UTF-16 units
    const saved = (
      await admin.run(UpdateCommunitySettingsDocument, {
        input: { tiers: withTier(0, { name, nameEn: '👨‍👩‍👧 Family prize 🏅' }), rubric: withCriterion(0, { name: '𠮷'.repeat(40) }) },
      })
    ).updateCommunitySettings.settings.reviews;
    expect(saved.tiers[0]).toMatchObject({ name, nameEn: '👨‍👩‍👧 Family prize 🏅' });
    expect(saved.rubric[0]!.name).toBe('𠮷'.repeat(40));
    await admin.run(UpdateCommunitySettingsDocument, { input: { rubric: RUBRIC, tiers: TIERS } });
  });
});

describe('a review keeps the names it opened with', () => {
  it('shows both languages on its rubric, tiers and the tier awarded', async () => {
    await admin.run(UpdateCommunitySettingsDocument, { input: { rubric: RUBRIC, tiers: TIERS, noticePeriodHours: 0 } });
    const owner1 = await app.signIn('owner1@lakeside.test');
    const p = (
      await owner1.run(SubmitProposalDocument, {
        input: { title: '单元门加装雨棚', body: '下雨天开门时不被淋湿，方便老人和带孩子的住户。', category: 'FACILITIES' },
      })
    ).submitProposal;
    expect(p.reward).toBeNull();
    for (const to of ['UNDER_REVIEW', 'ACCEPTED'] as const) await manager.run(AdvanceProposalDocument, { id: p.id, to });
    const review = (await manager.run(OpenReviewDocument, { proposalId: p.id })).openReview;
    expect(review.rubric.criteria[0]).toMatchObject({ name: '创新性', nameEn: 'Innovation' });
    expect(review.tiers.map((t) => t.nameEn)).toEqual(['First prize', 'Second prize']);

    // Renaming in the settings afterwards does not rename the open review.
    await admin.run(UpdateCommunitySettingsDocument, { input: { tiers: withTier(1, { nameEn: 'Runner-up' }) } });
    for (const who of ['owner2', 'owner3', 'owner4', 'owner5']) {
      const member = await app.signIn(`${who}@lakeside.test`);
      await member.run(SubmitScoresDocument, { reviewId: review.id, scores: RUBRIC.map((c) => ({ criterionId: c.id, score: 7 })) });
    }
    await manager.run(SubmitScoresDocument, { reviewId: review.id, scores: RUBRIC.map((c) => ({ criterionId: c.id, score: 7 })) });
    const final = (await manager.run(FinalizeReviewDocument, { reviewId: review.id })).finalizeReview;
    expect(final.tier).toEqual({ name: '二等奖', nameEn: 'Second prize', points: 600 });

    // The proposal page and the author's ledger name the tier in both languages too.
    const rewarded = (await owner1.run(ProposalDocument, { id: p.id })).proposal!;
    expect(rewarded).toMatchObject({ status: 'REWARDED', statusReason: '二等奖', reward: { name: '二等奖', nameEn: 'Second prize', points: 600 } });
    const [entry] = (await owner1.run(MyRewardsDocument)).myRewards;
    expect(entry).toMatchObject({
      reason: `二等奖 · ${p.number} 单元门加装雨棚`,
      tier: { name: '二等奖', nameEn: 'Second prize' },
      proposal: { id: p.id, number: p.number },
    });
    await admin.run(UpdateCommunitySettingsDocument, { input: { tiers: TIERS, noticePeriodHours: 168 } });
  });
});

describe('the migration that split "中文 English" names', () => {
  const MIGRATION = 'Migration20261203124700_bilingual_names';

  it('joins them on the way down and splits them again on the way up, the awarded tier with them', async () => {
    const migrator = app.orm.getMigrator();
    const reviewed = async () =>
      (
        await app.sql<{ criteria: { name: string; nameEn?: string }[]; tiers: { name: string }[]; tier_name: string | null }>(
          `select criteria, tiers, tier_name from review where tier_name is not null order by finalized_at desc limit 1`,
        )
      )[0]!;
    const community = async () =>
      (
        await app.sql<{ settings: { reviews: { criteria: { name: string; nameEn?: string }[]; tiers: { name: string; nameEn?: string }[] } } }>(
          `select settings from community where name = '湖畔花园'`,
        )
      )[0]!.settings.reviews;
    // An outcome whose tier has an English name, as the previous test left one.
    expect((await reviewed()).tier_name).toBe('二等奖');

    await migrator.down({ migrations: [MIGRATION] });
    expect((await community()).criteria.map((c) => [c.name, c.nameEn])).toEqual([
      ['创新性 Innovation', undefined],
      ['可行性 Feasibility', undefined],
      ['效益 Benefit', undefined],
      ['受益面 Reach', undefined],
    ]);
    expect((await community()).tiers[1]).toEqual({ name: '二等奖 Second prize', minScore: '7', points: 600 });
    expect(await reviewed()).toMatchObject({ tier_name: '二等奖 Second prize', criteria: [{ name: '创新性 Innovation' }, {}, {}, {}] });

    // What an admin could have typed before there was an English field.
    await app.sql(`update community set settings = jsonb_set(settings, '{reviews,criteria,3,name}', '"公共 设施 Public facilities"') where name = '湖畔花园'`);
    await migrator.up({ migrations: [MIGRATION] });
    expect((await community()).criteria.map((c) => [c.name, c.nameEn])).toEqual([
      ['创新性', 'Innovation'],
      ['可行性', 'Feasibility'],
      ['效益', 'Benefit'],
      ['公共 设施', 'Public facilities'],
    ]);
    expect(await reviewed()).toMatchObject({
      tier_name: '二等奖',
      tiers: [
        { name: '一等奖', nameEn: 'First prize' },
        { name: '二等奖', nameEn: 'Second prize' },
      ],
    });
    const reviews = await settings();
    expect(reviews.rubric[3]).toMatchObject({ name: '公共 设施', nameEn: 'Public facilities' });
    expect(reviews.tiers[0]).toMatchObject({ name: '一等奖', nameEn: 'First prize' });
  });
});
