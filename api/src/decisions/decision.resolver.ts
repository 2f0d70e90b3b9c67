import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../community/community.enums.js';
import { proposalNumber } from '../proposals/proposal.service.js';
import DataLoader from 'dataloader';
import { loader, requireViewer, refreshForEvent, type Context } from '../context.js';
import type { Services } from '../services.js';
import type { ProposalRef } from '../proposals/proposal-ref.types.js';
import { ProposalView } from '../proposals/proposal.types.js';
import type { Decision } from './decision.entity.js';
import { latestDecisions } from './decision.queries.js';
import { BallotChoice, DecisionStatus } from './decision.enums.js';
import { thresholdsOf } from './decision.rules.js';
import { canRecordPaperBallots } from './decision.rules.js';
import { AttachmentView } from '../files/attachment.types.js';
import { attachmentsOf } from '../files/attachments.loader.js';
import type { ViewerBallot } from './decision.types.js';
import { BallotView, DecisionResultView, DecisionView, type DecisionRow, OpenDecisionInput, ParticipationView, RollUnitView } from './decision.types.js';

export function decisionView(d: Decision): DecisionView {
  return {
    id: d.id,
    article278Item: d.article278Item,
    matter: d.matter,
    question: d.question,
    status: d.status,
    opensAt: d.opensAt,
    closesAt: d.closesAt,
    closedAt: d.closedAt,
    proposal: { id: d.proposal.id, number: proposalNumber(d.proposal.seq), title: d.proposal.title },
    thresholds: thresholdsOf(d.matter),
    proposalId: d.proposal.id,
    ownersTotal: d.ownersTotal,
    areaTotal: d.areaTotal,
    resultRecord: d.result,
  };
}

