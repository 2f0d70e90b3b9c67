import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { Community } from '../community/community.entity.js';
import { Role } from '../community/community.enums.js';
import { proposalPolicy } from './proposal.settings.js';
import { Person } from '../community/person.entity.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import type { StoredSettings } from '../community/community.settings.js';
import { badInput, badLength, DomainError, forbidden, invalidTransition, notFound } from '../shared/errors.js';
import { eventWire, type EventBus } from '../shared/events.js';
import { ProposalComment } from './proposal-comment.entity.js';
import { ProposalEvent } from './proposal-event.entity.js';
import { ProposalEventKind, ProposalStatus, type ProposalCategory } from './proposal.enums.js';
import { Proposal } from './proposal.entity.js';
import { canSupport, COMMITTEE_ROLES, decideAdvance, isStaffAuthor, reachesThreshold, SUPPORTABLE, type AdvanceDecision } from './proposal.rules.js';
import { isUuid } from '../shared/ids.js';
import { codePointLength } from '../shared/text.js';
import type { FilesService } from '../files/files.service.js';
import { checkAttachmentIds } from '../files/attachment.rules.js';

export const proposalNumber = (seq: number) => `P-${String(seq).padStart(4, '0')}`;

export interface SubmitProposal {
  title: string;
  body: string;
  category: ProposalCategory;
  expectedBenefit?: string | null;
  estimatedCost?: number | null;
  /** A sketch, a plan, a quotation (uploaded with POST /files). */
  attachmentIds?: string[] | null;
}

function enforce(decision: AdvanceDecision) {
  if (decision.ok) return;
  if (decision.code === 'BAD_USER_INPUT') throw badInput(decision.field ?? 'input', decision.message, { reason: decision.reason });
  throw new DomainError(decision.code, decision.message, { reason: decision.reason });
}

