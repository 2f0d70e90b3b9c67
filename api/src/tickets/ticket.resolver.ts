import { requestCommunity } from '../community/settings.loader.js';
import { codePointLength } from '../shared/text.js';
import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, badLength, notFound } from '../shared/errors.js';
import { loader, requireViewer, refreshForEvent, type Context } from '../context.js';
import { pageSize } from '../shared/pagination.js';
import type { Services } from '../services.js';
import { TicketFollowUp } from './ticket-follow-up.entity.js';
import { TicketEventKind, TicketOrder } from './ticket.enums.js';
import { maskName } from './ticket.rules.js';
import {
  latestFollowUps,
  listTickets,
  readTicket,
  readTicketEvent,
  ticketEvents,
  ticketSolutions,
  type FollowUpRecord,
  type TicketEventRecord,
  type TicketSolutionRecord,
} from './ticket.queries.js';
import { departmentStats, rates, staffStats } from './ticket.stats.js';
import { staffStatsScope } from './ticket.policy.js';
import { Department, Role } from '../community/community.enums.js';
import { clockPolicy } from './ticket.service.js';
import {
  DepartmentPeriodStatsView,
  StaffStatsView,
  DispatchTicketInput,
  OpenTicketInput,
  StaffMember,
  StatsPeriod,
  TicketConnection,
  TicketEventView,
  TicketFilter,
  TicketFollowUpView,
  TicketSolutionView,
  TicketView,
} from './ticket.types.js';
import { ticketNumber, toView } from './ticket.view.js';
import type { Ticket } from './ticket.entity.js';
import type { Page } from '../shared/pagination.js';
import type { ClockPolicy } from './ticket.rules.js';
import { AttachmentView } from '../files/attachment.types.js';
import { attachmentsOf } from '../files/attachments.loader.js';

const CANNED_ANSWER_ID = 'The approved canned answer (常用答复) the words came from, edited or not: its use is counted. A draft is refused.';
const ATTACHMENT_IDS = 'Photos or PDFs uploaded with POST /files by the viewer, not yet attached to anything: at most 9. They follow this line’s visibility.';

@Resolver(() => TicketView)
export class TicketResolver {
  constructor(private readonly services: Services) {}

  /** A ticket a command just changed, read back as the lists read it (the one mapper of a ticket). */
  private async view(ctx: Context, ticket: Pick<Ticket, 'id'>): Promise<TicketView> {
    const viewer = requireViewer(ctx);
    const [record, policy] = await Promise.all([readTicket(ctx.em, viewer, ticket.id), this.policy(ctx)]);
    if (!record) throw notFound('Ticket');
    return toView(record, viewer, policy, ctx.clock.now());
  }

  /** A ticket the viewer asked for: NOT_FOUND where they may not see it. */
  private async visibleView(ctx: Context, id: string): Promise<TicketView> {
    const viewer = requireViewer(ctx);
    const [record, policy] = await Promise.all([this.services.tickets.visibleRecord(ctx.em, viewer, id), this.policy(ctx)]);
    return toView(record, viewer, policy, ctx.clock.now());
  }

  /** Read with the session (the request's settings and time zone), not looked up again. */
  private async policy(ctx: Context): Promise<ClockPolicy> {
    return clockPolicy(await requestCommunity(ctx));
  }

