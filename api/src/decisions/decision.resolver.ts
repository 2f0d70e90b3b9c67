import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../community/community.enums.js';
import { proposalNumber } from '../proposals/proposal.service.js';
import { requireViewer, refreshForEvent, type Context } from '../shared/context.js';
import type { Services } from '../shared/services.js';
import type { Decision } from './decision.entity.js';
import { BallotChoice, DecisionMatter, DecisionStatus } from './decision.enums.js';
import { DecisionResultView, DecisionView, OpenDecisionInput, ParticipationView } from './decision.types.js';

export function decisionView(d: Decision): DecisionView {
  const special = d.matter === DecisionMatter.SPECIAL;
  return {
    id: d.id, matter: d.matter, question: d.question, status: d.status, opensAt: d.opensAt, closesAt: d.closesAt, closedAt: d.closedAt,
    proposal: { id: d.proposal.id, number: proposalNumber(d.proposal.seq), title: d.proposal.title },
    thresholds: { quorum: 2 / 3, approval: special ? 3 / 4 : 1 / 2, approvalInclusive: special },
    proposalId: d.proposal.id, ownersTotal: d.ownersTotal, areaTotal: d.areaTotal, resultRecord: d.result,
  };
}

@Resolver(() => DecisionView)
export class DecisionResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => DecisionView, { nullable: true })
  async decision(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<DecisionView> {
    return decisionView(await this.services.decisions.find(ctx.em, requireViewer(ctx), id));
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => DecisionView, { description: 'Committee/admin: put a proposal to a formal owners’ vote. The roll is fixed now.' })
  async openDecision(
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('input', () => OpenDecisionInput) input: OpenDecisionInput,
    @Ctx() ctx: Context,
  ) {
    return decisionView(await this.services.decisions.open(ctx.em, requireViewer(ctx), proposalId, input));
  }

  @Authorized(Role.OWNER)
  @Mutation(() => DecisionView, { description: 'FOR / AGAINST / ABSTAIN; one ballot per owner (co-owners share one), changeable until the close.' })
  async castBallot(@Arg('decisionId', () => ID) decisionId: string, @Arg('choice', () => BallotChoice) choice: BallotChoice, @Ctx() ctx: Context) {
    return decisionView(await this.services.decisions.castBallot(ctx.em, requireViewer(ctx), decisionId, choice));
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => DecisionView, { description: 'Committee/admin: close a vote before its time; the tally is published at once.' })
  async closeDecision(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return decisionView(await this.services.decisions.close(ctx.em, requireViewer(ctx), id));
  }

  @Subscription(() => DecisionView, {
    description: 'The decision each time a ballot is cast or it closes (participation only while open).',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      await ctx.services.decisions.find(ctx.em, requireViewer(ctx), args.id as string);
      return ctx.services.events.subscribe('DECISION_CHANGED', args.id as string);
    },
  })
  async decisionChanged(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<DecisionView> {
    refreshForEvent(ctx);
    return decisionView(await this.services.decisions.find(ctx.em, requireViewer(ctx), id));
  }

  @FieldResolver(() => ParticipationView)
  async participation(@Root() d: DecisionView, @Ctx() ctx: Context): Promise<ParticipationView> {
    const p = await this.services.decisions.participation(ctx.em, { id: d.id, ownersTotal: d.ownersTotal, areaTotal: d.areaTotal } as Decision);
    return { owners: p.owners, ownersTotal: p.ownersTotal, area: Number(p.area), areaTotal: Number(p.areaTotal) };
  }

  @FieldResolver(() => DecisionResultView, { nullable: true, description: 'Sealed (null) until the vote closes.' })
  result(@Root() d: DecisionView): DecisionResultView | null {
    const r = d.status === DecisionStatus.CLOSED ? d.resultRecord : null;
    if (!r) return null;
    return {
      ...r, forArea: Number(r.forArea), againstArea: Number(r.againstArea), abstainArea: Number(r.abstainArea), participantArea: Number(r.participantArea),
    };
  }

  @FieldResolver(() => BallotChoice, { nullable: true, description: 'The viewer’s own ballot, if cast.' })
  async viewerChoice(@Root() d: DecisionView, @Ctx() ctx: Context): Promise<BallotChoice | null> {
    return (await this.services.decisions.viewerBallot(ctx.em, requireViewer(ctx).id, d.id)).choice;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer is on the roll and the vote is open.' })
  async viewerCanVote(@Root() d: DecisionView, @Ctx() ctx: Context): Promise<boolean> {
    if (d.status !== DecisionStatus.OPEN || d.closesAt <= ctx.clock.now()) return false;
    return (await this.services.decisions.viewerBallot(ctx.em, requireViewer(ctx).id, d.id)).onRoll;
  }
}
