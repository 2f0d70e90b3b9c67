import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit/audit.service.js';
import type { Department } from '../community/community.enums.js';
import { Person } from '../community/person.entity.js';
import { withinTransaction } from '../db/transaction.js';
import type { Clock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import { badInput, conflict, DomainError, forbidden, notFound } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import type { TicketKind } from '../tickets/ticket.enums.js';
import { CannedAnswer } from './canned-answer.entity.js';
import { canApprove, canDelete, canWrite } from './knowledge.policy.js';
import { approvalRefusal } from './knowledge.rules.js';

export interface SaveCannedAnswer {
  id?: string | null;
  /** The version the writer edited: a save over someone else's newer edit is refused instead of overwriting it. */
  version?: number | null;
  title: string;
  bodyZh: string;
  bodyEn?: string | null;
  note?: string | null;
  kind?: TicketKind | null;
  department?: Department | null;
  public?: boolean | null;
}

const NOT_FOUND = 'Canned answer';
const REVIEWERS = 'Only the head of customer service, the property manager or an admin may do this.';

/** 常用答复: staff write, a reviewer approves, the ticket commands count each use. Every change is on the audit chain. */
export class KnowledgeService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async save(em: EntityManager, viewer: ViewerContext, input: SaveCannedAnswer): Promise<string> {
    if (!canWrite(viewer)) throw forbidden('Only property staff keep the canned answers.', 'STAFF_ONLY');
    const content = { title: input.title, bodyZh: input.bodyZh, bodyEn: input.bodyEn || null, public: input.public ?? false };
    const meta = { note: input.note || null, kind: input.kind ?? null, department: input.department ?? null };
    return withinTransaction(em, async () => {
      const now = this.clock.now();
      const me = em.getReference(Person, viewer.id);
      let answer: CannedAnswer;
      let created = false;
      let reviewed = true;
      if (input.id) {
        answer = await this.locked(em, viewer, input.id);
        if (input.version != null && input.version !== answer.version) {
          throw conflict(
            `The answer was edited by ${answer.updatedBy.displayName} since you opened it (now version ${answer.version}). Reload it and edit again.`,
          );
        }
        // The approved words (and whether owners see them) are what a review vouches for; the note and the filing are not.
        reviewed = (Object.keys(content) as (keyof typeof content)[]).some((k) => answer[k] !== content[k]);
        if (!reviewed && (Object.keys(meta) as (keyof typeof meta)[]).every((k) => answer[k] === meta[k])) return answer.id;
        Object.assign(answer, content, meta, { updatedBy: me, updatedAt: now });
        if (reviewed) answer.version += 1;
      } else {
        created = true;
        answer = em.create(CannedAnswer, { community: viewer.communityId, ...content, ...meta, createdBy: me, createdAt: now, updatedBy: me, updatedAt: now });
      }
      await em.flush();
      await this.append(em, viewer, created ? 'CANNED_ANSWER_CREATED' : 'CANNED_ANSWER_EDITED', answer, {
        version: answer.version,
        ...content,
        ...meta,
        needsReview: reviewed,
      });
      return answer.id;
    });
  }

  /** 审核通过: the version the reviewer read becomes the approved copy; someone other than its last editor approves. */
  async approve(em: EntityManager, viewer: ViewerContext, id: string, versionRead: number): Promise<string> {
    if (!canApprove(viewer)) throw forbidden(REVIEWERS, 'REVIEWERS_ONLY');
    return withinTransaction(em, async () => {
      const answer = await this.locked(em, viewer, id);
      const refusal = approvalRefusal(
        { version: answer.version, approvedVersion: answer.approvedVersion, updatedById: answer.updatedBy.id },
        viewer.id,
        versionRead,
      );
      if (refusal) throw new DomainError(refusal.code, refusal.message, { reason: refusal.reason });
      Object.assign(answer, {
        approvedVersion: answer.version,
        approvedTitle: answer.title,
        approvedBodyZh: answer.bodyZh,
        approvedBodyEn: answer.bodyEn,
        approvedPublic: answer.public,
        approvedBy: em.getReference(Person, viewer.id),
        approvedAt: this.clock.now(),
      });
      await em.flush();
      await this.append(em, viewer, 'CANNED_ANSWER_APPROVED', answer, {
        version: answer.version,
        title: answer.title,
        bodyZh: answer.bodyZh,
        bodyEn: answer.bodyEn,
        public: answer.public,
        writtenBy: answer.updatedBy.displayName,
      });
      return answer.id;
    });
  }

  async delete(em: EntityManager, viewer: ViewerContext, id: string): Promise<string> {
    return withinTransaction(em, async () => {
      const answer = await this.locked(em, viewer, id);
      if (!canDelete(viewer, { createdById: answer.createdBy.id, approvedVersion: answer.approvedVersion })) {
        throw forbidden(`${REVIEWERS} Its writer may delete a draft that was never approved.`, 'REVIEWERS_ONLY');
      }
      const gone = { version: answer.version, title: answer.title, bodyZh: answer.bodyZh, bodyEn: answer.bodyEn, useCount: answer.useCount };
      em.remove(answer);
      await em.flush();
      await this.append(em, viewer, 'CANNED_ANSWER_DELETED', answer, gone);
      return id;
    });
  }

  /**
   * A ticket command used the answer (its words went to the owner, edited or not): counted inside
   * that command's transaction, so an answer that is refused counts nothing. Only approved answers.
   */
  async recordUse(tx: EntityManager, viewer: ViewerContext, id: string): Promise<void> {
    if (!isUuid(id)) throw notFound(NOT_FOUND);
    const [row] = await tx.execute<{ approved_version: number | null }[]>(
      `update canned_answer set use_count = use_count + 1, last_used_at = ? where id = ? and community_id = ? returning approved_version`,
      [this.clock.now(), id, viewer.communityId],
    );
    if (!row) throw notFound(NOT_FOUND);
    if (row.approved_version === null) throw badInput('cannedAnswerId', 'is a draft that has not been approved yet', { reason: 'ANSWER_NOT_APPROVED' });
  }

  private async locked(em: EntityManager, viewer: ViewerContext, id: string): Promise<CannedAnswer> {
    if (!isUuid(id)) throw notFound(NOT_FOUND);
    const answer = await em.findOne(
      CannedAnswer,
      { id, community: viewer.communityId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['updatedBy', 'createdBy'] },
    );
    if (!answer) throw notFound(NOT_FOUND);
    return answer;
  }

  private async append(em: EntityManager, viewer: ViewerContext, action: string, answer: CannedAnswer, data: Record<string, unknown>) {
    const actor = await em.findOneOrFail(Person, { id: viewer.id });
    await this.audit.append(em, {
      communityId: viewer.communityId,
      actor: { id: actor.id, name: actor.displayName },
      action,
      subjectType: 'CANNED_ANSWER',
      subjectId: answer.id,
      data,
    });
  }
}
