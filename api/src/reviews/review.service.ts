import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { type AuditService } from '../audit/audit.service.js';
import { Community } from '../community/community.entity.js';
import { Role } from '../community/community.enums.js';
import { reviewPolicy } from './review.settings.js';
import { Person } from '../community/person.entity.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ProposalEvent } from '../proposals/proposal-event.entity.js';
import { ProposalEventKind, ProposalStatus } from '../proposals/proposal.enums.js';
import { localDate } from '../people/people.rules.js';
import { proposalNumber } from '../proposals/proposal.service.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import { badInput, badLength, conflict, DomainError, forbidden, invalidTransition, notFound } from '../shared/errors.js';
import type { EventBus } from '../shared/events.js';
import { checkAttachmentIds } from '../files/attachment.rules.js';
import { attachingWith, type FilesService } from '../files/files.service.js';
import { ReviewStatus } from './review.enums.js';
import { Objection, Review, ReviewPanelist, ReviewSheet, RewardLedgerEntry } from './review.entity.js';
import {
  aggregate,
  automaticRecusals,
  checkReview,
  committeeOnly,
  displayScore,
  quarterOf,
  tierFor,
  weightedScore,
  type ReviewAction,
  type ReviewDecision,
} from './review.rules.js';
import { isCommittee, reviewFacts, reviewViewer } from './review.policy.js';
import { isUuid } from '../shared/ids.js';
import { codePointLength } from '../shared/text.js';

const REVIEWABLE = [ProposalStatus.ACCEPTED, ProposalStatus.IN_PROGRESS, ProposalStatus.IMPLEMENTED];

function enforce(decision: ReviewDecision) {
  if (decision.ok) return;
  const { ok: _ok, code, message, ...details } = decision;
  throw new DomainError(code, message, details);
}

export interface ScoreInput {
  criterionId: string;
  score: number;
}

