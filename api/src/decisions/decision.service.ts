import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { Role } from '../community/community.enums.js';
import { Person } from '../community/person.entity.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ProposalEvent } from '../proposals/proposal-event.entity.js';
import { ProposalEventKind } from '../proposals/proposal.enums.js';
import { COMMITTEE_ROLES, DECIDABLE } from '../proposals/proposal.rules.js';
import { proposalNumber } from '../proposals/proposal.service.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../shared/context.js';
import { badInput, conflict, forbidden, invalidTransition, notFound } from '../shared/errors.js';
import type { EventBus } from '../shared/events.js';
import { DecisionElector } from './decision-elector.entity.js';
import type { AuditService } from '../audit/audit.service.js';
import { Decision, type DecisionResultRecord } from './decision.entity.js';
import { BallotChoice, DecisionMatter, DecisionStatus } from './decision.enums.js';
import { areaToCents, centsToArea, electorate, tallyDecision, type Count } from './decision.rules.js';
import { isUuid } from '../shared/ids.js';

const MAX_VOTE_MS = 90 * 24 * 3600_000;

export interface OpenDecision {
  question: string;
  matter: DecisionMatter;
  closesAt: Date;
}

export interface Participation {
  owners: number;
  ownersTotal: number;
  area: string;
  areaTotal: string;
}