/** The same view from a row a read model joined in, for the proposal it belongs to. */
export function decisionViewOfRow(d: DecisionRow, proposal: ProposalRef): DecisionView {
  return {
    id: d.id,
    article278Item: d.article278_item,
    matter: d.matter,
    question: d.question,
    status: d.status,
    opensAt: new Date(d.opens_at),
    closesAt: new Date(d.closes_at),
    closedAt: d.closed_at === null ? null : new Date(d.closed_at),
    proposal: { id: proposal.id, number: proposal.number, title: proposal.title },
    thresholds: thresholdsOf(d.matter),
    proposalId: proposal.id,
    ownersTotal: d.owners_total,
    areaTotal: d.area_total,
    resultRecord: d.result,
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
  async openDecision(@Arg('proposalId', () => ID) proposalId: string, @Arg('input', () => OpenDecisionInput) input: OpenDecisionInput, @Ctx() ctx: Context) {
    return decisionView(await this.services.decisions.open(ctx.em, requireViewer(ctx), proposalId, input));
  }

  @Authorized(Role.OWNER)
  @Mutation(() => DecisionView, { description: 'FOR / AGAINST / ABSTAIN; one ballot per owner (co-owners share one), changeable until the close.' })
  async castBallot(@Arg('decisionId', () => ID) decisionId: string, @Arg('choice', () => BallotChoice) choice: BallotChoice, @Ctx() ctx: Context) {
    return decisionView(await this.services.decisions.castBallot(ctx.em, requireViewer(ctx), decisionId, choice));
  }

  @Authorized(Role.CUSTOMER_SERVICE, Role.COMMITTEE)
  @Mutation(() => DecisionView, {
    description:
      'Customer service, committee or admin: record the signed written ballot (书面表决) of the elector that holds unitId, with the paper’s reference number (2–64 characters, unique within the vote). One ballot per elector whatever the channel, and the paper is the formal record: it replaces an online ballot, and an online ballot after it is refused (INVALID_TRANSITION). Refused for a unit not on the roll (BAD_USER_INPUT unitId), after the close (INVALID_TRANSITION), or when the elector already has a paper ballot or the reference is taken (CONFLICT). Each one is an audit-chain entry.',
  })
  async recordPaperBallot(
    @Arg('decisionId', () => ID) decisionId: string,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('choice', () => BallotChoice) choice: BallotChoice,
    @Arg('reference', () => String) reference: string,
    @Arg('attachmentIds', () => [ID], {
      nullable: true,
      description:
        'The scanned paper: photos or a PDF uploaded with POST /files, at most 9. Sealed like the choice: the elector’s owners and the recorder see it, and after the close whoever records paper ballots.',
    })
    attachmentIds: string[] | null | undefined,
    @Ctx() ctx: Context,
  ) {
    return decisionView(await this.services.decisions.recordPaperBallot(ctx.em, requireViewer(ctx), { decisionId, unitId, choice, reference, attachmentIds }));
  }

  @Authorized(Role.CUSTOMER_SERVICE, Role.COMMITTEE)
  @Query(() => [RollUnitView], {
    description: 'Customer service, committee or admin: units on a vote’s roll whose label contains search (at most 50), for recording paper ballots.',
  })
  async decisionRoll(
    @Arg('decisionId', () => ID) decisionId: string,
    @Arg('search', () => String, { defaultValue: '' }) search: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<RollUnitView[]> {
    const rows = await this.services.decisions.rollUnits(ctx.em, requireViewer(ctx), decisionId, search, Math.min(Math.max(first, 1), 50));
    return rows.map((r) => ({ ...r, area: Number(r.area) }));
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
    return { ...p, area: Number(p.area), areaTotal: Number(p.areaTotal) };
  }

  @FieldResolver(() => DecisionResultView, { nullable: true, description: 'Sealed (null) until the vote closes.' })
  result(@Root() d: DecisionView): DecisionResultView | null {
    const r = d.status === DecisionStatus.CLOSED ? d.resultRecord : null;
    if (!r) return null;
    return {
      ...r,
      forArea: Number(r.forArea),
      againstArea: Number(r.againstArea),
      abstainArea: Number(r.abstainArea),
      participantArea: Number(r.participantArea),
    };
  }

  /**
   * The viewer's ballot on each decision of the request, read together: once per request for all
   * its fields (viewerChoice, viewerBallot, viewerCanVote), and once for a list of decisions. A memo
   * on the root object would not do: type-graphql hands each field resolver its own copy of it.
   */
  private viewerBallotOf(d: DecisionView, ctx: Context): Promise<ViewerBallot> {
    const viewerId = requireViewer(ctx).id;
    return loader(ctx, 'viewerBallot', () => new DataLoader<string, ViewerBallot>((ids) => this.services.decisions.viewerBallots(ctx.em, viewerId, ids))).load(
      d.id,
    );
  }

  @FieldResolver(() => BallotChoice, { nullable: true, description: 'The viewer’s own ballot, if cast (online or on paper).' })
  async viewerChoice(@Root() d: DecisionView, @Ctx() ctx: Context): Promise<BallotChoice | null> {
    return (await this.viewerBallotOf(d, ctx)).ballot?.choice ?? null;
  }

  @FieldResolver(() => BallotView, {
    nullable: true,
    description: 'The viewer’s own ballot with its channel: a paper one recorded for them shows as PAPER with its reference.',
  })
  async viewerBallot(@Root() d: DecisionView, @Ctx() ctx: Context): Promise<BallotView | null> {
    return (await this.viewerBallotOf(d, ctx)).ballot;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer is on the roll, the vote is open, and no paper ballot stands for them.' })
  async viewerCanVote(@Root() d: DecisionView, @Ctx() ctx: Context): Promise<boolean> {
    if (d.status !== DecisionStatus.OPEN || d.closesAt <= ctx.clock.now()) return false;
    return (await this.viewerBallotOf(d, ctx)).canVoteOnline;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the viewer may record paper ballots on this vote now (customer service, committee, admin; open votes).',
  })
  viewerCanRecordPaperBallot(@Root() d: DecisionView, @Ctx() ctx: Context): boolean {
    if (d.status !== DecisionStatus.OPEN || d.closesAt <= ctx.clock.now()) return false;
    return canRecordPaperBallots(requireViewer(ctx).roles);
  }
}

@Resolver(() => BallotView)
export class BallotResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => [AttachmentView], {
    description: 'The scan of a paper ballot (PAPER only); the ballot itself is shown only to the elector’s own owners.',
  })
  attachments(@Root() ballot: BallotView, @Ctx() ctx: Context): Promise<AttachmentView[]> {
    return attachmentsOf(ctx, this.services.files, 'decisionElector', ballot.electorId);
  }
}

@Resolver(() => RollUnitView)
export class RollUnitResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => [AttachmentView], {
    description:
      'The scan of the elector’s paper ballot. It shows the choice, so before the close only to whoever recorded it; after the close to everyone who may record paper ballots.',
  })
  async attachments(@Root() unit: RollUnitView, @Ctx() ctx: Context): Promise<AttachmentView[]> {
    return unit.scanVisible ? attachmentsOf(ctx, this.services.files, 'decisionElector', unit.electorId) : [];
  }
}

/** `Proposal.decision`: the decisions domain answers for its own data on the proposal. */
@Resolver(() => ProposalView)
export class ProposalDecisionResolver {
  @FieldResolver(() => DecisionView, { nullable: true, description: 'The latest owners’ vote on this proposal, if any.' })
  async decision(@Root() proposal: ProposalView, @Ctx() ctx: Context): Promise<DecisionView | null> {
    if (proposal.latestDecisionRow !== undefined)
      return proposal.latestDecisionRow ? decisionViewOfRow(proposal.latestDecisionRow as DecisionRow, proposal) : null;
    const latest = await loader(ctx, 'latestDecision', () => new DataLoader<string, Decision | null>((ids) => latestDecisions(ctx.em, ids))).load(proposal.id);
    return latest ? decisionView(latest) : null;
  }
}