/** The board's commands. Counters move in the same transaction as the fact, under the proposal's row lock. */
export class ProposalService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly notifications: NotificationService,
    /** Absent in the demo seed, which attaches nothing. */
    private readonly files: FilesService | null = null,
  ) {}

  private filesOrFail(): FilesService {
    if (!this.files) throw new Error('This ProposalService was made without a file service: it cannot attach files.');
    return this.files;
  }

  /** The community's support threshold: from the settings the request already read, else from the database. */
  async threshold(em: EntityManager, communityId: string, settings?: StoredSettings | null): Promise<number> {
    if (settings) return proposalPolicy(settings).supportThreshold;
    const community = await em.findOneOrFail(Community, { id: communityId }, { fields: ['settings'] });
    return proposalPolicy(community.settings).supportThreshold;
  }

  async submit(em: EntityManager, viewer: ViewerContext, input: SubmitProposal): Promise<string> {
    if (viewer.roles.every((r) => r === Role.RESIDENT))
      throw forbidden('Residents read and comment on the board; proposals come from owners and staff.', 'RESIDENTS_CANNOT_PROPOSE');
    const now = this.clock.now();
    const attachmentIds = checkAttachmentIds(input.attachmentIds);
    const cost = input.estimatedCost ?? null;
    if (cost !== null && Math.round(cost * 100) !== cost * 100)
      throw badInput('estimatedCost', 'must have at most two decimals (fen)', { reason: 'MONEY_DECIMALS' });
    const id = await em.transactional(async (tx) => {
      const [row] = await tx.execute<{ proposal_seq: number }[]>('update community set proposal_seq = proposal_seq + 1 where id = ? returning proposal_seq', [
        viewer.communityId,
      ]);
      const proposal = tx.create(Proposal, {
        community: viewer.communityId,
        seq: row!.proposal_seq,
        title: input.title.trim(),
        body: input.body.trim(),
        category: input.category,
        author: tx.getReference(Person, viewer.id),
        byStaff: isStaffAuthor(viewer.roles),
        expectedBenefit: input.expectedBenefit?.trim() || null,
        estimatedCost: cost === null ? null : cost.toFixed(2),
        createdAt: now,
        updatedAt: now,
      });
      this.event(tx, proposal, now, viewer.id, ProposalEventKind.SUBMITTED, { to: ProposalStatus.OPEN });
      if (attachmentIds.length) {
        await tx.flush();
        await this.filesOrFail().attach(tx, viewer, attachmentIds, { proposalId: proposal.id });
      }
      await this.events.publish(tx, 'PROPOSAL_CHANGED', proposal.id);
      return proposal.id;
    });
    return id;
  }

  /** `settings`: the viewer's community's, where the caller has them (the request context). */
  async support(em: EntityManager, viewer: ViewerContext, id: string, settings?: StoredSettings | null): Promise<void> {
    const threshold = await this.threshold(em, viewer.communityId, settings);
    if (await this.quickSupport(em, viewer, id, threshold)) return;
    return this.changeSupport(em, viewer, id, true, threshold);
  }

  /**
   * The common support in one statement, outside any transaction: lock the proposal, add the
   * support, move the counter, tell live pages. The row lock is held for that one statement, not
   * across round trips, so a thousand owners supporting one proposal at once queue for
   * microseconds each. `FOR UPDATE` under READ COMMITTED reads the newest status and count. Every
   * other case (not found, supports closed, merged, already supported, the support that reaches
   * the threshold and sends the proposal to review) writes nothing here and returns false: the
   * full transaction below decides it, with its errors and events.
   */
  private async quickSupport(em: EntityManager, viewer: ViewerContext, id: string, threshold: number): Promise<boolean> {
    if (!isUuid(id) || !viewer.roles.includes(Role.OWNER)) return false;
    const open = SUPPORTABLE.map((s) => `'${s}'`).join(', ');
    const [channel, payload] = eventWire('PROPOSAL_CHANGED', id);
    const [row] = await em.execute<{ done: number }[]>(
      `with p as (select id, status, merged_into_id, support_count from proposal where id = ? and community_id = ? for update),
        added as (
          insert into proposal_support (proposal_id, person_id, community_id, created_at)
          select p.id, ?, ?, ? from p
           where p.merged_into_id is null and p.status in (${open})
             and not (p.status = '${ProposalStatus.OPEN}' and ?::int > 0 and p.support_count + 1 >= ?::int)
          on conflict do nothing returning proposal_id),
        counted as (update proposal set support_count = proposal.support_count + 1 from added where proposal.id = added.proposal_id returning proposal.id)
      select count(*)::int as done from counted cross join lateral pg_notify(?, ?)`,
      [id, viewer.communityId, viewer.id, viewer.communityId, this.clock.now(), threshold, threshold, channel, payload],
    );
    return row!.done === 1;
  }

  async withdrawSupport(em: EntityManager, viewer: ViewerContext, id: string, settings?: StoredSettings | null): Promise<void> {
    return this.changeSupport(em, viewer, id, false, await this.threshold(em, viewer.communityId, settings));
  }

  private async changeSupport(em: EntityManager, viewer: ViewerContext, id: string, support: boolean, threshold: number): Promise<void> {
    const now = this.clock.now();
    const notified: string[] = [];
    await em.transactional(async (tx) => {
      const proposal = await this.locked(tx, viewer, id);
      enforce(canSupport(viewer.roles, proposal.status, proposal.mergedInto !== null));
      if (support) {
        const inserted = await tx.execute<{ person_id: string }[]>(
          `insert into proposal_support (proposal_id, person_id, community_id, created_at) values (?, ?, ?, ?)
           on conflict do nothing returning person_id`,
          [id, viewer.id, viewer.communityId, now],
        );
        if (inserted.length === 0) return; // already supported: idempotent
        const [row] = await tx.execute<{ support_count: number }[]>(
          'update proposal set support_count = support_count + 1 where id = ? returning support_count',
          [id],
        );
        // The counter moved in SQL; the entity's copy is left alone so the flush never writes it back.
        if (reachesThreshold(proposal.status, row!.support_count, threshold)) {
          notified.push(...(await this.toReview(tx, proposal, now, threshold)));
        }
      } else {
        const deleted = await tx.execute<{ person_id: string }[]>('delete from proposal_support where proposal_id = ? and person_id = ? returning person_id', [
          id,
          viewer.id,
        ]);
        if (deleted.length === 0) return;
        await tx.execute('update proposal set support_count = support_count - 1 where id = ?', [id]);
      }
      await this.announce(tx, id, notified);
    });
  }

  /** The threshold was reached: the proposal goes to committee review by itself. */
  private async toReview(tx: EntityManager, proposal: Proposal, now: Date, threshold: number): Promise<string[]> {
    proposal.status = ProposalStatus.UNDER_REVIEW;
    proposal.statusReason = null;
    proposal.updatedAt = now;
    this.event(tx, proposal, now, null, ProposalEventKind.THRESHOLD_REACHED, {
      from: ProposalStatus.OPEN,
      to: ProposalStatus.UNDER_REVIEW,
      reason: String(threshold),
    });
    const committee = await this.committee(tx, proposal.community.id);
    return this.notifications.queue(tx, proposal.community.id, {
      recipientIds: [proposal.author.id, ...committee],
      kind: 'PROPOSAL_UNDER_REVIEW',
      subjectType: 'PROPOSAL',
      subjectId: proposal.id,
      text: `${proposalNumber(proposal.seq)} ${proposal.title}`,
    });
  }

  async comment(em: EntityManager, viewer: ViewerContext, id: string, body: string, attachmentIds?: string[] | null): Promise<ProposalComment> {
    const fileIds = checkAttachmentIds(attachmentIds);
    const text = body.trim();
    if (codePointLength(text) < 1 || codePointLength(text) > 2000) throw badLength('body', 1, 2000);
    const now = this.clock.now();
    let notified: string[] = [];
    const comment = await em.transactional(async (tx) => {
      const proposal = await this.locked(tx, viewer, id);
      const created = tx.create(ProposalComment, {
        community: viewer.communityId,
        proposal,
        author: tx.getReference(Person, viewer.id),
        body: text,
        createdAt: now,
      });
      await tx.execute('update proposal set comment_count = comment_count + 1 where id = ?', [id]);
      if (fileIds.length) {
        await tx.flush();
        await this.filesOrFail().attach(tx, viewer, fileIds, { proposalCommentId: created.id });
      }
      if (proposal.author.id !== viewer.id) {
        notified = this.notifications.queue(tx, viewer.communityId, {
          recipientIds: [proposal.author.id],
          kind: 'PROPOSAL_COMMENTED',
          subjectType: 'PROPOSAL',
          subjectId: id,
          text: `${proposalNumber(proposal.seq)} ${proposal.title}`,
        });
      }
      await this.announce(tx, id, notified);
      return created;
    });
    // The view shows the author's name and whether they are staff.
    await em.populate(comment, ['author']);
    return comment;
  }

  async advance(em: EntityManager, viewer: ViewerContext, id: string, to: ProposalStatus, reason: string | null): Promise<void> {
    const now = this.clock.now();
    let notified: string[] = [];
    await em.transactional(async (tx) => {
      const proposal = await this.locked(tx, viewer, id);
      if (proposal.mergedInto) throw invalidTransition('This proposal was merged into another; move that one on.', { reason: 'PROPOSAL_MERGED' });
      enforce(decideAdvance(viewer.roles, proposal.status, to, reason));
      const from = proposal.status;
      proposal.status = to;
      proposal.statusReason = reason?.trim() || null;
      proposal.updatedAt = now;
      this.event(tx, proposal, now, viewer.id, ProposalEventKind.STATUS_CHANGED, { from, to, reason: proposal.statusReason });
      const supporters = await tx.execute<{ person_id: string }[]>('select person_id from proposal_support where proposal_id = ?', [id]);
      notified = this.notifications.queue(tx, viewer.communityId, {
        recipientIds: [proposal.author.id, ...supporters.map((s) => s.person_id)].filter((p) => p !== viewer.id),
        kind: `PROPOSAL_${to}`,
        subjectType: 'PROPOSAL',
        subjectId: id,
        text: `${proposalNumber(proposal.seq)} ${proposal.title}`,
      });
      await this.announce(tx, id, notified);
    });
  }

  /** Merges a duplicate into a survivor: supports combine, nobody counted twice; the duplicate points on. */
  async merge(em: EntityManager, viewer: ViewerContext, duplicateId: string, survivorId: string): Promise<void> {
    if (!viewer.roles.some((r) => COMMITTEE_ROLES.includes(r))) throw forbidden('Only the committee or an admin can merge proposals.', 'COMMITTEE_ONLY');
    if (duplicateId === survivorId) throw badInput('intoId', 'must be another proposal', { reason: 'SAME_PROPOSAL' });
    const now = this.clock.now();
    const threshold = await this.threshold(em, viewer.communityId);
    let notified: string[] = [];
    await em.transactional(async (tx) => {
      // Lock both rows in a fixed order so that two merges cannot deadlock.
      const [a, b] = [duplicateId, survivorId].sort();
      const locked = new Map([
        [a!, await this.locked(tx, viewer, a!)],
        [b!, await this.locked(tx, viewer, b!)],
      ]);
      const duplicate = locked.get(duplicateId)!;
      const survivor = locked.get(survivorId)!;
      if (duplicate.mergedInto) throw invalidTransition('That proposal was already merged.', { reason: 'PROPOSAL_MERGED' });
      if (survivor.mergedInto) throw badInput('intoId', 'was itself merged into another proposal', { reason: 'MERGE_TARGET_MERGED' });
      await tx.execute(
        `insert into proposal_support (proposal_id, person_id, community_id, created_at)
         select ?, person_id, community_id, created_at from proposal_support where proposal_id = ?
         on conflict do nothing`,
        [survivorId, duplicateId],
      );
      const [row] = await tx.execute<{ support_count: number }[]>(
        'update proposal set support_count = (select count(*) from proposal_support where proposal_id = ?) where id = ? returning support_count',
        [survivorId, survivorId],
      );
      duplicate.mergedInto = survivor;
      duplicate.updatedAt = now;
      survivor.updatedAt = now;
      this.event(tx, duplicate, now, viewer.id, ProposalEventKind.MERGED_INTO, { other: survivorId });
      this.event(tx, survivor, now, viewer.id, ProposalEventKind.MERGED_IN, { other: duplicateId });
      notified = this.notifications.queue(tx, viewer.communityId, {
        recipientIds: [duplicate.author.id],
        kind: 'PROPOSAL_MERGED',
        subjectType: 'PROPOSAL',
        subjectId: survivorId,
        text: `${proposalNumber(duplicate.seq)} → ${proposalNumber(survivor.seq)} ${survivor.title}`,
      });
      if (reachesThreshold(survivor.status, row!.support_count, threshold)) notified.push(...(await this.toReview(tx, survivor, now, threshold)));
      await this.announce(tx, survivorId, notified);
      await this.events.publish(tx, 'PROPOSAL_CHANGED', duplicateId);
    });
  }

  async hideComment(em: EntityManager, viewer: ViewerContext, commentId: string, reason: string): Promise<ProposalComment> {
    if (!viewer.roles.some((r) => COMMITTEE_ROLES.includes(r))) throw forbidden('Only the committee or an admin can hide comments.', 'COMMITTEE_ONLY');
    const why = reason.trim();
    if (codePointLength(why) < 2 || codePointLength(why) > 500) throw badLength('reason', 2, 500);
    if (!/^\d{1,18}$/.test(commentId)) throw notFound('Comment');
    const now = this.clock.now();
    const comment = await em.transactional(async (tx) => {
      const found = await tx.findOne(ProposalComment, { id: commentId }, { populate: ['author', 'proposal'] });
      if (!found) throw notFound('Comment');
      if (found.hiddenAt) return found;
      await this.locked(tx, viewer, found.proposal.id);
      found.hiddenAt = now;
      found.hiddenReason = why;
      found.hiddenBy = tx.getReference(Person, viewer.id);
      await tx.execute('update proposal set comment_count = comment_count - 1 where id = ?', [found.proposal.id]);
      tx.create(ProposalEvent, {
        community: viewer.communityId,
        proposal: found.proposal,
        at: now,
        kind: ProposalEventKind.COMMENT_HIDDEN,
        actor: tx.getReference(Person, viewer.id),
        reason: why,
      });
      await this.events.publish(tx, 'PROPOSAL_CHANGED', found.proposal.id);
      return found;
    });
    return comment;
  }

  // Internals ---------------------------------------------------------------------------------

  private async locked(tx: EntityManager, viewer: ViewerContext, id: string): Promise<Proposal> {
    if (!isUuid(id)) throw notFound('Proposal');
    const proposal = await tx.findOne(Proposal, { id, community: viewer.communityId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!proposal) throw notFound('Proposal');
    return proposal;
  }

  private event(
    tx: EntityManager,
    proposal: Proposal,
    at: Date,
    actorId: string | null,
    kind: ProposalEventKind,
    extra: { from?: ProposalStatus; to?: ProposalStatus; reason?: string | null; other?: string },
  ) {
    tx.create(ProposalEvent, {
      community: proposal.community,
      proposal,
      at,
      kind,
      actor: actorId ? tx.getReference(Person, actorId) : null,
      fromStatus: extra.from ?? null,
      toStatus: extra.to ?? null,
      reason: extra.reason ?? null,
      otherProposalId: extra.other ?? null,
    });
  }

  private async committee(tx: EntityManager, communityId: string): Promise<string[]> {
    const people = await tx.find(Person, { community: communityId, roles: { $contains: [Role.COMMITTEE] } }, { fields: ['id'], filters: false });
    return people.map((p) => p.id);
  }

  private async announce(em: EntityManager, id: string, notified: string[]) {
    await this.events.publish(em, 'PROPOSAL_CHANGED', id);
    await this.notifications.announce(em, notified);
  }
}