/** 业主共同决定: open a vote, cast ballots, close and publish the article 278 tally. */
export class DecisionService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
  ) {}

  async find(em: EntityManager, viewer: ViewerContext, id: string): Promise<Decision> {
    if (!isUuid(id)) throw notFound('Decision');
    const decision = await em.findOne(Decision, { id, community: viewer.communityId }, { populate: ['proposal'] });
    if (!decision) throw notFound('Decision');
    return decision;
  }

  async open(em: EntityManager, viewer: ViewerContext, proposalId: string, input: OpenDecision): Promise<Decision> {
    if (!viewer.roles.some((r) => COMMITTEE_ROLES.includes(r))) throw forbidden('Only the committee or an admin can open an owners’ vote.');
    const now = this.clock.now();
    const question = input.question.trim();
    if (question.length < 5 || question.length > 500) throw badInput('question', 'must be 5 to 500 characters');
    if (Number.isNaN(input.closesAt.getTime()) || input.closesAt <= now) throw badInput('closesAt', 'must be in the future');
    if (input.closesAt.getTime() - now.getTime() > MAX_VOTE_MS) throw badInput('closesAt', 'must be within 90 days');
    if (!isUuid(proposalId)) throw notFound('Proposal');
    const decision = await em.transactional(async (tx) => {
      const proposal = await tx.findOne(Proposal, { id: proposalId, community: viewer.communityId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!proposal) throw notFound('Proposal');
      if (proposal.mergedInto) throw invalidTransition('This proposal was merged into another.');
      if (!DECIDABLE.includes(proposal.status)) {
        throw invalidTransition(`An owners’ vote can be opened on a proposal under review, accepted or in progress, not ${proposal.status}.`);
      }
      if (await tx.count(Decision, { proposal, status: DecisionStatus.OPEN })) throw conflict('This proposal already has an open vote.');
      // The roll is fixed now: units grouped by their exact owners, one ballot each.
      const units = await tx.execute<{ unit_id: string; area: string; owner_ids: string[] }[]>(
        `select u.id as unit_id, u.area, array_agg(o.person_id order by o.person_id) as owner_ids
           from unit u join ownership o on o.unit_id = u.id
          where u.community_id = ? group by u.id`,
        [viewer.communityId],
      );
      const electors = electorate(units.map((u) => ({ unitId: u.unit_id, areaCents: areaToCents(u.area), ownerIds: u.owner_ids })));
      if (electors.length === 0) throw invalidTransition('This community has no registered owners to vote.');
      const areaTotal = electors.reduce((sum, e) => sum + e.areaCents, 0n);
      const created = tx.create(Decision, {
        community: viewer.communityId, proposal, question, matter: input.matter, opensAt: now, closesAt: input.closesAt,
        openedBy: tx.getReference(Person, viewer.id), ownersTotal: electors.length, areaTotal: centsToArea(areaTotal),
      });
      for (const e of electors) {
        tx.create(DecisionElector, {
          community: viewer.communityId, decision: created, key: e.key, ownerIds: e.ownerIds, unitIds: e.unitIds, area: centsToArea(e.areaCents),
        });
      }
      tx.create(ProposalEvent, {
        community: viewer.communityId, proposal, at: now, kind: ProposalEventKind.DECISION_OPENED, actor: tx.getReference(Person, viewer.id), reason: question,
      });
      const notified = this.notifications.queue(tx, viewer.communityId, {
        recipientIds: [...new Set(electors.flatMap((e) => e.ownerIds))], kind: 'DECISION_OPENED', subjectType: 'PROPOSAL', subjectId: proposal.id,
        text: `${proposalNumber(proposal.seq)} ${question}`,
      });
      await this.events.publish(tx, 'PROPOSAL_CHANGED', proposalId);
      await this.notifications.announce(tx, notified);
      return created;
    });
    return decision;
  }

  /** One ballot per elector, changeable until the close; co-owners share theirs. */
  async castBallot(em: EntityManager, viewer: ViewerContext, decisionId: string, choice: BallotChoice): Promise<Decision> {
    if (!viewer.roles.includes(Role.OWNER)) throw forbidden('Only owners vote in an owners’ decision.');
    if (!isUuid(decisionId)) throw notFound('Decision');
    const now = this.clock.now();
    await em.transactional(async (tx) => {
      // FOR SHARE: ballots may run in parallel with each other, never with the close that tallies them.
      const [row] = await tx.execute<{ status: string; closes_at: string }[]>(
        'select status, closes_at from decision where id = ? and community_id = ? for share',
        [decisionId, viewer.communityId],
      );
      if (!row) throw notFound('Decision');
      if (row.status !== DecisionStatus.OPEN || new Date(row.closes_at) <= now) throw invalidTransition('This vote has closed.');
      const updated = await tx.execute<{ id: string }[]>(
        `update decision_elector set choice = ?, cast_by_id = ?, cast_at = ?
          where decision_id = ? and ?::uuid = any(owner_ids) returning id`,
        [choice, viewer.id, now, decisionId, viewer.id],
      );
      if (updated.length === 0) throw forbidden('You are not on this vote’s roll (it was fixed when the vote opened).');
      await this.events.publish(tx, 'DECISION_CHANGED', decisionId);
    });
    return this.find(em, viewer, decisionId);
  }

  /** Closes a vote early (committee/admin). At its time, the sweep closes it. */
  async close(em: EntityManager, viewer: ViewerContext, decisionId: string): Promise<Decision> {
    if (!viewer.roles.some((r) => COMMITTEE_ROLES.includes(r))) throw forbidden('Only the committee or an admin can close a vote.');
    const decision = await this.find(em, viewer, decisionId);
    if (decision.status === DecisionStatus.CLOSED) throw invalidTransition('This vote is already closed.');
    await this.closeNow(em, decisionId, viewer.id);
    return this.find(em.fork(), viewer, decisionId);
  }

  /** Closes every vote whose time has come. Idempotent; safe in several processes at once. */
  async sweep(em: EntityManager): Promise<number> {
    const due = await em.find(Decision, { status: DecisionStatus.OPEN, closesAt: { $lte: this.clock.now() } }, { fields: ['id'], filters: false, limit: 100 });
    let closed = 0;
    for (const d of due) if (await this.closeNow(em.fork(), d.id, null)) closed++;
    return closed;
  }

  private async closeNow(em: EntityManager, decisionId: string, actorId: string | null): Promise<boolean> {
    const now = this.clock.now();
    return em.transactional(async (tx) => {
      const decision = await tx.findOne(Decision, { id: decisionId }, { lockMode: LockMode.PESSIMISTIC_WRITE, filters: false, populate: ['proposal'] });
      if (!decision || decision.status === DecisionStatus.CLOSED) return false;
      const rows = await tx.execute<{ choice: BallotChoice; owners: number; area: string }[]>(
        `select choice, count(*)::int as owners, coalesce(sum(area), 0)::text as area
           from decision_elector where decision_id = ? and choice is not null group by choice`,
        [decisionId],
      );
      const count = (choice: BallotChoice): Count => {
        const r = rows.find((x) => x.choice === choice);
        return { owners: r?.owners ?? 0, areaCents: r ? areaToCents(r.area) : 0n };
      };
      const [f, a, ab] = [count(BallotChoice.FOR), count(BallotChoice.AGAINST), count(BallotChoice.ABSTAIN)];
      const t = tallyDecision({
        matter: decision.matter, total: { owners: decision.ownersTotal, areaCents: areaToCents(decision.areaTotal) }, for: f, against: a, abstain: ab,
      });
      const result: DecisionResultRecord = {
        forOwners: f.owners, forArea: centsToArea(f.areaCents), againstOwners: a.owners, againstArea: centsToArea(a.areaCents),
        abstainOwners: ab.owners, abstainArea: centsToArea(ab.areaCents), participantOwners: t.participants.owners,
        participantArea: centsToArea(t.participants.areaCents), quorumOwnersMet: t.quorumOwnersMet, quorumAreaMet: t.quorumAreaMet,
        quorumMet: t.quorumMet, ownersThresholdMet: t.ownersThresholdMet, areaThresholdMet: t.areaThresholdMet, approved: t.approved,
      };
      decision.status = DecisionStatus.CLOSED;
      decision.closedAt = now;
      decision.closedBy = actorId ? tx.getReference(Person, actorId) : null;
      decision.result = result;
      tx.create(ProposalEvent, {
        community: decision.community, proposal: decision.proposal, at: now, kind: ProposalEventKind.DECISION_CLOSED,
        actor: actorId ? tx.getReference(Person, actorId) : null, reason: t.approved ? 'APPROVED' : t.quorumMet ? 'REJECTED' : 'NO_QUORUM',
      });
      const actor = actorId ? await tx.findOneOrFail(Person, { id: actorId }, { filters: false }) : null;
      await this.audit.append(tx, {
        communityId: decision.community.id, actor: actor ? { id: actor.id, name: actor.displayName } : null, action: 'DECISION_CLOSED',
        subjectType: 'DECISION', subjectId: decision.id,
        data: {
          proposal: proposalNumber(decision.proposal.seq), question: decision.question, matter: decision.matter, closesAt: decision.closesAt.toISOString(),
          closedEarly: actorId !== null, ownersTotal: decision.ownersTotal, areaTotal: decision.areaTotal, ...result,
        },
      });
      const voters = await tx.execute<{ id: string }[]>(
        'select distinct unnest(owner_ids) as id from decision_elector where decision_id = ?',
        [decisionId],
      );
      const notified = this.notifications.queue(tx, decision.community.id, {
        recipientIds: voters.map((v) => v.id), kind: t.approved ? 'DECISION_APPROVED' : 'DECISION_NOT_APPROVED',
        subjectType: 'PROPOSAL', subjectId: decision.proposal.id, text: `${proposalNumber(decision.proposal.seq)} ${decision.question}`,
      });
      await this.events.publish(tx, 'DECISION_CHANGED', decisionId);
      await this.notifications.announce(tx, notified);
      return true;
    });
  }

  /** Live participation (owners and area that have cast a ballot, of the roll). Never the split. */
  async participation(em: EntityManager, decision: Decision): Promise<Participation> {
    const [row] = await em.execute<{ owners: number; area: string }[]>(
      `select count(*)::int as owners, coalesce(sum(area), 0)::text as area from decision_elector where decision_id = ? and choice is not null`,
      [decision.id],
    );
    return { owners: row!.owners, ownersTotal: decision.ownersTotal, area: centsToArea(areaToCents(row!.area)), areaTotal: decision.areaTotal };
  }

  /** The viewer's own ballot: the one on their sole-owned units first, else a shared one. */
  async viewerBallot(em: EntityManager, viewerId: string, decisionId: string): Promise<{ onRoll: boolean; choice: BallotChoice | null }> {
    const rows = await em.execute<{ choice: BallotChoice | null; sole: boolean }[]>(
      `select choice, (cardinality(owner_ids) = 1) as sole from decision_elector
        where decision_id = ? and ?::uuid = any(owner_ids) order by cardinality(owner_ids) asc, key asc`,
      [decisionId, viewerId],
    );
    return { onRoll: rows.length > 0, choice: rows[0]?.choice ?? null };
  }
}
