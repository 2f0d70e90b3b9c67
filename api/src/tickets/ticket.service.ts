import { LockMode, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Community } from '../community/community.entity.js';
import { Department, Role } from '../community/community.enums.js';
import { slaCalendar, ticketSettings } from './ticket.settings.js';
import { Ownership } from '../community/ownership.entity.js';
import { Person } from '../community/person.entity.js';
import { Resident } from '../community/resident.entity.js';
import type { Unit } from '../community/unit.entity.js';
import type { NotificationService, Notice } from '../notifications/notification.service.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import { badInput, badLength, conflict, DomainError, forbidden, invalidTransition, notFound } from '../shared/errors.js';
import { codePointLength } from '../shared/text.js';
import type { EventBus } from '../shared/events.js';
import { TicketEvent } from './ticket-event.entity.js';
import { TicketSolution } from './ticket-solution.entity.js';
import { TicketFollowUp } from './ticket-follow-up.entity.js';
import { canFollowUp } from './ticket.policy.js';
import { Ticket } from './ticket.entity.js';
import { type SlaClock, TicketEventKind, TicketKind, TicketStatus, type Urgency, type VisitSlot } from './ticket.enums.js';
import {
  canBeAssigned,
  canListDepartmentStaff,
  canView,
  check,
  COMMON_AREA_KINDS,
  COMMON_AREA_LENGTH,
  currentDeadline,
  escalationLevel,
  intakeUrgency,
  isNeighbour,
  missedClocks,
  needsFollowUp,
  relationsOf,
  visitProblem,
  type ClockFacts,
  type ClockPolicy,
  type Decision,
  type TicketAction,
} from './ticket.rules.js';
import { workCalendar, workingTimeBetween } from './sla-calendar.rules.js';
import { TicketMeToo } from './ticket-me-too.entity.js';
import type { TicketRecord } from './ticket.view.js';
import { readTicket } from './ticket.queries.js';
import { ticketNumber } from './ticket.view.js';
import { isUuid } from '../shared/ids.js';
import { withinTransaction } from '../db/transaction.js';
import type { FilesService } from '../files/files.service.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';

/** What the ticket commands ask of the knowledge base: count a canned answer's use, in their transaction. */
type CannedAnswerUses = Pick<KnowledgeService, 'recordUse'>;
import { checkAttachmentIds } from '../files/attachment.rules.js';
import { attachmentPolicy } from '../files/attachment.settings.js';
import { isImageKind } from '../files/file-kinds.js';

const MAX_PROMISE_MS = 30 * 24 * 3600_000;

export interface OpenTicket {
  kind: TicketKind;
  title: string;
  description: string;
  /** The owner's unit, or null for a common-area ticket: exactly one of unitId and commonArea. */
  unitId?: string | null;
  commonArea?: string | null;
  /** A repair: when the owner would like the visit (community-local date and slot). */
  preferredVisit?: { date: string; slot: VisitSlot } | null;
  contactPhone?: string | null;
  demand?: string | null;
  onBehalfOfOwnerId?: string | null;
  /** Photos of the problem (uploaded with POST /files). */
  attachmentIds?: string[] | null;
}

export interface DispatchTicket {
  urgency: Urgency;
  department: Department;
  category?: string | null;
  promisedReplyAt?: Date | null;
}

/** What one command changed, so that it can be announced after the flush. */
interface Work {
  ticket: Ticket;
  now: Date;
  actor: Person | null;
  notified: string[];
  /** Overrides the transition table's target (a 1–2 star return visit reopens instead of closing). */
  to?: TicketStatus;
  /** Files to attach to this line of the timeline, in the command's transaction. */
  attach?: { event: TicketEvent; fileIds: string[] };
  /** The canned answer the words came from (常用答复), counted in the command's transaction. */
  cannedAnswerId?: string | null;
}

const clockFacts = (t: Ticket): ClockFacts => ({
  status: t.status,
  urgency: t.urgency,
  createdAt: t.createdAt,
  respondedAt: t.respondedAt,
  firstSolutionAt: t.firstSolutionAt,
  resolvedAt: t.resolvedAt,
  closedAt: t.closedAt,
  promisedReplyAt: t.promisedReplyAt,
  promiseKeptAt: t.promiseKeptAt,
  pausedMs: Number(t.pausedMs),
  clockStartedAt: t.clockStartedAt,
  department: t.department,
  pausedWorkMs: Number(t.pausedWorkMs),
  updateClockFrom: t.updateClockFrom,
});

/** The community's SLA policy with its calendar, as the clocks apply it. */
export const clockPolicy = (community: Pick<Community, 'settings' | 'timezone'>): ClockPolicy => {
  const settings = ticketSettings(community.settings);
  return { ...settings.sla, calendar: slaCalendar(settings, community.timezone) };
};