  @Authorized()
  @Query(() => TicketView, { nullable: true, description: 'NOT_FOUND for a ticket the viewer may not see, as for one that does not exist.' })
  async ticket(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<TicketView> {
    return this.visibleView(ctx, id);
  }

  @Authorized()
  @Query(() => TicketConnection, { description: 'Owners see their own tickets; staff see all (masked where not entitled). Capped at 100 per page.' })
  async tickets(
    @Ctx() ctx: Context,
    @Arg('filter', () => TicketFilter, { nullable: true }) filter?: TicketFilter | null,
    @Arg('orderBy', () => TicketOrder, { nullable: true, defaultValue: TicketOrder.NEWEST }) orderBy: TicketOrder = TicketOrder.NEWEST,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Page<TicketView>> {
    const viewer = requireViewer(ctx);
    const now = ctx.clock.now();
    const [page, policy] = await Promise.all([listTickets(ctx.em, viewer, filter ?? {}, orderBy, pageSize(first), after, now), this.policy(ctx)]);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toView(e.node, viewer, policy, now) })) };
  }

  @Authorized()
  @Mutation(() => TicketView, {
    description: 'Owners and residents file for their own units, or for a common area (commonArea, no unitId); customer service may file on an owner’s behalf.',
  })
  async openTicket(@Arg('input', () => OpenTicketInput) input: OpenTicketInput, @Ctx() ctx: Context) {
    return this.view(ctx, await this.services.tickets.open(ctx.em, requireViewer(ctx), input));
  }

  @Authorized()
  @Mutation(() => TicketView, {
    description:
      '同报 "me too": an owner or resident with the same problem joins an open common-area ticket instead of filing it again. Counted (meTooCount), on the timeline, the department and the filer told; they then hear of its progress and its closing. Once each (CONFLICT ALREADY_ME_TOO), not by the filer (ME_TOO_OWN_TICKET), not once closed (INVALID_TRANSITION).',
  })
  async addMeToo(@Arg('ticketId', () => ID) ticketId: string, @Ctx() ctx: Context) {
    return this.view(ctx, await this.services.tickets.meToo(ctx.em, requireViewer(ctx), ticketId));
  }

  @Authorized()
  @Mutation(() => TicketView, { description: '当场解答: answers a simple question and closes the ticket.' })
  async answerTicketOnTheSpot(
    @Arg('id', () => ID) id: string,
    @Arg('answer', () => String) answer: string,
    @Ctx() ctx: Context,
    @Arg('cannedAnswerId', () => ID, { nullable: true, description: CANNED_ANSWER_ID }) cannedAnswerId?: string | null,
  ) {
    checkText('answer', answer, 4000);
    return this.view(ctx, await this.services.tickets.answerOnTheSpot(ctx.em, requireViewer(ctx), id, answer, cannedAnswerId));
  }

  @Authorized()
  @Mutation(() => TicketView, { description: 'Classifies (urgency, department, category) and hands the ticket to a department.' })
  async dispatchTicket(@Arg('id', () => ID) id: string, @Arg('input', () => DispatchTicketInput) input: DispatchTicketInput, @Ctx() ctx: Context) {
    return this.view(ctx, await this.services.tickets.dispatch(ctx.em, requireViewer(ctx), id, input));
  }

  @Authorized()
  @Mutation(() => TicketEventView, { description: 'A progress update to the owner, or an internal note (staff only) when internal is true.' })
  async postTicketUpdate(
    @Arg('id', () => ID) id: string,
    @Arg('message', () => String) message: string,
    @Ctx() ctx: Context,
    @Arg('internal', () => Boolean, { defaultValue: false }) internal: boolean = false,
    @Arg('attachmentIds', () => [ID], { nullable: true, description: ATTACHMENT_IDS }) attachmentIds?: string[] | null,
    @Arg('cannedAnswerId', () => ID, { nullable: true, description: CANNED_ANSWER_ID }) cannedAnswerId?: string | null,
  ): Promise<TicketEventView> {
    checkText('message', message, 4000);
    const viewer = requireViewer(ctx);
    const event = await this.services.tickets.postUpdate(ctx.em, viewer, id, message, internal, attachmentIds, cannedAnswerId);
    const line = (await readTicketEvent(ctx.em, viewer.communityId, event.id))!;
    return eventView(line, line.actorName, line.assigneeName);
  }

  @Authorized()
  @Mutation(() => TicketView)
  async proposeSolution(
    @Arg('id', () => ID) id: string,
    @Arg('solution', () => String) solution: string,
    @Ctx() ctx: Context,
    @Arg('attachmentIds', () => [ID], { nullable: true, description: `${ATTACHMENT_IDS} A quotation, a plan.` }) attachmentIds?: string[] | null,
  ) {
    checkText('solution', solution, 4000);
    return this.view(ctx, await this.services.tickets.proposeSolution(ctx.em, requireViewer(ctx), id, solution, attachmentIds));
  }

  @Authorized()
  @Mutation(() => TicketView, { description: 'The owner (or customer service recording the owner’s answer) accepts or rejects the current solution.' })
  async respondToSolution(
    @Arg('id', () => ID) id: string,
    @Arg('accept', () => Boolean) accept: boolean,
    @Ctx() ctx: Context,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ) {
    if (reason) checkText('reason', reason, 2000);
    return this.view(ctx, await this.services.tickets.respondToSolution(ctx.em, requireViewer(ctx), id, accept, reason ?? null));
  }

  @Authorized()
  @Mutation(() => TicketView)
  async resolveTicket(
    @Arg('id', () => ID) id: string,
    @Arg('summary', () => String) summary: string,
    @Ctx() ctx: Context,
    @Arg('attachmentIds', () => [ID], {
      nullable: true,
      description: `${ATTACHMENT_IDS} The finished work (the after photo); a community may require one for repairs.`,
    })
    attachmentIds?: string[] | null,
  ) {
    checkText('summary', summary, 4000);
    return this.view(ctx, await this.services.tickets.resolve(ctx.em, requireViewer(ctx), id, summary, attachmentIds));
  }

  @Authorized()
  @Mutation(() => TicketView, {
    description:
      '回访: the owner first answers whether it is solved. solved: false reopens the ticket to the department as a new round with the owner’s words (comment, required). Otherwise satisfaction 1–5 (required) and a comment close it; 1–2 stars also open a follow-up for the property manager (followUps).',
  })
  async recordReturnVisit(
    @Arg('id', () => ID) id: string,
    @Arg('satisfaction', () => Int, { nullable: true, description: 'Required unless solved is false.' }) satisfaction: number | null | undefined,
    @Ctx() ctx: Context,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
    @Arg('solved', () => Boolean, { defaultValue: true, description: 'False: it is not fixed; the department starts again from the comment.' }) solved = true,
  ) {
    if (comment) checkText('comment', comment, 2000);
    return this.view(ctx, await this.services.tickets.recordReturnVisit(ctx.em, requireViewer(ctx), id, satisfaction ?? null, comment ?? null, solved));
  }

  @Authorized()
  @Query(() => [TicketFollowUpView], {
    description: 'Property manager or admin: follow-ups still to record (oldest first), or recorded ones (newest first); at most 100.',
  })
  async followUps(@Arg('open', () => Boolean, { defaultValue: true }) open: boolean, @Ctx() ctx: Context): Promise<TicketFollowUpView[]> {
    return (await this.services.tickets.followUps(ctx.em, requireViewer(ctx), open)).map(followUpEntityView);
  }

  @Authorized()
  @Mutation(() => TicketFollowUpView, {
    description: 'Property manager or admin: what was done about an unhappy return visit (2–2000 characters); once; on the ticket’s timeline.',
  })
  async recordFollowUp(@Arg('id', () => ID) id: string, @Arg('action', () => String) action: string, @Ctx() ctx: Context): Promise<TicketFollowUpView> {
    checkText('action', action, 2000);
    const done = await this.services.tickets.recordFollowUp(ctx.em, requireViewer(ctx), id, action);
    return followUpEntityView(await ctx.em.fork().findOneOrFail(TicketFollowUp, { id: done.id }, { populate: ['ticket', 'doneBy'] }));
  }

  @Authorized()
  @Mutation(() => TicketView, { description: 'The owner (or customer service for them) withdraws a ticket not yet resolved; it closes and its clocks stop.' })
  async cancelTicket(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    checkText('reason', reason, 2000);
    return this.view(ctx, await this.services.tickets.cancel(ctx.em, requireViewer(ctx), id, reason));
  }

  @Authorized()
  @Mutation(() => TicketView, {
    description: '催办: the owner presses for progress, at most once per the community’s interval (TOO_MANY_ATTEMPTS with retryAt before).',
  })
  async urgeTicket(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return this.view(ctx, await this.services.tickets.urge(ctx.em, requireViewer(ctx), id));
  }

  @Authorized()
  @Mutation(() => TicketView, { description: '“It is not fixed”: a resolved ticket goes back to its department within the reopen window; clocks restart.' })
  async reopenTicket(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    checkText('reason', reason, 2000);
    return this.view(ctx, await this.services.tickets.reopen(ctx.em, requireViewer(ctx), id, reason));
  }

  @Authorized()
  @Mutation(() => TicketView, {
    description: '派工: the department’s head, customer service or an admin gives the ticket to a staff member of its department.',
  })
  async assignTicket(@Arg('id', () => ID) id: string, @Arg('assigneeId', () => ID) assigneeId: string, @Ctx() ctx: Context) {
    return this.view(ctx, await this.services.tickets.assign(ctx.em, requireViewer(ctx), id, assigneeId));
  }

  @Authorized()
  @Query(() => [StaffMember], { description: 'A department’s staff, to assign from: for customer service, admins and the department’s head. At most 100.' })
  async departmentStaff(@Arg('department', () => Department) department: Department, @Ctx() ctx: Context): Promise<StaffMember[]> {
    const people = await this.services.tickets.departmentStaff(ctx.em, requireViewer(ctx), department);
    return people.map((p) => ({ id: p.id, displayName: p.displayName }));
  }

  @Authorized(Role.STAFF, Role.CUSTOMER_SERVICE)
  @Query(() => [DepartmentPeriodStatsView], {
    description: 'Managers’ dashboard: SLA compliance, return-visit and satisfaction rates per department and period.',
  })
  async departmentStats(
    @Ctx() ctx: Context,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('period', () => StatsPeriod, { defaultValue: StatsPeriod.WEEK }) period: StatsPeriod,
  ): Promise<DepartmentPeriodStatsView[]> {
    if (!(from < to)) throw badInput('to', 'must be after from', { reason: 'TIME_INVALID' });
    const weeks = (to.getTime() - from.getTime()) / (7 * 24 * 3600_000);
    if (weeks > (period === StatsPeriod.WEEK ? 60 : 260))
      throw badInput('from', 'the range is too long for this period (at most 60 weeks or 60 months)', { reason: 'RANGE_TOO_LONG' });
    const viewer = requireViewer(ctx);
    const community = await this.services.community.community(ctx.em, viewer.communityId);
    const rows = await departmentStats(ctx.em, viewer.communityId, from, to, period === StatsPeriod.WEEK ? 'week' : 'month', community.timezone);
    return rows.map((r) => ({
      department: r.department as Department,
      period: r.period.slice(0, 10),
      opened: r.opened,
      resolved: r.resolved,
      resolvedOnTime: r.resolved_on_time,
      ...rates(r),
      reopened: r.reopened,
      urges: r.urges,
    }));
  }

  @Authorized(Role.STAFF, Role.CUSTOMER_SERVICE)
  @Query(() => [StaffStatsView], {
    description:
      '个人绩效 per member of department staff: management and admins see everyone, a department head their department, everyone else their own row.',
  })
  async staffStats(@Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Promise<StaffStatsView[]> {
    if (!(from < to)) throw badInput('to', 'must be after from', { reason: 'TIME_INVALID' });
    if (to.getTime() - from.getTime() > 400 * 86_400_000) throw badInput('from', 'the range is at most 400 days', { reason: 'RANGE_TOO_LONG', days: 400 });
    const viewer = requireViewer(ctx);
    const rows = await staffStats(ctx.em, viewer.communityId, from, to, staffStatsScope(viewer));
    return rows.map((r) => ({
      person: { id: r.person_id, displayName: r.display_name },
      department: r.department as Department | null,
      active: r.active,
      assigned: r.assigned,
      openNow: r.open_now,
      resolved: r.resolved,
      resolvedOnTime: r.resolved_on_time,
      ...rates(r),
      reopened: r.reopened,
      urges: r.urges,
    }));
  }

  @Subscription(() => TicketView, {
    description: 'The ticket each time anything on it changes (any API process).',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const services = ctx.services;
      await services.tickets.visibleRecord(ctx.em, requireViewer(ctx), args.id as string);
      return services.events.subscribe('TICKET_CHANGED', args.id as string);
    },
  })
  async ticketChanged(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<TicketView> {
    refreshForEvent(ctx);
    return this.visibleView(ctx, id);
  }

  @FieldResolver(() => [TicketEventView], { description: 'The timeline, oldest first; internal notes only for staff handling the ticket.' })
  async events(@Root() ticket: TicketView, @Ctx() ctx: Context): Promise<TicketEventView[]> {
    const viewer = requireViewer(ctx);
    const events = await loader(
      ctx,
      'ticketEvents',
      () =>
        new DataLoader<string, TicketEventRecord[]>(async (ids) => {
          const rows = await ticketEvents(ctx.em, viewer.communityId, ids);
          return ids.map((id) => rows.filter((e) => e.ticketId === id));
        }),
    ).load(ticket.id);
    const viewerId = viewer.id;
    return events
      .filter((e) => ticket.staffView || !e.internal)
      .map((e) => {
        const name = e.actorName;
        // Those who said "me too" are owners too: only the handling staff see who they are (the filer does not).
        const masked =
          (ticket.personalDataMasked && e.actorId === ticketOwnerId(ticket)) ||
          (e.kind === TicketEventKind.ME_TOO && !ticket.staffView && e.actorId !== viewerId);
        return eventView(e, masked && name ? maskName(name) : name, e.assigneeName);
      });
  }

  @FieldResolver(() => TicketFollowUpView, {
    nullable: true,
    description: 'The latest follow-up of a 1–2 star return visit, if any: whoever sees the ticket sees what the manager did.',
  })
  async followUp(@Root() ticket: TicketView, @Ctx() ctx: Context): Promise<TicketFollowUpView | null> {
    const communityId = requireViewer(ctx).communityId;
    const latest = await loader(
      ctx,
      'ticketFollowUps',
      () =>
        new DataLoader<string, FollowUpRecord | null>(async (ids) => {
          const rows = await latestFollowUps(ctx.em, communityId, ids);
          return ids.map((id) => rows.find((f) => f.ticketId === id) ?? null);
        }),
    ).load(ticket.id);
    return latest ? followUpView(latest) : null;
  }

  @FieldResolver(() => [TicketSolutionView], { description: 'Every solution round with the owner’s answer.' })
  async solutions(@Root() ticket: TicketView, @Ctx() ctx: Context): Promise<TicketSolutionView[]> {
    const communityId = requireViewer(ctx).communityId;
    const solutions = await loader(
      ctx,
      'ticketSolutions',
      () =>
        new DataLoader<string, TicketSolutionRecord[]>(async (ids) => {
          const rows = await ticketSolutions(ctx.em, communityId, ids);
          return ids.map((id) => rows.filter((s) => s.ticketId === id));
        }),
    ).load(ticket.id);
    return solutions.map(({ ticketId: _, ...solution }) => solution);
  }
}

