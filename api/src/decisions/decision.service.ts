import { hasAccountSql } from '../community/person.sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Role } from '../community/community.enums.js';
import { Person } from '../community/person.entity.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ProposalEvent } from '../proposals/proposal-event.entity.js';
import { ProposalEventKind } from '../proposals/proposal.enums.js';
import { COMMITTEE_ROLES, DECIDABLE } from '../proposals/proposal.rules.js';
import { proposalNumber } from '../proposals/proposal.service.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import { badInput, badLength, conflict, DomainError, forbidden, invalidTransition, notFound } from '../shared/errors.js';
import type { EventBus } from '../shared/events.js';
import { checkAttachmentIds, seesPaperBallotScan } from '../files/attachment.rules.js';
import { attachingWith, type FilesService } from '../files/files.service.js';
import { DecisionElector } from './decision-elector.entity.js';
import type { AuditService } from '../audit/audit.service.js';
import { Decision, type DecisionResultRecord } from './decision.entity.js';
import { BallotChannel, BallotChoice, type DecisionMatter, DecisionStatus } from './decision.enums.js';
import {
  admitBallot,
  areaToCents,
  canRecordPaperBallots,
  centsToArea,
  electorate,
  paperReference,
  resolveMatter,
  tallyDecision,
  type Count,
} from './decision.rules.js';
import { isUuid } from '../shared/ids.js';
import { pgArray } from '../shared/pg-array.js';
import type { ViewerBallot } from './decision.types.js';

const MAX_VOTE_MS = 90 * 24 * 3600_000;

export interface OpenDecision {
  question: string;
  /** Art. 278 ¶1 item, 1–9: decides the matter. */
  article278Item?: number | null;
  /** For clients that predate items; when both are sent they must agree. */
  matter?: DecisionMatter | null;
  closesAt: Date;
}

export interface PaperBallot {
  decisionId: string;
  unitId: string;
  choice: BallotChoice;
  reference: string;
  /** The scanned paper: photos or a PDF uploaded with POST /files by the recorder. */
  attachmentIds?: string[] | null;
}

export interface Participation {
  owners: number;
  ownersTotal: number;
  area: string;
  areaTotal: string;
  /** Electors none of whose owners has an account (no password set): they can vote only on paper. */
  ownersWithoutAccount: number;
  /** Electors whose ballot is a recorded paper one. */
  paperBallots: number;
}

export interface RollUnit {
  unitId: string;
  label: string;
  area: string;
  /** At least one of the elector's owners has an account. */
  hasAccount: boolean;
  /** How the elector's ballot came in so far; null while none has. */
  channel: BallotChannel | null;
  electorId: string;
  /** Whether this viewer may see the scan of the elector's paper (seesPaperBallotScan). */
  scanVisible: boolean;
}