/** The charter's service-desk use cases. Each command loads, asks the rules, and flushes once. */
export class TicketService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly notifications: NotificationService,
    /** Absent in the demo seed, which attaches nothing. */
    private readonly files: FilesService | null = null,
    /** Absent in the demo seed, which uses no canned answers. */
    private readonly knowledge: (() => CannedAnswerUses) | null = null,
  ) {}

  async policy(em: EntityManager, communityId: string): Promise<ClockPolicy> {
    return clockPolicy(await em.findOneOrFail(Community, { id: communityId }, { fields: ['settings', 'timezone'] }));
  }

  // Queries -----------------------------------------------------------------------------------

  /** A ticket the viewer may see, or NOT_FOUND (also for another owner's ticket: its existence is private). */
  async visible(em: EntityManager, viewer: ViewerContext, id: string): Promise<Ticket> {
    if (!isUuid(id)) throw notFound('Ticket');
    const ticket = await em.findOne(Ticket, { id }, { populate: ['unit', 'owner', 'assignee'] });
    if (!ticket || !canView(viewer, await this.facts(em, viewer, ticket))) throw notFound('Ticket');
    return ticket;
  }

  /** The ticket as the lists read it, if the viewer may see it: NOT_FOUND otherwise, as for one that does not exist. */
  async visibleRecord(em: EntityManager, viewer: ViewerContext, id: string): Promise<TicketRecord> {
    if (!isUuid(id)) throw notFound('Ticket');
    const record = await readTicket(em, viewer, id);
    const facts = record && { ownerId: record.ownerId, department: record.department, commonArea: record.commonArea !== null, viewerMeToo: record.meTooByMe };
    if (!facts || !canView(viewer, facts)) throw notFound('Ticket');
    return record!;
  }

  /** Whether the viewer said "me too" on the ticket (only a common-area ticket has any). */
  async hasMeToo(em: EntityManager, viewerId: string, ticket: Ticket): Promise<boolean> {
    if (!ticket.commonArea || ticket.meTooCount === 0) return false;
    return (await em.count(TicketMeToo, { ticket: ticket.id, person: viewerId })) > 0;
  }

  private async facts(em: EntityManager, viewer: ViewerContext, ticket: Ticket) {
    return {
      ownerId: ticket.owner.id,
      department: ticket.department,
      commonArea: ticket.commonArea !== null,
      viewerMeToo: await this.hasMeToo(em, viewer.id, ticket),
    };
  }

  /** The staff of a department, to assign from (派工). */
  async departmentStaff(em: EntityManager, viewer: ViewerContext, department: Department): Promise<Pick<Person, 'id' | 'displayName'>[]> {
    if (!canListDepartmentStaff(viewer, department)) throw forbidden('Only customer service, admins and the department’s head list its staff.', 'DESK_ONLY');
    return em.find(
      Person,
      { community: viewer.communityId, department, roles: { $contains: [Role.STAFF] }, deactivatedAt: null },
      { fields: ['id', 'displayName'], orderBy: { displayName: 'asc', id: 'asc' }, limit: 100 },
    );
  }

  /** The viewer's current residency of the unit (a tenancy counts until its last day, in the community's time zone). */
  private async residency(em: EntityManager, viewer: ViewerContext, unitId: string): Promise<{ unit: Unit; person: Person } | null> {
    if (!isUuid(unitId)) return null;
    const [row] = await em.execute<{ id: string }[]>(
      `select r.id from resident r join community c on c.id = r.community_id
        where r.person_id = ? and r.unit_id = ? and (r.until is null or r.until >= (? at time zone c.timezone)::date)`,
      [viewer.id, unitId, this.clock.now()],
    );
    return row ? em.findOneOrFail(Resident, { id: row.id }, { populate: ['unit', 'person'] }) : null;
  }

  /** The person a common-area ticket is filed for: an owner or resident of the community (the viewer, or the one customer service names). */
  private async neighbour(em: EntityManager, viewer: ViewerContext, personId: string, onBehalf: boolean): Promise<{ unit: null; person: Person }> {
    const person = isUuid(personId) ? await em.findOne(Person, { id: personId, community: viewer.communityId, deactivatedAt: null }) : null;
    if (person && isNeighbour(person)) return { unit: null, person };
    if (onBehalf) throw badInput('onBehalfOfOwnerId', 'is not an owner or resident of the community', { reason: 'NOT_ELIGIBLE' });
    throw forbidden('Only owners and residents report a common area; staff pass it on through customer service.', 'OWNERS_ONLY');
  }

  // Commands ----------------------------------------------------------------------------------

  async open(em: EntityManager, viewer: ViewerContext, input: OpenTicket): Promise<Ticket> {
    const now = this.clock.now();
    const demand = input.demand?.trim() || null;
    if (input.kind === TicketKind.COMPLAINT && !demand)
      throw badInput('demand', 'is required for a complaint (诉求: what the owner asks for)', { reason: 'DEMAND_REQUIRED' });
    const attachmentIds = checkAttachmentIds(input.attachmentIds);
    const onBehalf = input.onBehalfOfOwnerId ?? null;
    if (onBehalf && !viewer.roles.includes(Role.CUSTOMER_SERVICE) && !viewer.roles.includes(Role.ADMIN)) {
      throw forbidden('Only customer service can record a ticket on an owner’s behalf.', 'DESK_ONLY');
    }
    const ownerId = onBehalf ?? viewer.id;
    const commonArea = input.commonArea?.trim() || null;
    const unitId = input.unitId ?? null;
    if (!commonArea && !unitId)
      throw badInput('unitId', 'choose the unit, or name the common area (commonArea) the ticket is about', { reason: 'UNIT_OR_COMMON_AREA' });
    if (commonArea && unitId) throw badInput('commonArea', 'a ticket is about a unit or a common area, not both', { reason: 'UNIT_OR_COMMON_AREA' });
    if (commonArea) {
      if (!COMMON_AREA_KINDS.includes(input.kind))
        throw badInput('kind', 'a common area takes repairs and complaints; an inquiry is filed for the owner’s unit', { reason: 'COMMON_AREA_KIND' });
      const length = codePointLength(commonArea);
      if (length < COMMON_AREA_LENGTH.min || length > COMMON_AREA_LENGTH.max) throw badLength('commonArea', COMMON_AREA_LENGTH.min, COMMON_AREA_LENGTH.max);
    }
    const visit = input.preferredVisit ?? null;
    if (visit) {
      if (input.kind !== TicketKind.REPAIR) throw badInput('preferredVisit', 'is for repairs only', { reason: 'VISIT_REPAIRS_ONLY' });
      const { timezone } = await em.findOneOrFail(Community, { id: viewer.communityId }, { fields: ['timezone'] });
      const refusal = visitProblem(visit.date, visit.slot, now, timezone);
      if (refusal) throw badInput('preferredVisit', refusal.message, { reason: refusal.reason, ...(refusal.days ? { days: refusal.days } : {}) });
    }
    // A resident (住户) files for the unit they live in, and follows the ticket as its owner would.
    // Anyone who lives in the community files for its common parts.
    const ownership = commonArea
      ? await this.neighbour(em, viewer, ownerId, Boolean(onBehalf))
      : ((await em.findOne(Ownership, { person: ownerId, unit: unitId! }, { populate: ['unit', 'person'] })) ??
        (onBehalf ? null : await this.residency(em, viewer, unitId!)));
    if (!ownership) {
      if (onBehalf) throw badInput('unitId', 'is not a unit of that owner', { reason: 'UNIT_NOT_THE_OWNERS' });
      throw forbidden('Owners file tickets for their own units only.', 'OWN_UNITS_ONLY');
    }
    const owner = ownership.person;
    const contactPhone = input.contactPhone?.trim() || owner.phone;
    if (!contactPhone) throw badInput('contactPhone', 'is required: the owner has no phone on record', { reason: 'PHONE_REQUIRED' });
    const actor = em.getReference(Person, viewer.id);

    const ticket = await em.transactional(async (tx) => {
      const [row] = await tx.execute<{ ticket_seq: number }[]>('update community set ticket_seq = ticket_seq + 1 where id = ? returning ticket_seq', [
        viewer.communityId,
      ]);
      const created = tx.create(Ticket, {
        community: viewer.communityId,
        seq: row!.ticket_seq,
        kind: input.kind,
        title: input.title.trim(),
        description: input.description.trim(),
        demand,
        unit: ownership.unit,
        commonArea,
        preferredVisitDate: visit?.date ?? null,
        preferredVisitSlot: visit?.slot ?? null,
        owner,
        createdBy: actor,
        contactPhone,
        urgency: intakeUrgency(input.kind),
        createdAt: now,
        updatedAt: now,
      });
      const work: Work = { ticket: created, now, actor, notified: [] };
      const opened = this.event(tx, work, TicketEventKind.OPENED, { message: onBehalf ? 'RECORDED_BY_CUSTOMER_SERVICE' : null });
      if (visit) this.event(tx, work, TicketEventKind.VISIT_PREFERRED, { message: `${visit.date} ${visit.slot}` });
      this.refreshClocks(tx, work, await this.policy(tx, viewer.communityId));
      if (attachmentIds.length) {
        await tx.flush();
        await this.filesOrFail().attachToTicketEvent(tx, viewer, attachmentIds, opened);
      }
      if (onBehalf) {
        this.notify(tx, work, [owner.id], 'TICKET_RECORDED_FOR_YOU');
      } else {
        this.notify(tx, work, await this.peopleWith(tx, viewer.communityId, { role: Role.CUSTOMER_SERVICE }), 'TICKET_OPENED');
      }
      await this.announce(tx, work);
      return created;
    });
    return ticket;
  }

  answerOnTheSpot(em: EntityManager, viewer: ViewerContext, id: string, answer: string, cannedAnswerId?: string | null) {
    return this.command(em, viewer, id, 'answerOnTheSpot', async (work) => {
      const t = work.ticket;
      work.cannedAnswerId = cannedAnswerId;
      t.answer = answer.trim();
      t.respondedAt = work.now;
      t.closedAt = work.now;
      this.event(em, work, TicketEventKind.ANSWERED, { message: t.answer });
      this.notify(em, work, [t.owner.id, ...(await this.meTooOf(em, t))], 'TICKET_ANSWERED');
    });
  }

  dispatch(em: EntityManager, viewer: ViewerContext, id: string, input: DispatchTicket) {
    return this.command(em, viewer, id, 'dispatch', async (work) => {
      const t = work.ticket;
      const promised = input.promisedReplyAt ?? null;
      if (promised) {
        if (Number.isNaN(promised.getTime())) throw badInput('promisedReplyAt', 'is not a valid time', { reason: 'TIME_INVALID' });
        if (promised <= work.now) throw badInput('promisedReplyAt', 'must be in the future', { reason: 'TIME_PAST' });
        if (promised.getTime() - work.now.getTime() > MAX_PROMISE_MS)
          throw badInput('promisedReplyAt', 'must be within 30 days', { reason: 'TIME_TOO_FAR', days: 30 });
      }
      const redispatch = t.department !== null && t.department !== input.department;
      // The assignee belongs to the old department; its head assigns anew.
      if (redispatch) t.assignee = null;
      t.urgency = input.urgency;
      t.department = input.department;
      t.category = input.category?.trim() || null;
      t.classified = true;
      t.respondedAt ??= work.now;
      if (promised) {
        t.promisedReplyAt = promised;
        t.promiseKeptAt = null;
      }
      this.event(em, work, TicketEventKind.DISPATCHED, { message: t.category, urgency: input.urgency, department: input.department });
      this.notify(
        em,
        work,
        await this.peopleWith(em, t.community.id, { department: input.department }),
        redispatch ? 'TICKET_REDISPATCHED' : 'TICKET_DISPATCHED',
      );
      this.notify(em, work, [t.owner.id, ...(await this.meTooOf(em, t))], 'TICKET_ACCEPTED_FOR_INVESTIGATION');
    });
  }

  async postUpdate(
    em: EntityManager,
    viewer: ViewerContext,
    id: string,
    message: string,
    internal: boolean,
    attachmentIds?: string[] | null,
    cannedAnswerId?: string | null,
  ): Promise<TicketEvent> {
    const fileIds = checkAttachmentIds(attachmentIds);
    let created: TicketEvent | null = null;
    await this.command(em, viewer, id, internal ? 'postInternalUpdate' : 'postUpdate', async (work) => {
      const t = work.ticket;
      work.cannedAnswerId = cannedAnswerId;
      const byOwner = viewer.id === t.owner.id;
      if (!internal && !byOwner && t.promisedReplyAt && !t.promiseKeptAt) t.promiseKeptAt = work.now;
      created = this.event(em, work, TicketEventKind.UPDATE, { message: message.trim(), internal });
      work.attach = { event: created, fileIds };
      if (byOwner) {
        const handlers = t.department ? await this.peopleWith(em, t.community.id, { department: t.department }) : [];
        this.notify(em, work, [...handlers, ...(await this.peopleWith(em, t.community.id, { role: Role.CUSTOMER_SERVICE }))], 'TICKET_OWNER_MESSAGE');
      } else if (!internal) {
        this.notify(em, work, [t.owner.id, ...(await this.meTooOf(em, t))], 'TICKET_UPDATE');
      }
    });
    return created!;
  }

  proposeSolution(em: EntityManager, viewer: ViewerContext, id: string, solution: string, attachmentIds?: string[] | null) {
    const fileIds = checkAttachmentIds(attachmentIds);
    return this.command(em, viewer, id, 'proposeSolution', async (work) => {
      const t = work.ticket;
      t.solutionRounds += 1;
      t.firstSolutionAt ??= work.now;
      if (t.promisedReplyAt && !t.promiseKeptAt) t.promiseKeptAt = work.now;
      em.create(TicketSolution, {
        community: t.community,
        ticket: t,
        round: t.solutionRounds,
        text: solution.trim(),
        proposedBy: work.actor!,
        proposedAt: work.now,
      });
      work.attach = { event: this.event(em, work, TicketEventKind.SOLUTION_PROPOSED, { message: solution.trim(), round: t.solutionRounds }), fileIds };
      this.notify(em, work, [t.owner.id, ...(await this.peopleWith(em, t.community.id, { role: Role.CUSTOMER_SERVICE }))], 'TICKET_SOLUTION_PROPOSED');
      // The filer answers the solution; those who said "me too" hear that there is news.
      this.notify(em, work, await this.meTooOf(em, t), 'TICKET_UPDATE');
    });
  }

  respondToSolution(em: EntityManager, viewer: ViewerContext, id: string, accept: boolean, reason: string | null) {
    const why = reason?.trim() || null;
    return this.command(em, viewer, id, accept ? 'acceptSolution' : 'rejectSolution', async (work) => {
      const t = work.ticket;
      if (!accept && !why)
        throw badInput('reason', 'is required when rejecting a solution, so the department knows what to change', { reason: 'REASON_REQUIRED' });
      const current = await em.findOneOrFail(TicketSolution, { ticket: t, round: t.solutionRounds });
      current.accepted = accept;
      current.responseReason = why;
      current.respondedAt = work.now;
      current.respondedBy = work.actor;
      this.event(em, work, accept ? TicketEventKind.SOLUTION_ACCEPTED : TicketEventKind.SOLUTION_REJECTED, { message: why, round: t.solutionRounds });
      const handlers = t.department ? await this.peopleWith(em, t.community.id, { department: t.department }) : [];
      this.notify(em, work, handlers, accept ? 'TICKET_SOLUTION_ACCEPTED' : 'TICKET_SOLUTION_REJECTED');
      if (accept) this.notify(em, work, await this.meTooOf(em, t), 'TICKET_UPDATE');
    });
  }

  resolve(em: EntityManager, viewer: ViewerContext, id: string, summary: string, attachmentIds?: string[] | null) {
    const fileIds = checkAttachmentIds(attachmentIds);
    return this.command(em, viewer, id, 'resolve', async (work) => {
      const t = work.ticket;
      if (t.kind === TicketKind.REPAIR) {
        const { settings } = await em.findOneOrFail(Community, { id: viewer.communityId }, { fields: ['settings'] });
        if (attachmentPolicy(settings).repairResolutionNeedsPhoto) {
          const files = await this.filesOrFail().ownUnattached(em, viewer, fileIds);
          if (!files.some((f) => isImageKind(f.kind)))
            throw badInput('attachmentIds', 'a repair is resolved with at least one photo of the finished work (the community’s rule)', {
              reason: 'PHOTO_REQUIRED',
            });
        }
      }
      t.resolutionSummary = summary.trim();
      t.resolvedAt = work.now;
      work.attach = { event: this.event(em, work, TicketEventKind.RESOLVED, { message: t.resolutionSummary }), fileIds };
      this.notify(em, work, [t.owner.id, ...(await this.peopleWith(em, t.community.id, { role: Role.CUSTOMER_SERVICE }))], 'TICKET_RESOLVED');
      // The return visit is the filer's (one rating per ticket); the others hear it is done.
      this.notify(em, work, await this.meTooOf(em, t), 'TICKET_ME_TOO_RESOLVED');
    });
  }

  /**
   * 回访. The owner first answers "solved?": no reopens the ticket to the department as a new round,
   * with the owner's words (required). Yes closes it with the rating 1–5, which stays on the ticket and
   * counts in the figures; a rating of 1–2 also opens a follow-up task for the manager (回访跟进).
   */
  recordReturnVisit(em: EntityManager, viewer: ViewerContext, id: string, satisfaction: number | null, comment: string | null, solved = true) {
    const words = comment?.trim() || null;
    if (!solved) {
      if (!words) throw badInput('comment', 'say what is still not solved: the department starts again from it', { reason: 'REASON_REQUIRED' });
      return this.command(em, viewer, id, 'recordReturnVisit', async (work) => {
        await this.reopenRound(em, work, words, 'TICKET_REOPENED');
        work.to = TicketStatus.INVESTIGATING;
      });
    }
    if (satisfaction === null || !Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) {
      throw badInput('satisfaction', 'must be a whole number from 1 to 5', { reason: 'OUT_OF_RANGE', min: 1, max: 5 });
    }
    return this.command(em, viewer, id, 'recordReturnVisit', async (work) => {
      const t = work.ticket;
      t.satisfaction = satisfaction;
      t.returnVisitComment = words;
      t.closedAt = work.now;
      this.event(em, work, TicketEventKind.RETURN_VISIT, { message: t.returnVisitComment, round: satisfaction });
      const handlers = t.department ? await this.peopleWith(em, t.community.id, { department: t.department }) : [];
      this.notify(em, work, handlers, 'TICKET_RATED');
      // Closed together: everyone who said "me too" is told it is closed.
      this.notify(em, work, await this.meTooOf(em, t), 'TICKET_CLOSED');
      if (needsFollowUp(satisfaction)) {
        em.persist(em.create(TicketFollowUp, { community: t.community, ticket: t, satisfaction, comment: words, openedAt: work.now }));
        const managers = await this.peopleWith(em, t.community.id, { department: Department.MANAGEMENT });
        this.notify(em, work, managers, 'TICKET_FOLLOW_UP');
      }
    });
  }

  /** 回访跟进: the manager (or an admin) records what was done about an unhappy return visit; once, shown on the ticket. */
  async recordFollowUp(em: EntityManager, viewer: ViewerContext, followUpId: string, action: string): Promise<TicketFollowUp> {
    if (!canFollowUp(viewer)) throw forbidden('Only the property manager or an admin records a follow-up.', 'MANAGER_ONLY');
    const text = action.trim();
    if (codePointLength(text) < 2 || codePointLength(text) > 2000) throw badLength('action', 2, 2000);
    if (!isUuid(followUpId)) throw notFound('Follow-up');
    return em.transactional(async (tx) => {
      const found = await tx.findOne(
        TicketFollowUp,
        { id: followUpId, community: viewer.communityId },
        { populate: ['ticket'], lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!found) throw notFound('Follow-up');
      if (found.doneAt) throw invalidTransition('This follow-up has been recorded already; it is not edited.', { reason: 'FOLLOW_UP_DONE' });
      found.doneAt = this.clock.now();
      found.doneBy = tx.getReference(Person, viewer.id);
      found.action = text;
      const work: Work = { ticket: found.ticket, now: found.doneAt, actor: tx.getReference(Person, viewer.id), notified: [] };
      this.event(tx, work, TicketEventKind.FOLLOWED_UP, { message: text, round: found.satisfaction });
      this.notify(tx, work, [found.ticket.owner.id], 'TICKET_FOLLOWED_UP');
      await tx.flush();
      await this.announce(tx, work);
      return found;
    });
  }

  /** Open follow-ups of the community, oldest first (the manager's list); or recorded ones, newest first. */
  followUps(em: EntityManager, viewer: ViewerContext, open: boolean): Promise<TicketFollowUp[]> {
    if (!canFollowUp(viewer)) throw forbidden('Only the property manager or an admin sees follow-ups.', 'MANAGER_ONLY');
    return em.find(
      TicketFollowUp,
      { community: viewer.communityId, doneAt: open ? null : { $ne: null } },
      { populate: ['ticket', 'doneBy'], orderBy: open ? { openedAt: 'asc' } : { doneAt: 'desc' }, limit: 100 },
    );
  }

  /** The owner (or customer service for them) withdraws a ticket not yet resolved: it closes, its clocks stop. */
  cancel(em: EntityManager, viewer: ViewerContext, id: string, reason: string) {
    return this.command(em, viewer, id, 'cancel', async (work) => {
      const t = work.ticket;
      t.cancelledAt = work.now;
      t.cancelReason = reason.trim();
      t.closedAt = work.now;
      this.event(em, work, TicketEventKind.CANCELLED, { message: t.cancelReason });
      const handlers = t.department ? await this.peopleWith(em, t.community.id, { department: t.department }) : [];
      const cs = await this.peopleWith(em, t.community.id, { role: Role.CUSTOMER_SERVICE });
      this.notify(em, work, [...cs, ...handlers, ...(viewer.id === t.owner.id ? [] : [t.owner.id])], 'TICKET_CANCELLED');
      this.notify(em, work, await this.meTooOf(em, t), 'TICKET_CLOSED');
    });
  }

  /** 催办: at most once per the policy's interval (the rules refuse sooner); the department's head and customer service are told. */
  urge(em: EntityManager, viewer: ViewerContext, id: string) {
    return this.command(em, viewer, id, 'urge', async (work) => {
      const t = work.ticket;
      t.urgeCount += 1;
      t.lastUrgedAt = work.now;
      const department = t.department ?? Department.CUSTOMER_SERVICE;
      this.event(em, work, TicketEventKind.URGED, { round: t.urgeCount, department });
      const heads = await this.peopleWith(em, t.community.id, { department, heads: true });
      const cs = await this.peopleWith(em, t.community.id, { role: Role.CUSTOMER_SERVICE });
      this.notify(em, work, [...heads, ...cs], 'TICKET_URGED');
    });
  }

  /** 派工: the department's head (or customer service) gives the ticket to one of its staff; each reassignment is a timeline line. */
  assign(em: EntityManager, viewer: ViewerContext, id: string, assigneeId: string) {
    return this.command(em, viewer, id, 'assign', async (work) => {
      const t = work.ticket;
      const person = isUuid(assigneeId) ? await em.findOne(Person, { id: assigneeId, community: t.community.id }) : null;
      if (!person || !canBeAssigned(person, t))
        throw badInput('assigneeId', `is not staff of the ${t.department ?? 'handling'} department`, { reason: 'NOT_IN_DEPARTMENT', department: t.department });
      if (t.assignee?.id === person.id) return;
      const previous = t.assignee?.id ?? null;
      t.assignee = person;
      this.event(em, work, TicketEventKind.ASSIGNED, { assignee: person, department: t.department ?? undefined });
      this.notify(em, work, [person.id], 'TICKET_ASSIGNED');
      if (previous) this.notify(em, work, [previous], 'TICKET_UNASSIGNED');
    });
  }

  /**
   * 同报: an owner or resident with the same problem in a common area joins the ticket instead of
   * filing it again — once (the unique key; a second time is CONFLICT ALREADY_ME_TOO), while it is
   * open. The count moves in the same statement that checks the status, under its row lock, without
   * the version check: two neighbours at once both count, and nobody's staff command is refused for it.
   */
  async meToo(em: EntityManager, viewer: ViewerContext, id: string): Promise<Ticket> {
    const ticket = await this.visible(em, viewer, id);
    const policy = await this.policy(em, viewer.communityId);
    const now = this.clock.now();
    refuse(check('meToo', ticket, relationsOf(viewer, await this.facts(em, viewer, ticket)), policy, now));
    await withinTransaction(em, async () => {
      const inserted = await em.execute<{ id: string }[]>(
        `insert into ticket_me_too (id, community_id, ticket_id, person_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?)
         on conflict (ticket_id, person_id) do nothing returning id`,
        [viewer.communityId, ticket.id, viewer.id, now],
      );
      if (!inserted.length) throw conflict('You have said "me too" on this ticket already.', { reason: 'ALREADY_ME_TOO' });
      const [row] = await em.execute<{ me_too_count: number }[]>(
        `update ticket set me_too_count = me_too_count + 1, updated_at = ? where id = ? and status <> 'CLOSED' returning me_too_count`,
        [now, ticket.id],
      );
      if (!row)
        throw invalidTransition('The ticket closed meanwhile: report it again if the problem is back.', {
          reason: 'TICKET_STATUS',
          status: TicketStatus.CLOSED,
        });
      const work: Work = { ticket, now, actor: em.getReference(Person, viewer.id), notified: [] };
      this.event(em, work, TicketEventKind.ME_TOO, { round: row.me_too_count });
      const handlers = ticket.department ? await this.peopleWith(em, ticket.community.id, { department: ticket.department }) : [];
      const cs = await this.peopleWith(em, ticket.community.id, { role: Role.CUSTOMER_SERVICE });
      this.notify(em, work, [...cs, ...handlers, ticket.owner.id], 'TICKET_ME_TOO');
      await em.flush();
      await this.announce(em, work);
    });
    return em.fork().findOneOrFail(Ticket, { id: ticket.id }, { populate: ['unit', 'owner', 'assignee'] });
  }

  /** "It is not fixed": back to the handling department within the policy's window, clocks restarted, counted against it. */
  reopen(em: EntityManager, viewer: ViewerContext, id: string, reason: string) {
    return this.command(em, viewer, id, 'reopen', (work) => this.reopenRound(em, work, reason.trim(), 'TICKET_REOPENED'));
  }

  /**
   * The SLA sweep: records missed clocks and escalates overdue tickets. Run by the job loop and by
   * tests; safe to run in several processes at once (an advisory lock lets one in at a time).
   */
  async sweep(em: EntityManager, limit = 200): Promise<number> {
    const now = this.clock.now();
    const announce: Work[] = [];
    await em.transactional(async (tx) => {
      const [lock] = await tx.execute<{ ok: boolean }[]>('select pg_try_advisory_xact_lock(278001) as ok');
      if (!lock?.ok) return;
      const due = await tx.find(
        Ticket,
        { dueAt: { $lt: now } },
        { populate: ['unit', 'owner', 'community'], orderBy: { dueAt: 'asc' }, limit, filters: false },
      );
      const policies = new Map<string, ClockPolicy>();
      for (const ticket of due) {
        const communityId = ticket.community.id;
        if (!policies.has(communityId)) policies.set(communityId, clockPolicy(ticket.community));
        const policy = policies.get(communityId)!;
        const work: Work = { ticket, now, actor: null, notified: [] };
        const before = ticket.missed.length;
        this.refreshClocks(tx, work, policy);
        const level = escalationLevel(currentDeadline(clockFacts(ticket), policy), now);
        if (level > ticket.escalationLevel) {
          ticket.escalationLevel = level;
          this.event(tx, work, TicketEventKind.ESCALATED, { internal: true, round: level, clock: ticket.dueClock });
          // Before dispatch the ticket is customer service's to answer.
          const department = ticket.department ?? Department.CUSTOMER_SERVICE;
          const recipients =
            level === 1
              ? await this.peopleWith(tx, communityId, { department, heads: true })
              : await this.peopleWith(tx, communityId, { department: Department.MANAGEMENT });
          this.notify(tx, work, recipients, level === 1 ? 'TICKET_ESCALATED_TO_HEAD' : 'TICKET_ESCALATED_TO_MANAGEMENT');
        }
        if (ticket.missed.length !== before || work.notified.length) {
          ticket.updatedAt = now;
          announce.push(work);
        }
      }
      for (const work of announce) await this.announce(tx, work);
    });
    return announce.length;
  }

  /** After the SLA policy changes, every open ticket's deadlines follow the new policy. */
  async applyPolicy(em: EntityManager, communityId: string): Promise<number> {
    const now = this.clock.now();
    const policy = await this.policy(em, communityId);
    const open = await em.find(Ticket, { community: communityId, status: { $ne: TicketStatus.CLOSED } }, { populate: ['unit', 'owner'], filters: false });
    await withinTransaction(em, async () => {
      for (const ticket of open) this.refreshClocks(em, { ticket, now, actor: null, notified: [] }, policy);
      await em.flush();
      for (const ticket of open) await this.events.publish(em, 'TICKET_CHANGED', ticket.id);
    });
    return open.length;
  }

  // Internals ---------------------------------------------------------------------------------

  /** Those who said "me too" (同报) on a common-area ticket: they hear what the filer hears of its progress and its closing. */
  private async meTooOf(em: EntityManager, t: Ticket): Promise<string[]> {
    if (!t.commonArea || t.meTooCount === 0) return [];
    const rows = await em.find(TicketMeToo, { ticket: t.id }, { fields: ['person'], filters: false });
    return rows.map((r) => r.person.id);
  }

  private filesOrFail(): FilesService {
    if (!this.files) throw new Error('This TicketService was made without a file service: it cannot attach files.');
    return this.files;
  }

  private cannedAnswers(): CannedAnswerUses {
    if (!this.knowledge) throw new Error('This TicketService was built without the knowledge base.');
    return this.knowledge();
  }

  private async command(
    em: EntityManager,
    viewer: ViewerContext,
    id: string,
    action: TicketAction,
    apply: (work: Work) => void | Promise<void>,
  ): Promise<Ticket> {
    const ticket = await this.visible(em, viewer, id);
    const policy = await this.policy(em, viewer.communityId);
    const now = this.clock.now();
    const decision = refuse(check(action, ticket, relationsOf(viewer, await this.facts(em, viewer, ticket)), policy, now));
    const work: Work = { ticket, now, actor: em.getReference(Person, viewer.id), notified: [] };
    await apply(work);
    this.enter(ticket, work.to ?? decision.to, work.now, policy);
    ticket.updatedAt = work.now;
    this.refreshClocks(em, work, policy);
    try {
      await withinTransaction(em, async () => {
        await em.flush();
        if (work.attach?.fileIds.length) await this.filesOrFail().attachToTicketEvent(em, viewer, work.attach.fileIds, work.attach.event);
        if (work.cannedAnswerId) await this.cannedAnswers().recordUse(em, viewer, work.cannedAnswerId);
        await this.announce(em, work);
      });
    } catch (error) {
      // Either the version check or a one-per-round unique index caught a concurrent change.
      if (error instanceof OptimisticLockError || error instanceof UniqueConstraintViolationException) {
        throw conflict(`Ticket ${ticketNumber(ticket.seq)} was changed by someone else at the same moment. Reload it and try again.`);
      }
      throw error;
    }
    return ticket;
  }

  /** A new round for the handling department: the solution and resolution clocks start again from now. */
  private async reopenRound(em: EntityManager, work: Work, message: string, kind: string) {
    const t = work.ticket;
    t.reopenCount += 1;
    t.clockStartedAt = work.now;
    t.firstSolutionAt = null;
    t.resolvedAt = null;
    t.closedAt = null;
    t.resolutionSummary = null;
    t.satisfaction = null;
    t.returnVisitComment = null;
    t.pausedMs = 0;
    t.pausedWorkMs = 0;
    t.waitingSince = null;
    t.updateClockFrom = work.now;
    this.event(em, work, TicketEventKind.REOPENED, { message, round: t.reopenCount, department: t.department ?? undefined });
    const department = t.department ?? Department.CUSTOMER_SERVICE;
    const staff = await this.peopleWith(em, t.community.id, { department });
    const cs = await this.peopleWith(em, t.community.id, { role: Role.CUSTOMER_SERVICE });
    this.notify(em, work, [...staff, ...cs, ...(work.actor?.id === t.owner.id ? [] : [t.owner.id]), ...(await this.meTooOf(em, t))], kind);
  }

  /**
   * Status change with the pause bookkeeping: waiting on the owner does not count against staff —
   * neither the elapsed time nor the department's working time within it, nor toward the update cadence.
   */
  private enter(ticket: Ticket, to: TicketStatus, now: Date, policy: ClockPolicy) {
    if (ticket.status === to) return;
    if (ticket.status === TicketStatus.SOLUTION_PROPOSED && ticket.waitingSince) {
      ticket.pausedMs = Number(ticket.pausedMs) + (now.getTime() - ticket.waitingSince.getTime());
      if (policy.calendar) {
        ticket.pausedWorkMs = Number(ticket.pausedWorkMs) + workingTimeBetween(ticket.waitingSince, now, workCalendar(policy.calendar, ticket.department));
      }
      ticket.waitingSince = null;
      ticket.updateClockFrom = now;
    }
    if (to === TicketStatus.SOLUTION_PROPOSED) ticket.waitingSince = now;
    ticket.status = to;
  }

  /**
   * Recomputes the running deadline; a newly missed clock goes on the record, visibly. A new clock,
   * or a deadline moved past now (an update to the owner restarts the cadence), starts escalation afresh.
   */
  private refreshClocks(em: EntityManager, work: Work, policy: ClockPolicy) {
    const t = work.ticket;
    const facts = clockFacts(t);
    const current = currentDeadline(facts, policy);
    if ((current?.clock ?? null) !== t.dueClock || (current && current.dueAt > work.now)) t.escalationLevel = 0;
    t.dueAt = current?.dueAt ?? null;
    t.dueClock = current?.clock ?? null;
    for (const clock of missedClocks(facts, policy, work.now)) {
      if (t.missed.includes(clock)) continue;
      t.missed = [...t.missed, clock];
      this.event(em, { ...work, actor: null }, TicketEventKind.SLA_MISSED, { clock });
    }
  }

  private event(
    em: EntityManager,
    work: Work,
    kind: TicketEventKind,
    extra: {
      message?: string | null;
      internal?: boolean;
      round?: number | null;
      clock?: SlaClock | null;
      urgency?: Urgency;
      department?: Department;
      assignee?: Person;
    },
  ): TicketEvent {
    // 定期反馈: anything staff say that the owner sees restarts the update cadence.
    // A neighbour's 同报 is neither: it tells the owner nothing and must not touch the ticket row, which
    // neighbours change at once through their own counter statement.
    if (!extra.internal && kind !== TicketEventKind.ME_TOO && work.actor && work.actor.id !== work.ticket.owner.id) work.ticket.updateClockFrom = work.now;
    return em.create(TicketEvent, {
      community: work.ticket.community,
      ticket: work.ticket,
      at: work.now,
      kind,
      actor: work.actor,
      message: extra.message ?? null,
      internal: extra.internal ?? false,
      round: extra.round ?? null,
      clock: extra.clock ?? null,
      urgency: extra.urgency ?? null,
      department: extra.department ?? null,
      assignee: extra.assignee ?? null,
    });
  }

  private notify(em: EntityManager, work: Work, recipientIds: string[], kind: string) {
    const notice: Notice = {
      recipientIds: recipientIds.filter((id) => id !== work.actor?.id),
      kind,
      subjectType: 'TICKET',
      subjectId: work.ticket.id,
      text: `${ticketNumber(work.ticket.seq)} ${work.ticket.title}`,
    };
    work.notified.push(...this.notifications.queue(em, work.ticket.community.id, notice));
  }

  private async announce(em: EntityManager, work: Work) {
    await this.events.publish(em, 'TICKET_CHANGED', work.ticket.id);
    await this.notifications.announce(em, work.notified);
  }

  private async peopleWith(em: EntityManager, communityId: string, who: { role?: Role; department?: Department; heads?: boolean }): Promise<string[]> {
    const people = await em.find(
      Person,
      {
        community: communityId,
        deactivatedAt: null,
        ...(who.role ? { roles: { $contains: [who.role] } } : {}),
        ...(who.department ? { department: who.department } : {}),
        ...(who.heads ? { leadsDepartment: true } : {}),
      },
      { fields: ['id'], filters: false },
    );
    return people.map((p) => p.id);
  }
}

/** A refusal of the rules as the error the client gets (with retryAt as ISO text); an allowance passes through. */
function refuse(decision: Decision): Extract<Decision, { ok: true }> {
  if (decision.ok) return decision;
  const { code, message, retryAt, ok: _ok, ...details } = decision;
  throw new DomainError(code, message, { ...details, ...(retryAt ? { retryAt: retryAt.toISOString() } : {}) });
}