/** The committee's review, the public notice and objections, and the reward ledger. Every decision is audited. */
export class ReviewService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    /** Absent in the demo seed, which attaches nothing. */
    private readonly files: FilesService | null = null,
  ) {}

  async find(em: EntityManager, viewer: ViewerContext, id: string): Promise<Review> {
    if (!isUuid(id)) throw notFound('Review');
    const review = await em.findOne(Review, { id, community: viewer.communityId }, { populate: ['proposal', 'recipient'] });
    if (!review) throw notFound('Review');
    return review;
  }

  async open(em: EntityManager, viewer: ViewerContext, proposalId: string): Promise<string> {
    if (!isCommittee(viewer)) throw forbidden('Only the committee or an admin can open a review.', 'COMMITTEE_ONLY');
    if (!isUuid(proposalId)) throw notFound('Proposal');
    const now = this.clock.now();
    let notified: string[] = [];
    const id = await em.transactional(async (tx) => {
      const proposal = await tx.findOne(Proposal, { id: proposalId, community: viewer.communityId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!proposal) throw notFound('Proposal');
      if (!REVIEWABLE.includes(proposal.status)) {
        throw invalidTransition(`A review can be opened on an accepted, in-progress or implemented proposal, not ${proposal.status}.`, {
          reason: 'PROPOSAL_STATUS',
          status: proposal.status,
        });
      }
      if (await tx.count(Review, { proposal })) throw conflict('This proposal already has a review.', { reason: 'REVIEW_EXISTS' });
      const community = await tx.findOneOrFail(Community, { id: viewer.communityId });
      const policy = reviewPolicy(community.settings);
      const review = tx.create(Review, {
        community: viewer.communityId,
        proposal,
        recipient: proposal.author,
        criteria: policy.criteria,
        tiers: policy.tiers,
        noticeHours: policy.noticeHours,
        minReviewers: policy.minReviewers,
        openedAt: now,
        openedBy: tx.getReference(Person, viewer.id),
        scoringClosesAt: new Date(now.getTime() + policy.scoringWindowHours * 3600_000),
      });
      // 回避: the author and everyone who shares a unit with them cannot score.
      const household = await tx.execute<{ person_id: string }[]>(
        `select distinct o2.person_id from ownership o1 join ownership o2 on o2.unit_id = o1.unit_id where o1.person_id = ?`,
        [proposal.author.id],
      );
      const recused = automaticRecusals(
        proposal.author.id,
        household.map((h) => h.person_id),
      );
      // The committee as it stands today: active members whose term has not ended.
      const today = localDate(now, community.timezone);
      const committee = await tx.find(
        Person,
        {
          community: viewer.communityId,
          roles: { $contains: [Role.COMMITTEE] },
          deactivatedAt: null,
          $or: [{ committeeTermEndsOn: null }, { committeeTermEndsOn: { $gte: today } }],
        },
        { orderBy: { displayName: 'asc' } },
      );
      for (const member of committee) {
        const auto = recused.has(member.id);
        tx.create(ReviewPanelist, {
          community: viewer.communityId,
          review,
          person: member,
          recusalReason: auto ? (member.id === proposal.author.id ? 'AUTHOR' : 'HOUSEHOLD') : null,
          recusedAutomatically: auto,
          recusedAt: auto ? now : null,
        });
      }
      notified = this.notifications.queue(tx, viewer.communityId, {
        recipientIds: committee.filter((m) => !recused.has(m.id)).map((m) => m.id),
        kind: 'REVIEW_OPENED',
        subjectType: 'REVIEW',
        subjectId: review.id,
        text: `${proposalNumber(proposal.seq)} ${proposal.title}`,
      });
      await this.announce(tx, review.id, notified);
      return review.id;
    });
    return id;
  }

  async declareConflict(em: EntityManager, viewer: ViewerContext, reviewId: string, reason: string): Promise<void> {
    const why = reason.trim();
    if (codePointLength(why) < 2 || codePointLength(why) > 500) throw badLength('reason', 2, 500);
    await em.transactional(async (tx) => {
      const review = await this.locked(tx, viewer, reviewId);
      const { panel } = await this.check(tx, viewer, review, 'declareConflict');
      const seat = panel.find((p) => p.person.id === viewer.id)!;
      if (seat.recusalReason) return;
      seat.recusalReason = why;
      seat.recusedAt = this.clock.now();
      // A recused member's scores no longer count.
      await tx.nativeDelete(ReviewSheet, { review, reviewer: viewer.id });
      await this.announce(tx, reviewId, []);
    });
  }

  async submitScores(em: EntityManager, viewer: ViewerContext, reviewId: string, scores: ScoreInput[], comment: string | null): Promise<void> {
    const now = this.clock.now();
    await em.transactional(async (tx) => {
      const review = await this.locked(tx, viewer, reviewId);
      await this.check(tx, viewer, review, 'submitScores', now);
      const byId = new Map<string, number>();
      for (const s of scores) {
        if (!review.criteria.some((c) => c.id === s.criterionId))
          throw badInput('scores', `"${s.criterionId}" is not a criterion of this rubric`, { reason: 'NOT_A_CRITERION' });
        if (byId.has(s.criterionId)) throw badInput('scores', `"${s.criterionId}" is scored twice`, { reason: 'SCORED_TWICE' });
        if (!Number.isInteger(s.score) || s.score < 0 || s.score > 10)
          throw badInput('scores', `score for "${s.criterionId}" must be a whole number from 0 to 10`, { reason: 'SCORE_RANGE', min: 0, max: 10 });
        byId.set(s.criterionId, s.score);
      }
      const missing = review.criteria.filter((c) => !byId.has(c.id)).map((c) => c.id);
      if (missing.length) throw badInput('scores', `missing ${missing.join(', ')}: score every criterion`, { reason: 'SCORES_MISSING', count: missing.length });
      const text = comment?.trim() || null;
      if (text && codePointLength(text) > 2000) throw badLength('comment', 0, 2000);
      const existing = await tx.findOne(ReviewSheet, { review, reviewer: viewer.id });
      if (existing) {
        existing.scores = Object.fromEntries(byId);
        existing.comment = text;
        existing.submittedAt = now;
        existing.round = review.round;
      } else {
        tx.create(ReviewSheet, {
          community: viewer.communityId,
          review,
          reviewer: tx.getReference(Person, viewer.id),
          scores: Object.fromEntries(byId),
          comment: text,
          submittedAt: now,
          round: review.round,
        });
      }
      await this.announce(tx, reviewId, []);
    });
  }

  async finalize(em: EntityManager, viewer: ViewerContext, reviewId: string): Promise<void> {
    enforce(committeeOnly('finalizeReview', isCommittee(viewer)));
    const now = this.clock.now();
    let notified: string[] = [];
    await em.transactional(async (tx) => {
      const review = await this.locked(tx, viewer, reviewId);
      const { panel, counted } = await this.check(tx, viewer, review, 'finalizeReview', now);
      const { score } = aggregate(counted.map((s) => weightedScore(review.criteria, s.scores)));
      const tier = tierFor(score, review.tiers);
      const community = await tx.findOneOrFail(Community, { id: viewer.communityId });
      const policy = reviewPolicy(community.settings);
      const quarter = quarterOf(now, community.timezone);
      if (tier && tier.points > 0) {
        const [used] = await tx.execute<{ points: number }[]>(
          `select coalesce(sum(tier_points), 0)::int as points from review
            where community_id = ? and quarter = ? and status in ('NOTICE', 'FINAL') and id <> ?`,
          [viewer.communityId, quarter, review.id],
        );
        if (used!.points + tier.points > policy.budgetPerQuarter) {
          throw conflict(
            `The ${quarter} reward budget would be exceeded: ${used!.points} of ${policy.budgetPerQuarter} points are committed and ${tier.name} is ${tier.points}.`,
            {
              reason: 'BUDGET_EXCEEDED',
              quarter,
              used: used!.points,
              budget: policy.budgetPerQuarter,
              tier: tier.name,
              points: tier.points,
            },
          );
        }
      }
      review.status = ReviewStatus.NOTICE;
      review.finalizedAt = now;
      review.scoreNum = score.num.toString();
      review.scoreDen = score.den.toString();
      review.tierName = tier?.name ?? null;
      review.tierPoints = tier?.points ?? null;
      review.quarter = quarter;
      review.noticeEndsAt = new Date(now.getTime() + review.noticeHours * 3600_000);
      const actor = panel.find((p) => p.person.id === viewer.id)?.person ?? (await tx.findOneOrFail(Person, { id: viewer.id }));
      await this.audit.append(tx, {
        communityId: viewer.communityId,
        actor: { id: actor.id, name: actor.displayName },
        action: 'REVIEW_FINALIZED',
        subjectType: 'REVIEW',
        subjectId: review.id,
        data: {
          proposal: proposalNumber(review.proposal.seq),
          round: review.round,
          finalScore: displayScore(score),
          exact: { num: review.scoreNum, den: review.scoreDen },
          tier: tier ? { name: tier.name, points: tier.points } : null,
          noticeEndsAt: review.noticeEndsAt.toISOString(),
          recusals: panel.filter((p) => p.recusalReason).map((p) => ({ reviewer: p.person.displayName, reason: p.recusalReason })),
          sheets: counted.map((s) => ({ reviewer: panel.find((p) => p.person.id === s.reviewer.id)?.person.displayName ?? s.reviewer.id, scores: s.scores })),
        },
      });
      notified = this.notifications.queue(tx, viewer.communityId, {
        recipientIds: [review.recipient.id],
        kind: 'REVIEW_NOTICE',
        subjectType: 'REVIEW',
        subjectId: review.id,
        text: `${proposalNumber(review.proposal.seq)} ${review.proposal.title}`,
      });
      await this.announce(tx, reviewId, notified);
    });
    if (await this.publishIfDue(em.fork(), reviewId, null)) return;
  }

  async raiseObjection(em: EntityManager, viewer: ViewerContext, reviewId: string, body: string, attachmentIds?: string[] | null): Promise<string> {
    const fileIds = checkAttachmentIds(attachmentIds);
    const text = body.trim();
    // Two characters: "评分偏高" is a complete objection in Chinese.
    if (codePointLength(text) < 2 || codePointLength(text) > 2000) throw badLength('body', 2, 2000);
    const now = this.clock.now();
    let notified: string[] = [];
    const id = await em.transactional(async (tx) => {
      const review = await this.locked(tx, viewer, reviewId);
      await this.check(tx, viewer, review, 'raiseObjection', now);
      const objection = tx.create(Objection, {
        community: viewer.communityId,
        review,
        author: tx.getReference(Person, viewer.id),
        body: text,
        round: review.round,
        createdAt: now,
      });
      if (fileIds.length) {
        await tx.flush();
        await attachingWith(this.files, 'ReviewService').attach(tx, viewer, fileIds, { objectionId: objection.id });
      }
      const committee = await tx.find(
        Person,
        { community: viewer.communityId, roles: { $contains: [Role.COMMITTEE] }, deactivatedAt: null },
        { fields: ['id'] },
      );
      notified = this.notifications.queue(tx, viewer.communityId, {
        recipientIds: committee.map((c) => c.id).filter((c) => c !== viewer.id),
        kind: 'REVIEW_OBJECTION',
        subjectType: 'REVIEW',
        subjectId: review.id,
        text: `${proposalNumber(review.proposal.seq)} ${review.proposal.title}`,
      });
      await this.announce(tx, reviewId, notified);
      return objection.id;
    });
    return id;
  }

  async answerObjection(em: EntityManager, viewer: ViewerContext, objectionId: string, answer: string, upheld: boolean): Promise<string> {
    enforce(committeeOnly('answerObjection', isCommittee(viewer)));
    const text = answer.trim();
    if (codePointLength(text) < 2 || codePointLength(text) > 2000) throw badLength('answer', 2, 2000);
    if (!isUuid(objectionId)) throw notFound('Objection');
    const now = this.clock.now();
    let reviewId = '';
    let notified: string[] = [];
    await em.transactional(async (tx) => {
      const found = await tx.findOne(Objection, { id: objectionId, community: viewer.communityId }, { populate: ['review', 'author'] });
      if (!found) throw notFound('Objection');
      reviewId = found.review.id;
      const review = await this.locked(tx, viewer, reviewId);
      if (found.answeredAt) throw invalidTransition('This objection has been answered already; answers are not edited.', { reason: 'ALREADY_ANSWERED' });
      await this.check(tx, viewer, review, 'answerObjection', now);
      found.answer = text;
      found.upheld = upheld;
      found.answeredAt = now;
      found.answeredBy = tx.getReference(Person, viewer.id);
      const actor = await tx.findOneOrFail(Person, { id: viewer.id });
      await this.audit.append(tx, {
        communityId: viewer.communityId,
        actor: { id: actor.id, name: actor.displayName },
        action: 'OBJECTION_ANSWERED',
        subjectType: 'REVIEW',
        subjectId: review.id,
        data: { objection: found.id, objector: found.author.displayName, body: found.body, answer: text, upheld, round: review.round },
      });
      if (upheld) {
        // An upheld objection withdraws the proposed outcome and reopens scoring.
        review.status = ReviewStatus.SCORING;
        review.round += 1;
        review.finalizedAt = null;
        review.scoreNum = null;
        review.scoreDen = null;
        review.tierName = null;
        review.tierPoints = null;
        review.quarter = null;
        review.noticeEndsAt = null;
        const windowHours = reviewPolicy((await tx.findOneOrFail(Community, { id: viewer.communityId })).settings).scoringWindowHours;
        review.scoringClosesAt = new Date(now.getTime() + windowHours * 3600_000);
      }
      notified = this.notifications.queue(tx, viewer.communityId, {
        recipientIds: [found.author.id],
        kind: upheld ? 'OBJECTION_UPHELD' : 'OBJECTION_NOT_UPHELD',
        subjectType: 'REVIEW',
        subjectId: review.id,
        text: `${proposalNumber(review.proposal.seq)} ${review.proposal.title}`,
      });
      await this.announce(tx, reviewId, notified);
    });
    return objectionId;
  }

  /** Committee/admin: make a noticed outcome final once the period is over and every objection is answered. */
  async publish(em: EntityManager, viewer: ViewerContext, reviewId: string): Promise<void> {
    enforce(committeeOnly('publishOutcome', isCommittee(viewer)));
    const review = await this.find(em, viewer, reviewId);
    await this.check(em, viewer, review, 'publishOutcome');
    const actor = await em.findOneOrFail(Person, { id: viewer.id });
    await this.publishIfDue(em.fork(), reviewId, { id: actor.id, name: actor.displayName });
  }

  /** Outcomes whose notice period is over with every objection answered become final (the job loop runs this). */
  async sweep(em: EntityManager): Promise<number> {
    const due = await em.find(
      Review,
      { status: ReviewStatus.NOTICE, noticeEndsAt: { $lte: this.clock.now() } },
      { fields: ['id'], filters: false, limit: 100 },
    );
    let n = 0;
    for (const r of due) if (await this.publishIfDue(em.fork(), r.id, null)) n++;
    return n;
  }

  private async publishIfDue(em: EntityManager, reviewId: string, actor: { id: string; name: string } | null): Promise<boolean> {
    const now = this.clock.now();
    let notified: string[] = [];
    const done = await em.transactional(async (tx) => {
      const review = await tx.findOne(Review, { id: reviewId }, { lockMode: LockMode.PESSIMISTIC_WRITE, filters: false, populate: ['proposal', 'recipient'] });
      if (!review || review.status !== ReviewStatus.NOTICE || !review.noticeEndsAt || now < review.noticeEndsAt) return false;
      if (await tx.count(Objection, { review, answeredAt: null }, { filters: false })) return false;
      const communityId = review.community.id;
      review.status = ReviewStatus.FINAL;
      review.finalAt = now;
      await this.audit.append(tx, {
        communityId,
        actor,
        action: 'OUTCOME_FINAL',
        subjectType: 'REVIEW',
        subjectId: review.id,
        data: { proposal: proposalNumber(review.proposal.seq), tier: review.tierName, points: review.tierPoints, recipient: review.recipient.displayName },
      });
      if (review.tierName && review.tierPoints !== null) {
        const reason = `${review.tierName} · ${proposalNumber(review.proposal.seq)} ${review.proposal.title}`;
        const entry = tx.create(RewardLedgerEntry, { community: communityId, person: review.recipient, review, points: review.tierPoints, reason, at: now });
        await this.audit.append(tx, {
          communityId,
          actor,
          action: 'LEDGER_CREDIT',
          subjectType: 'PERSON',
          subjectId: review.recipient.id,
          data: { entry: entry.id, review: review.id, recipient: review.recipient.displayName, points: review.tierPoints, reason },
        });
        if (review.proposal.status !== ProposalStatus.REWARDED) {
          const from = review.proposal.status;
          review.proposal.status = ProposalStatus.REWARDED;
          review.proposal.statusReason = review.tierName;
          review.proposal.updatedAt = now;
          tx.create(ProposalEvent, {
            community: communityId,
            proposal: review.proposal,
            at: now,
            kind: ProposalEventKind.STATUS_CHANGED,
            fromStatus: from,
            toStatus: ProposalStatus.REWARDED,
            reason: review.tierName,
            actor: actor ? tx.getReference(Person, actor.id) : null,
          });
        }
      }
      notified = this.notifications.queue(tx, communityId, {
        recipientIds: [review.recipient.id],
        kind: 'REVIEW_FINAL',
        subjectType: 'REVIEW',
        subjectId: review.id,
        text: `${review.tierName ?? '—'} ${proposalNumber(review.proposal.seq)} ${review.proposal.title}`,
      });
      await this.announce(tx, reviewId, notified);
      return true;
    });
    return done;
  }

  /**
   * Asks the rules whether the viewer may take the action on the review now, from its panel, this
   * round's sheets and its open objections; answers the panel and the sheets that count.
   */
  private async check(em: EntityManager, viewer: ViewerContext, review: Review, action: ReviewAction, now = this.clock.now()) {
    const [panel, sheets, openObjections] = await Promise.all([
      em.find(ReviewPanelist, { review }, { populate: ['person'] }),
      em.find(ReviewSheet, { review, round: review.round }),
      em.count(Objection, { review, answeredAt: null }),
    ]);
    const eligibleIds = new Set(panel.filter((p) => !p.recusalReason).map((p) => p.person.id));
    // Only this round's sheets count: an upheld objection asks every reviewer to score again.
    const counted = sheets.filter((s) => eligibleIds.has(s.reviewer.id));
    const facts = reviewFacts(review, { eligible: eligibleIds.size, scored: counted.length, openObjections });
    const seats = panel.map((p) => ({ personId: p.person.id, recusalReason: p.recusalReason }));
    enforce(checkReview(action, facts, reviewViewer(viewer, seats), now));
    return { panel, counted };
  }

  private async locked(tx: EntityManager, viewer: ViewerContext, id: string): Promise<Review> {
    if (!isUuid(id)) throw notFound('Review');
    const review = await tx.findOne(
      Review,
      { id, community: viewer.communityId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['proposal', 'recipient'] },
    );
    if (!review) throw notFound('Review');
    return review;
  }

  private async announce(em: EntityManager, reviewId: string, notified: string[]) {
    await this.events.publish(em, 'REVIEW_CHANGED', reviewId);
    await this.notifications.announce(em, notified);
  }
}