/** 业主共同决定: open a vote, cast ballots, close and publish the article 278 tally. */
export class DecisionService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    /** Absent in the demo seed, which attaches nothing. */
    private readonly files: FilesService | null = null,
  ) {}

  async find(em: EntityManager, viewer: ViewerContext, id: string): Promise<Decision> {
    if (!isUuid(id)) throw notFound('Decision');
    const decision = await em.findOne(Decision, { id, community: viewer.communityId }, { populate: ['proposal'] });
    if (!decision) throw notFound('Decision');
    return decision;
  }

  async open(em: EntityManager, viewer: ViewerContext, proposalId: string, input: OpenDecision): Promise<Decision> {
    if (!viewer.roles.some((r) => COMMITTEE_ROLES.includes(r))) throw forbidden('Only the committee or an admin can open an owners’ vote.', 'COMMITTEE_ONLY');
    const now = this.clock.now();
    const question = input.question.trim();
    if (question.length < 5 || question.length > 500) throw badLength('question', 5, 500);
    if (Number.isNaN(input.closesAt.getTime()) || input.closesAt <= now) throw badInput('closesAt', 'must be in the future', { reason: 'TIME_PAST' });
    if (input.closesAt.getTime() - now.getTime() > MAX_VOTE_MS) throw badInput('closesAt', 'must be within 90 days', { reason: 'TIME_TOO_FAR', days: 90 });
    const chosen = resolveMatter(input.article278Item, input.matter);
    if (!chosen.ok) throw badInput(chosen.field, chosen.reason, { reason: chosen.field === 'matter' ? 'MATTER_MISMATCH' : 'ITEM_INVALID' });
    if (!isUuid(proposalId)) throw notFound('Proposal');
    const decision = await em.transactional(async (tx) => {
      const proposal = await tx.findOne(Proposal, { id: proposalId, community: viewer.communityId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!proposal) throw notFound('Proposal');
      if (proposal.mergedInto) throw invalidTransition('This proposal was merged into another.', { reason: 'PROPOSAL_MERGED' });
      if (!DECIDABLE.includes(proposal.status)) {
        throw invalidTransition(`An owners’ vote can be opened on a proposal under review, accepted or in progress, not ${proposal.status}.`, {
          reason: 'PROPOSAL_STATUS',
          status: proposal.status,
        });
      }
      if (await tx.count(Decision, { proposal, status: DecisionStatus.OPEN }))
        throw conflict('This proposal already has an open vote.', { reason: 'VOTE_EXISTS' });
      // The roll is fixed now: every unit of the register with an owner, with or without an account;
      // units grouped by their exact owners, one ballot each.
      const units = await tx.execute<{ unit_id: string; area: string; owner_ids: string[] }[]>(
        `select u.id as unit_id, u.area, array_agg(o.person_id order by o.person_id) as owner_ids
           from unit u join ownership o on o.unit_id = u.id
          where u.community_id = ? group by u.id`,
        [viewer.communityId],
      );
      const electors = electorate(units.map((u) => ({ unitId: u.unit_id, areaCents: areaToCents(u.area), ownerIds: u.owner_ids })));
      if (electors.length === 0) throw invalidTransition('This community has no registered owners to vote.', { reason: 'NO_OWNERS' });
      const areaTotal = electors.reduce((sum, e) => sum + e.areaCents, 0n);
      const created = tx.create(Decision, {
        community: viewer.communityId,
        proposal,
        question,
        matter: chosen.matter as DecisionMatter,
        article278Item: chosen.item,
        opensAt: now,
        closesAt: input.closesAt,
        openedBy: tx.getReference(Person, viewer.id),
        ownersTotal: electors.length,
        areaTotal: centsToArea(areaTotal),
      });
      for (const e of electors) {
        tx.create(DecisionElector, {
          community: viewer.communityId,
          decision: created,
          key: e.key,
          ownerIds: e.ownerIds,
          unitIds: e.unitIds,
          area: centsToArea(e.areaCents),
        });
      }
      tx.create(ProposalEvent, {
        community: viewer.communityId,
        proposal,
        at: now,
        kind: ProposalEventKind.DECISION_OPENED,
        actor: tx.getReference(Person, viewer.id),
        reason: question,
      });
      const notified = this.notifications.queue(tx, viewer.communityId, {
        recipientIds: [...new Set(electors.flatMap((e) => e.ownerIds))],
        kind: 'DECISION_OPENED',
        subjectType: 'PROPOSAL',
        subjectId: proposal.id,
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
    if (!viewer.roles.includes(Role.OWNER)) throw forbidden('Only owners vote in an owners’ decision.', 'OWNERS_ONLY');
    if (!isUuid(decisionId)) throw notFound('Decision');
    const now = this.clock.now();
    await em.transactional(async (tx) => {
      // FOR SHARE: ballots may run in parallel with each other, never with the close that tallies them.
      const [row] = await tx.execute<{ status: string; closes_at: string }[]>(
        'select status, closes_at from decision where id = ? and community_id = ? for share',
        [decisionId, viewer.communityId],
      );
      if (!row) throw notFound('Decision');
      if (row.status !== DecisionStatus.OPEN || new Date(row.closes_at) <= now) throw invalidTransition('This vote has closed.', { reason: 'VOTE_CLOSED' });
      const mine = await tx.execute<{ id: string; channel: BallotChannel | null; reference: string | null }[]>(
        'select id, channel, reference from decision_elector where decision_id = ? and ?::uuid = any(owner_ids) order by key for update',
        [decisionId, viewer.id],
      );
      if (mine.length === 0) throw forbidden('You are not on this vote’s roll (it was fixed when the vote opened).', 'NOT_ON_ROLL');
      // A recorded paper ballot stands; an owner of several electors (a co-owned unit and one of
      // their own) still votes online on the ones that have none.
      const open = mine.filter((e) => admitBallot(e.channel) !== 'refusePaperStands');
      if (open.length === 0) {
        throw invalidTransition(
          `A paper ballot (reference ${mine[0]!.reference}) was recorded for you; the signed paper is the formal record and cannot be changed online.`,
          { reason: 'PAPER_BALLOT_STANDS', reference: mine[0]!.reference },
        );
      }
      await tx.execute(
        `update decision_elector set choice = ?, channel = 'ONLINE', cast_by_id = ?, cast_at = ?, reference = null, recorded_by_id = null
          where id = any(array[?]::uuid[])`,
        [choice, viewer.id, now, open.map((e) => e.id)],
      );
      await this.events.publish(tx, 'DECISION_CHANGED', decisionId);
    });
    return this.find(em, viewer, decisionId);
  }

  /**
   * 书面表决: customer service or the committee records the signed paper of the elector that holds
   * `unitId`. The paper is the formal record: it replaces an online ballot, and is itself never
   * replaced (a second paper for the elector is refused, and so is an online ballot after it).
   */
  async recordPaperBallot(em: EntityManager, viewer: ViewerContext, input: PaperBallot): Promise<Decision> {
    if (!canRecordPaperBallots(viewer.roles)) throw forbidden('Only customer service, the committee or an admin records paper ballots.', 'DESK_ONLY');
    const fileIds = checkAttachmentIds(input.attachmentIds);
    const reference = paperReference(input.reference);
    if (!reference)
      throw badInput('reference', 'must be the paper’s reference number as printed on it, 2 to 64 characters', { reason: 'TEXT_LENGTH', min: 2, max: 64 });
    if (!isUuid(input.decisionId)) throw notFound('Decision');
    const notOnRoll = () =>
      badInput('unitId', 'this unit is not on this vote’s roll: the roll was fixed from the register when the vote opened, and the unit had no owner then', {
        reason: 'UNIT_NOT_ON_ROLL',
      });
    if (!isUuid(input.unitId)) throw notOnRoll();
    const now = this.clock.now();
    try {
      await em.transactional(async (tx) => {
        // FOR SHARE, as for an online ballot: never at the same time as the close that tallies.
        const [row] = await tx.execute<{ status: string; closes_at: string; seq: number; question: string }[]>(
          `select d.status, d.closes_at, p.seq, d.question from decision d join proposal p on p.id = d.proposal_id
            where d.id = ? and d.community_id = ? for share of d`,
          [input.decisionId, viewer.communityId],
        );
        if (!row) throw notFound('Decision');
        if (row.status !== DecisionStatus.OPEN || new Date(row.closes_at) <= now) {
          throw invalidTransition('This vote has closed: paper ballots are recorded only until the close.', { reason: 'VOTE_CLOSED' });
        }
        const [elector] = await tx.execute<{ id: string; channel: BallotChannel | null; reference: string | null; unit_ids: string[] }[]>(
          'select id, channel, reference, unit_ids from decision_elector where decision_id = ? and ?::uuid = any(unit_ids) for update',
          [input.decisionId, input.unitId],
        );
        if (!elector) throw notOnRoll();
        if (admitBallot(elector.channel) === 'refusePaperStands') {
          throw conflict(`A paper ballot (reference ${elector.reference}) is already recorded for this unit’s owner: one ballot per owner.`, {
            reason: 'PAPER_BALLOT_EXISTS',
            reference: elector.reference,
          });
        }
        const [taken] = await tx.execute<{ id: string }[]>('select id from decision_elector where decision_id = ? and reference = ?', [
          input.decisionId,
          reference,
        ]);
        if (taken) throw duplicateReference(reference);
        await tx.execute(
          `update decision_elector set choice = ?, channel = 'PAPER', reference = ?, recorded_by_id = ?, cast_by_id = null, cast_at = ? where id = ?`,
          [input.choice, reference, viewer.id, now, elector.id],
        );
        if (fileIds.length) await attachingWith(this.files, 'DecisionService').attach(tx, viewer, fileIds, { decisionElectorId: elector.id });
        const units = await tx.execute<{ label: string }[]>('select label from unit where id = any(array[?]::uuid[]) order by label', [elector.unit_ids]);
        const actor = await tx.findOneOrFail(Person, { id: viewer.id }, { filters: false });
        // The choice stays out of the chain: the log is public and the result is sealed until the close.
        await this.audit.append(tx, {
          communityId: viewer.communityId,
          actor: { id: actor.id, name: actor.displayName },
          action: 'PAPER_BALLOT_RECORDED',
          subjectType: 'DECISION',
          subjectId: input.decisionId,
          data: {
            proposal: proposalNumber(row.seq),
            question: row.question,
            reference,
            units: units.map((u) => u.label),
            replacedOnlineBallot: elector.channel === BallotChannel.ONLINE,
            scans: fileIds.length,
          },
        });
        await this.events.publish(tx, 'DECISION_CHANGED', input.decisionId);
      });
    } catch (error) {
      // Two desks typing the same reference at once: the unique index decides.
      if (error instanceof UniqueConstraintViolationException || (error as { code?: string }).code === '23505') throw duplicateReference(reference);
      throw error;
    }
    return this.find(em.fork(), viewer, input.decisionId);
  }

  /** Closes a vote early (committee/admin). At its time, the sweep closes it. */
  async close(em: EntityManager, viewer: ViewerContext, decisionId: string): Promise<Decision> {
    if (!viewer.roles.some((r) => COMMITTEE_ROLES.includes(r))) throw forbidden('Only the committee or an admin can close a vote.', 'COMMITTEE_ONLY');
    const decision = await this.find(em, viewer, decisionId);
    if (decision.status === DecisionStatus.CLOSED) throw invalidTransition('This vote is already closed.', { reason: 'VOTE_CLOSED' });
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
        matter: decision.matter,
        total: { owners: decision.ownersTotal, areaCents: areaToCents(decision.areaTotal) },
        for: f,
        against: a,
        abstain: ab,
      });
      const result: DecisionResultRecord = {
        forOwners: f.owners,
        forArea: centsToArea(f.areaCents),
        againstOwners: a.owners,
        againstArea: centsToArea(a.areaCents),
        abstainOwners: ab.owners,
        abstainArea: centsToArea(ab.areaCents),
        participantOwners: t.participants.owners,
        participantArea: centsToArea(t.participants.areaCents),
        quorumOwnersMet: t.quorumOwnersMet,
        quorumAreaMet: t.quorumAreaMet,
        quorumMet: t.quorumMet,
        ownersThresholdMet: t.ownersThresholdMet,
        areaThresholdMet: t.areaThresholdMet,
        approved: t.approved,
      };
      decision.status = DecisionStatus.CLOSED;
      decision.closedAt = now;
      decision.closedBy = actorId ? tx.getReference(Person, actorId) : null;
      decision.result = result;
      tx.create(ProposalEvent, {
        community: decision.community,
        proposal: decision.proposal,
        at: now,
        kind: ProposalEventKind.DECISION_CLOSED,
        actor: actorId ? tx.getReference(Person, actorId) : null,
        reason: t.approved ? 'APPROVED' : t.quorumMet ? 'REJECTED' : 'NO_QUORUM',
      });
      const actor = actorId ? await tx.findOneOrFail(Person, { id: actorId }, { filters: false }) : null;
      await this.audit.append(tx, {
        communityId: decision.community.id,
        actor: actor ? { id: actor.id, name: actor.displayName } : null,
        action: 'DECISION_CLOSED',
        subjectType: 'DECISION',
        subjectId: decision.id,
        data: {
          proposal: proposalNumber(decision.proposal.seq),
          question: decision.question,
          article278Item: decision.article278Item,
          matter: decision.matter,
          closesAt: decision.closesAt.toISOString(),
          closedEarly: actorId !== null,
          ownersTotal: decision.ownersTotal,
          areaTotal: decision.areaTotal,
          ...result,
        },
      });
      const voters = await tx.execute<{ id: string }[]>('select distinct unnest(owner_ids) as id from decision_elector where decision_id = ?', [decisionId]);
      const notified = this.notifications.queue(tx, decision.community.id, {
        recipientIds: voters.map((v) => v.id),
        kind: t.approved ? 'DECISION_APPROVED' : 'DECISION_NOT_APPROVED',
        subjectType: 'PROPOSAL',
        subjectId: decision.proposal.id,
        text: `${proposalNumber(decision.proposal.seq)} ${decision.question}`,
      });
      await this.events.publish(tx, 'DECISION_CHANGED', decisionId);
      await this.notifications.announce(tx, notified);
      return true;
    });
  }

  /** Live participation (owners and area that have cast a ballot, of the roll). Never the split. */
  async participation(em: EntityManager, decision: Decision): Promise<Participation> {
    // Account status is read now, not at opening: it says who can still vote only on paper.
    const [row] = await em.execute<{ owners: number; area: string; paper: number; without_account: number }[]>(
      `select count(*) filter (where e.choice is not null)::int as owners,
              coalesce(sum(e.area) filter (where e.choice is not null), 0)::text as area,
              count(*) filter (where e.channel = 'PAPER')::int as paper,
              count(*) filter (where not exists (
                select 1 from person p where p.id = any(e.owner_ids) and ${hasAccountSql('p')}))::int as without_account
         from decision_elector e where e.decision_id = ?`,
      [decision.id],
    );
    return {
      owners: row!.owners,
      ownersTotal: decision.ownersTotal,
      area: centsToArea(areaToCents(row!.area)),
      areaTotal: decision.areaTotal,
      ownersWithoutAccount: row!.without_account,
      paperBallots: row!.paper,
    };
  }

  /** The viewer's own ballot: the one on their sole-owned units first, else a shared one. */
  async viewerBallot(em: EntityManager, viewerId: string, decisionId: string): Promise<ViewerBallot> {
    return (await this.viewerBallots(em, viewerId, [decisionId]))[0]!;
  }

  /** The viewer's own ballot on each of the decisions, in their order: one statement for all. */
  async viewerBallots(em: EntityManager, viewerId: string, decisionIds: readonly string[]): Promise<ViewerBallot[]> {
    const rows = await em.execute<
      { decision_id: string; id: string; choice: BallotChoice | null; channel: BallotChannel | null; reference: string | null; cast_at: string | null }[]
    >(
      `select decision_id, id, choice, channel, reference, cast_at from decision_elector
        where decision_id = any(?::uuid[]) and ?::uuid = any(owner_ids) order by decision_id, cardinality(owner_ids) asc, key asc`,
      [pgArray(decisionIds), viewerId],
    );
    return decisionIds.map((id) => ballotOf(rows.filter((r) => r.decision_id === id)));
  }

  /** The roll's units by label, for the desk recording paper ballots. */
  async rollUnits(em: EntityManager, viewer: ViewerContext, decisionId: string, search: string, first: number): Promise<RollUnit[]> {
    if (!canRecordPaperBallots(viewer.roles)) throw forbidden('Only customer service, the committee or an admin looks up the roll by unit.', 'DESK_ONLY');
    const decision = await this.find(em, viewer, decisionId);
    const pattern = `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await em.execute<
      { unit_id: string; label: string; area: string; has_account: boolean; channel: BallotChannel | null; elector_id: string; recorded_by_id: string | null }[]
    >(
      `select u.id as unit_id, u.label, u.area::text as area, e.channel, e.id as elector_id, e.recorded_by_id,
              exists (select 1 from person p where p.id = any(e.owner_ids) and ${hasAccountSql('p')}) as has_account
         from decision_elector e join unit u on u.id = any(e.unit_ids)
        where e.decision_id = ? and u.label ilike ?
        order by u.label limit ?`,
      [decision.id, pattern, first],
    );
    const closed = decision.status === DecisionStatus.CLOSED;
    return rows.map((r) => ({
      unitId: r.unit_id,
      label: r.label,
      area: r.area,
      hasAccount: r.has_account,
      channel: r.channel,
      electorId: r.elector_id,
      scanVisible: seesPaperBallotScan({ electorOwner: false, recorder: r.recorded_by_id === viewer.id, mayRecordPaper: true }, { closed }),
    }));
  }
}

const duplicateReference = (reference: string) =>
  new DomainError('CONFLICT', `reference: ${reference} is already recorded on another paper ballot of this vote; each paper has its own number.`, {
    field: 'reference',
    reason: 'REFERENCE_TAKEN',
    reference,
  });

/** A viewer's ballot from their roll rows on one decision (sole-owned units first). */
function ballotOf(
  rows: { id: string; choice: BallotChoice | null; channel: BallotChannel | null; reference: string | null; cast_at: string | null }[],
): ViewerBallot {
  const first = rows[0];
  return {
    onRoll: rows.length > 0,
    canVoteOnline: rows.some((r) => admitBallot(r.channel) !== 'refusePaperStands'),
    ballot: first?.choice
      ? {
          electorId: first.id,
          choice: first.choice,
          channel: first.channel ?? BallotChannel.ONLINE,
          reference: first.reference,
          at: first.cast_at ? new Date(first.cast_at) : null,
        }
      : null,
  };
}
