import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../community/community.enums.js';
import { requestSettings } from '../community/settings.loader.js';
import { proposalPolicy } from './proposal.settings.js';
import { requireViewer, refreshForEvent, type Context } from '../context.js';
import { decodeCursor, encodeCursor, pageOf, pageSize, type Page } from '../shared/pagination.js';
import type { Services } from '../services.js';
import { ProposalOrder, ProposalStatus } from './proposal.enums.js';
import { findProposal, listComments, listProposals, proposalHistory, type CommentRecord, type ProposalRecord } from './proposal.queries.js';
import { proposalNumber } from './proposal.service.js';
import { advanceTargets, availableActions, REASON_REQUIRED, supportsOpen } from './proposal.rules.js';
import type { ViewerContext } from '../community/viewer.js';
import { CommentConnection, CommentView, ProposalConnection, ProposalEventView, ProposalFilter, ProposalView, SubmitProposalInput } from './proposal.types.js';
import { notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { AttachmentView } from '../files/attachment.types.js';
import { attachmentsOf } from '../files/attachments.loader.js';

function view(r: ProposalRecord, threshold: number, viewer: ViewerContext): ProposalView {
  const merged = r.mergedIntoId !== null;
  const targets = advanceTargets(viewer.roles, r.status, merged);
  return {
    id: r.id,
    number: proposalNumber(r.seq),
    title: r.title,
    body: r.body,
    category: r.category,
    status: r.status,
    statusReason: r.statusReason,
    author: { id: r.authorId, displayName: r.authorName, isStaff: r.byStaff },
    expectedBenefit: r.expectedBenefit,
    estimatedCost: r.estimatedCost,
    supportCount: r.supportCount,
    commentCount: r.commentCount,
    viewerHasSupported: r.viewerHasSupported,
    supportThreshold: threshold,
    mergedInto: r.mergedIntoId ? { id: r.mergedIntoId, number: proposalNumber(r.mergedIntoSeq!), title: r.mergedIntoTitle! } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    latestDecisionRow: r.decision,
    availableActions: availableActions(viewer.roles, { status: r.status, merged, viewerHasSupported: r.viewerHasSupported }),
    advanceTargets: targets,
    advanceTargetsNeedingReason: targets.filter((to) => REASON_REQUIRED.includes(to)),
    supportsOpen: supportsOpen(r.status, merged),
  };
}

@Resolver(() => ProposalView)
export class ProposalResolver {
  constructor(private readonly services: Services) {}

  /** Read with the session (the request's settings), not looked up again. */
  private async threshold(ctx: Context): Promise<number> {
    return proposalPolicy(await requestSettings(ctx)).supportThreshold;
  }

  private async load(ctx: Context, id: string): Promise<ProposalView> {
    const record = await findProposal(ctx.em, requireViewer(ctx), id);
    if (!record) throw notFound('Proposal');
    return view(record, await this.threshold(ctx), requireViewer(ctx));
  }

  @Authorized()
  @Query(() => ProposalView, { nullable: true })
  async proposal(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ProposalView> {
    if (!isUuid(id)) throw notFound('Proposal');
    return this.load(ctx, id);
  }

  @Authorized()
  @Query(() => ProposalConnection, { description: 'The board. Merged duplicates are left out; at most 100 per page.' })
  async proposals(
    @Ctx() ctx: Context,
    @Arg('filter', () => ProposalFilter, { nullable: true }) filter?: ProposalFilter | null,
    @Arg('orderBy', () => ProposalOrder, { nullable: true, defaultValue: ProposalOrder.HOT }) orderBy: ProposalOrder = ProposalOrder.HOT,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Page<ProposalView>> {
    const viewer = requireViewer(ctx);
    const [page, threshold] = await Promise.all([listProposals(ctx.em, viewer, filter ?? {}, orderBy, pageSize(first), after), this.threshold(ctx)]);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: view(e.node, threshold, viewer) })) };
  }

  @Authorized()
  @Mutation(() => ProposalView, { description: 'Anyone in the community: staff submit innovation proposals, owners improvement suggestions.' })
  async submitProposal(@Arg('input', () => SubmitProposalInput) input: SubmitProposalInput, @Ctx() ctx: Context) {
    return this.load(ctx, await this.services.proposals.submit(ctx.em, requireViewer(ctx), input));
  }

  @Authorized(Role.OWNER)
  @Mutation(() => ProposalView, { description: 'One support per owner per proposal; supporting twice changes nothing.' })
  async supportProposal(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    await this.services.proposals.support(ctx.em, requireViewer(ctx), id, ctx.community?.settings);
    return this.load(ctx, id);
  }

  @Authorized(Role.OWNER)
  @Mutation(() => ProposalView)
  async withdrawSupport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    await this.services.proposals.withdrawSupport(ctx.em, requireViewer(ctx), id, ctx.community?.settings);
    return this.load(ctx, id);
  }

  @Authorized()
  @Mutation(() => CommentView)
  async commentOnProposal(
    @Arg('id', () => ID) id: string,
    @Arg('body', () => String) body: string,
    @Ctx() ctx: Context,
    @Arg('attachmentIds', () => [ID], {
      nullable: true,
      description: 'Photos or PDFs uploaded with POST /files by the viewer, at most 9; hidden with the comment.',
    })
    attachmentIds?: string[] | null,
  ): Promise<CommentView> {
    const viewer = requireViewer(ctx);
    return commentView(await this.services.proposals.comment(ctx.em, viewer, id, body, attachmentIds), true);
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => ProposalView, { description: 'Committee/admin: move a proposal on; DECLINED needs a public reason.' })
  async advanceProposal(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => ProposalStatus) to: ProposalStatus,
    @Ctx() ctx: Context,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ) {
    await this.services.proposals.advance(ctx.em, requireViewer(ctx), id, to, reason ?? null);
    return this.load(ctx, id);
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => ProposalView, { description: 'Committee/admin: merge a duplicate into another proposal. Returns the survivor.' })
  async mergeProposal(@Arg('id', () => ID) id: string, @Arg('intoId', () => ID) intoId: string, @Ctx() ctx: Context) {
    await this.services.proposals.merge(ctx.em, requireViewer(ctx), id, intoId);
    return this.load(ctx, intoId);
  }

  @Authorized(Role.COMMITTEE)
  @Mutation(() => CommentView, { description: 'Committee/admin: hide an abusive comment with a reason. It is never deleted.' })
  async hideComment(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context): Promise<CommentView> {
    return commentView(await this.services.proposals.hideComment(ctx.em, requireViewer(ctx), id, reason), true);
  }

  @Subscription(() => ProposalView, {
    description: 'The proposal each time its supports, comments or status change.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      if (!(await findProposal(ctx.em, requireViewer(ctx), args.id as string))) throw notFound('Proposal');
      return ctx.services.events.subscribe('PROPOSAL_CHANGED', args.id as string);
    },
  })
  async proposalChanged(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ProposalView> {
    refreshForEvent(ctx);
    return this.load(ctx, id);
  }

  @FieldResolver(() => [AttachmentView], { description: 'The sketch, plan or quotation: photos and PDFs, shown to the whole community.' })
  async attachments(@Root() proposal: ProposalView, @Ctx() ctx: Context): Promise<AttachmentView[]> {
    return attachmentsOf(ctx, this.services.files, 'proposal', proposal.id);
  }

  @FieldResolver(() => CommentConnection, { description: 'Oldest first. Hidden comments appear for admins only.' })
  async comments(
    @Root() proposal: ProposalView,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Page<CommentView>> {
    const viewer = requireViewer(ctx);
    const admin = viewer.roles.includes(Role.ADMIN);
    const size = pageSize(first, 50);
    const cursor = decodeCursor(after, ['serial']);
    const { rows, total } = await listComments(ctx.em, viewer, proposal.id, admin, size, cursor ? String(cursor[0]) : null);
    return pageOf(
      rows,
      size,
      (c) => commentView(c, admin),
      (node) => encodeCursor([node.id]),
      total,
    );
  }

  @FieldResolver(() => [ProposalEventView], { description: 'Public history: submission, every status change with its reason, merges, votes.' })
  async history(@Root() proposal: ProposalView, @Ctx() ctx: Context): Promise<ProposalEventView[]> {
    return proposalHistory(ctx.em, requireViewer(ctx), proposal.id);
  }
}

@Resolver(() => CommentView)
export class CommentResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => [AttachmentView], { description: 'Photos and PDFs of the comment; none while it is hidden, except for admins.' })
  async attachments(@Root() comment: CommentView, @Ctx() ctx: Context): Promise<AttachmentView[]> {
    if (comment.hidden && !requireViewer(ctx).roles.includes(Role.ADMIN)) return [];
    return attachmentsOf(ctx, this.services.files, 'proposalComment', comment.id);
  }
}

function commentView(c: CommentRecord, showHidden: boolean): CommentView {
  return {
    id: String(c.id),
    body: c.hiddenAt && !showHidden ? '' : c.body,
    createdAt: c.createdAt,
    hidden: c.hiddenAt !== null,
    hiddenReason: c.hiddenReason,
    author: { id: c.author.id, displayName: c.author.displayName, isStaff: c.author.roles.some((r) => r !== Role.OWNER && r !== Role.COMMITTEE) },
  };
}