@Resolver(() => TicketEventView)
export class TicketEventResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => [AttachmentView], { description: 'Photos and PDFs of this line; those of an internal note reach only the staff who see the note.' })
  async attachments(@Root() event: TicketEventView, @Ctx() ctx: Context): Promise<AttachmentView[]> {
    return attachmentsOf(ctx, this.services.files, 'ticketEvent', event.id);
  }
}

const ticketOwnerId = (ticket: TicketView) => ticket.ownerId;

const followUpView = (f: FollowUpRecord): TicketFollowUpView => ({
  id: f.id,
  ticket: { id: f.ticketId, number: ticketNumber(f.ticketSeq), title: f.ticketTitle },
  satisfaction: f.satisfaction,
  comment: f.comment,
  openedAt: f.openedAt,
  doneAt: f.doneAt,
  doneByName: f.doneByName,
  action: f.action,
});

/** The manager's lists and commands hold entities (the ticket and the person populated). */
const followUpEntityView = (f: TicketFollowUp): TicketFollowUpView =>
  followUpView({ ...f, ticketId: f.ticket.id, ticketSeq: f.ticket.seq, ticketTitle: f.ticket.title, doneByName: f.doneBy?.displayName ?? null });

type EventLine = Omit<TicketEventRecord, 'ticketId' | 'actorId' | 'actorName' | 'assigneeName'>;

function eventView(e: EventLine, actorName: string | null, assigneeName: string | null): TicketEventView {
  return {
    id: e.id,
    at: e.at,
    kind: e.kind,
    message: e.message,
    internal: e.internal,
    actorName,
    round: e.round,
    clock: e.clock,
    urgency: e.urgency,
    department: e.department,
    assigneeName,
  };
}

function checkText(field: string, value: string, max: number) {
  const length = codePointLength(value);
  if (length < 1 || length > max) throw badLength(field, 1, max);
}
