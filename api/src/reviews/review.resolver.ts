import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../community/community.enums.js';
import { proposalNumber } from '../proposals/proposal.service.js';
import DataLoader from 'dataloader';
import { loader, requireViewer, refreshForEvent, type Context } from '../context.js';
import { badInput, notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { decodeCursor, encodeCursor, pageOf, pageSize, type Page } from '../shared/pagination.js';
import type { Services } from '../services.js';
import { AttachmentView } from '../files/attachment.types.js';
import { attachmentsOf } from '../files/attachments.loader.js';
import {
  awarded,
  ledgerOf,
  objectionsOf,
  panelsOf,
  publishedOutcomes,
  readObjections,
  readReview,
  reviewsToScore,
  rewardsOf,
  type PanelistRecord,
  type SheetRecord,
} from './review.queries.js';
import { aggregate, availableActions, basisToScore, scoresVisible, weightedScore, type ReviewAction } from './review.rules.js';
import { reviewFacts, reviewViewer } from './review.policy.js';
import { objectionView, reviewView } from './review.view.js';
import { ProposalView } from '../proposals/proposal.types.js';
import {
  LedgerEntryView,
  ObjectionView,
  RecusalView,
  ReviewConnection,
  ReviewerResultView,
  ReviewActionName,
  ReviewerView,
  ReviewView,
  ScoreInputType,
  ScoreView,
  TierAwardView,
} from './review.types.js';

/**
 * Everything the field resolvers below need about a review, loaded once per request — for all the
 * reviews of a list at once (three statements however many reviews, not three per review).
 */
function panelOf(ctx: Context, review: ReviewView): Promise<Panel> {
  return loader(
    ctx,
    'reviewPanels',
    () =>
      new DataLoader<ReviewView, Panel, string>(
        async (reviews) => {
          const read = await panelsOf(
            ctx.em,
            reviews[0]!.communityId,
            reviews.map((r) => r.id),
          );
          const now = ctx.clock.now();
          return reviews.map((r) => {
            const { panel, sheets } = read.get(r.id) ?? { panel: [], sheets: [] };
            const eligible = panel.filter((p) => !p.recusalReason);
            const eligibleIds = new Set(eligible.map((p) => p.personId));
            const counted = sheets.filter((s) => eligibleIds.has(s.reviewerId) && s.round === r.round);
            const allScored = eligible.length > 0 && eligible.every((p) => counted.some((s) => s.reviewerId === p.personId));
            const visible = scoresVisible(r.status, allScored, now > r.scoringClosesAt);
            return { panel, eligible, counted, visible };
          });
        },
        { cacheKeyFn: (r) => r.id },
      ),
  ).load(review);
}

interface Panel {
  panel: PanelistRecord[];
  eligible: PanelistRecord[];
  counted: SheetRecord[];
  visible: boolean;
}

@Resolver(() => ReviewView)
export class ReviewResolver {
  constructor(private readonly services: Services) {}

  private async view(ctx: Context, id: string) {
    const review = isUuid(id) ? await readReview(ctx.em, requireViewer(ctx).communityId, id) : null;
    if (!review) throw notFound('Review');
    return reviewView(review, ctx.clock.now());
  }

  @Authorized()
  @Query(() => ReviewView, { nullable: true })
  review(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return this.view(ctx, id);
  }

  @Authorized()
  @Query(() => ReviewConnection, { description: 'Reviews still being scored (committee workspace), newest first.' })
  async reviewsToScore(@Ctx() ctx: Context): Promise<Page<ReviewView>> {
    const rows = await reviewsToScore(ctx.em, requireViewer(ctx).communityId);
    const now = ctx.clock.now();
    return pageOf(
      rows,
      rows.length,
      (r) => reviewView(r, now),
      (node) => node.id,
      rows.length,
    );
  }

  @Authorized()
  @Query(() => ReviewConnection, { description: '公示: published outcomes (in notice or final), newest first.' })
  async rewardOutcomes(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Page<ReviewView>> {
    const viewer = requireViewer(ctx);
    const size = pageSize(first);
    const { rows, total } = await publishedOutcomes(ctx.em, viewer.communityId, size, decodeCursor(after, ['timestamp', 'uuid']));
    const now = ctx.clock.now();
    return pageOf(
      rows,
      size,
      (r) => reviewView(r, now),
      (node) => encodeCursor([node.finalizedAt!.toISOString(), node.id]),
      total,
    );
  }

  @Authorized()
  @Query(() => [LedgerEntryView], { description: 'The viewer’s own reward history, newest first.' })
  async myRewards(@Ctx() ctx: Context): Promise<LedgerEntryView[]> {
    const viewer = requireViewer(ctx);
    const rows = await ledgerOf(ctx.em, viewer.communityId, viewer.id);
    return rows.map((e) => ({
      id: e.id,
      points: e.points,
      reason: e.reason,
      at: e.at,
      review: { id: e.reviewId },
      tier: awarded(e),
      proposal: { id: e.proposal.id, number: proposalNumber(e.proposal.seq), title: e.proposal.title },
    }));
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => ReviewView, { description: 'Committee/admin: open a review of an accepted, in-progress or implemented proposal.' })
  async openReview(@Arg('proposalId', () => ID) proposalId: string, @Ctx() ctx: Context) {
    return this.view(ctx, await this.services.reviews.open(ctx.em, requireViewer(ctx), proposalId));
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => ReviewView, { description: 'A committee member declares a conflict of interest and is recused.' })
  async declareConflict(@Arg('reviewId', () => ID) reviewId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    await this.services.reviews.declareConflict(ctx.em, requireViewer(ctx), reviewId, reason);
    return this.view(ctx, reviewId);
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => ReviewView, { description: 'An eligible reviewer scores every criterion 0–10; revisable until the outcome is proposed.' })
  async submitScores(
    @Arg('reviewId', () => ID) reviewId: string,
    @Arg('scores', () => [ScoreInputType]) scores: ScoreInputType[],
    @Ctx() ctx: Context,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ) {
    if (scores.length > 20) throw badInput('scores', 'too many entries', { reason: 'LIST_TOO_LONG', max: 20 });
    await this.services.reviews.submitScores(ctx.em, requireViewer(ctx), reviewId, scores, comment ?? null);
    return this.view(ctx, reviewId);
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => ReviewView, { description: 'Proposes the outcome and opens the public notice period (公示期).' })
  async finalizeReview(@Arg('reviewId', () => ID) reviewId: string, @Ctx() ctx: Context) {
    await this.services.reviews.finalize(ctx.em, requireViewer(ctx), reviewId);
    return this.view({ ...ctx, em: ctx.em.fork() }, reviewId);
  }

  @Authorized()
  @Mutation(() => ObjectionView, { description: 'Anyone in the community may object during the notice period.' })
  async raiseObjection(
    @Arg('reviewId', () => ID) reviewId: string,
    @Arg('body', () => String) body: string,
    @Arg('attachmentIds', () => [ID], {
      nullable: true,
      description: 'Evidence: photos or PDFs uploaded with POST /files by the viewer, at most 9; shown with the objection.',
    })
    attachmentIds: string[] | null | undefined,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx);
    const id = await this.services.reviews.raiseObjection(ctx.em, viewer, reviewId, body, attachmentIds);
    return objectionView((await readObjections(ctx.em, viewer.communityId, { ids: [id] }))[0]!);
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => ObjectionView, { description: 'The committee answers an objection; an upheld one reopens scoring.' })
  async answerObjection(
    @Arg('objectionId', () => ID) objectionId: string,
    @Arg('answer', () => String) answer: string,
    @Arg('upheld', () => Boolean) upheld: boolean,
    @Ctx() ctx: Context,
  ) {
    const viewer = requireViewer(ctx);
    await this.services.reviews.answerObjection(ctx.em, viewer, objectionId, answer, upheld);
    return objectionView((await readObjections(ctx.em, viewer.communityId, { ids: [objectionId] }))[0]!);
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => ReviewView, { description: 'Makes the outcome FINAL (after the notice period, every objection answered) and credits the ledger.' })
  async publishOutcome(@Arg('reviewId', () => ID) reviewId: string, @Ctx() ctx: Context) {
    await this.services.reviews.publish(ctx.em, requireViewer(ctx), reviewId);
    return this.view({ ...ctx, em: ctx.em.fork() }, reviewId);
  }

  @Subscription(() => ReviewView, {
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      await ctx.services.reviews.find(ctx.em, requireViewer(ctx), args.id as string);
      return ctx.services.events.subscribe('REVIEW_CHANGED', args.id as string);
    },
  })
  async reviewChanged(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReviewView> {
    refreshForEvent(ctx);
    return this.view(ctx, id);
  }

  @FieldResolver(() => [ReviewerView], { description: 'Committee members who may score (not recused).' })
  async eligibleReviewers(@Root() r: ReviewView, @Ctx() ctx: Context): Promise<ReviewerView[]> {
    const { eligible, counted } = await panelOf(ctx, r);
    return eligible.map((p) => ({ id: p.personId, displayName: p.displayName, hasScored: counted.some((s) => s.reviewerId === p.personId) }));
  }

  @FieldResolver(() => [RecusalView])
  async recusals(@Root() r: ReviewView, @Ctx() ctx: Context): Promise<RecusalView[]> {
    const { panel } = await panelOf(ctx, r);
    return panel.filter((p) => p.recusalReason).map((p) => ({ reviewerName: p.displayName, reason: p.recusalReason!, automatic: p.recusedAutomatically }));
  }

  @FieldResolver(() => [ScoreView], {
    description:
      'Blind: while scoring, a reviewer sees only their own until all eligible have scored or the window closed; the public sees all once published.',
  })
  async scores(@Root() r: ReviewView, @Ctx() ctx: Context): Promise<ScoreView[]> {
    const viewer = requireViewer(ctx);
    const { counted, visible } = await panelOf(ctx, r);
    const shown = visible ? counted : counted.filter((s) => s.reviewerId === viewer.id);
    return shown.flatMap((s) => Object.entries(s.scores).map(([criterionId, score]) => ({ reviewerName: s.reviewerName, criterionId, score })));
  }

  @FieldResolver(() => [ReviewerResultView], { description: 'Each reviewer’s weighted score (visible under the same blind rule as the scores).' })
  async reviewerResults(@Root() r: ReviewView, @Ctx() ctx: Context): Promise<ReviewerResultView[]> {
    const viewer = requireViewer(ctx);
    const { counted, visible } = await panelOf(ctx, r);
    const shown = visible ? counted : counted.filter((s) => s.reviewerId === viewer.id);
    if (shown.length === 0) return [];
    const weighted = counted.map((s) => ({ s, w: weightedScore(r.criteria, s.scores) }));
    const { dropped } = visible && counted.length ? aggregate(weighted.map((x) => x.w)) : { dropped: [] as bigint[] };
    const toDrop = [...dropped];
    return weighted
      .filter((x) => shown.includes(x.s))
      .sort((a, b) => (a.w > b.w ? -1 : a.w < b.w ? 1 : 0))
      .map(({ s, w }) => {
        const i = toDrop.indexOf(w);
        if (i >= 0) toDrop.splice(i, 1);
        return {
          reviewerName: s.reviewerName,
          weightedScore: Number(basisToScore(w)),
          dropped: i >= 0,
          comment: visible || s.reviewerId === viewer.id ? s.comment : null,
        };
      });
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer may score this review now.' })
  async viewerCanScore(@Root() r: ReviewView, @Ctx() ctx: Context): Promise<boolean> {
    const { eligible } = await panelOf(ctx, r);
    return r.scoringOpen && eligible.some((p) => p.personId === requireViewer(ctx).id);
  }

  @FieldResolver(() => [ReviewActionName], {
    description: 'What the viewer may do with this review now, by the checks the mutations make (finalizeReview is still refused over the quarter’s budget).',
  })
  async availableActions(@Root() r: ReviewView, @Ctx() ctx: Context): Promise<ReviewAction[]> {
    const [{ panel, eligible, counted }, objections] = await Promise.all([panelOf(ctx, r), objectionsOf(ctx, r.communityId, r.id)]);
    const facts = reviewFacts(r, { eligible: eligible.length, scored: counted.length, openObjections: objections.filter((o) => !o.answeredAt).length });
    return availableActions(facts, reviewViewer(requireViewer(ctx), panel), ctx.clock.now());
  }

  @FieldResolver(() => Boolean, { description: 'Whether scores are visible to the viewer yet (blind scoring).' })
  async scoresRevealed(@Root() r: ReviewView, @Ctx() ctx: Context): Promise<boolean> {
    return (await panelOf(ctx, r)).visible;
  }

  @FieldResolver(() => [ObjectionView])
  async objections(@Root() r: ReviewView, @Ctx() ctx: Context): Promise<ObjectionView[]> {
    return (await objectionsOf(ctx, r.communityId, r.id)).map(objectionView);
  }
}

@Resolver(() => ObjectionView)
export class ObjectionResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => [AttachmentView], { description: 'The objector’s evidence: photos and PDFs, public with the notice like the objection.' })
  attachments(@Root() objection: ObjectionView, @Ctx() ctx: Context): Promise<AttachmentView[]> {
    return attachmentsOf(ctx, this.services.files, 'objection', objection.id);
  }
}

/** `Proposal.reward`: the reviews domain answers for its own data on the proposal. */
@Resolver(() => ProposalView)
export class ProposalRewardResolver {
  @FieldResolver(() => TierAwardView, { nullable: true, description: 'The reward tier of its final review, in both languages; null until rewarded.' })
  reward(@Root() proposal: ProposalView, @Ctx() ctx: Context): Promise<TierAwardView | null> {
    return loader(ctx, 'proposalReward', () => new DataLoader<string, TierAwardView | null>((ids) => rewardsOf(ctx.em, ids))).load(proposal.id);
  }
}
