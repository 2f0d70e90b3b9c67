import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditRecord, AuditRecorder } from '../shared/audit.js';
import type { Clock } from '../shared/clock.js';
import { AuditEntry } from './audit.entity.js';
import { canonicalJson, entryHash, GENESIS_HASH, verifyChain, type StoredEntry, type Verification } from './audit.rules.js';

interface Row {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

const stored = (r: Row): StoredEntry => ({
  seq: r.seq,
  at: new Date(r.at),
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  payload: r.payload,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export class AuditService implements AuditRecorder {
  constructor(private readonly clock: Clock) {}

  /**
   * Appends inside the caller's transaction (pass the transactional EntityManager), so an entry
   * exists exactly when the decision it records does. Appends to one community's chain queue on
   * an advisory lock.
   */
  async append(tx: EntityManager, record: AuditRecord): Promise<AuditEntry> {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`audit:${record.communityId}`]);
    const [last] = await tx.execute<{ seq: number; hash: string }[]>('select seq, hash from audit_entry where community_id = ? order by seq desc limit 1', [
      record.communityId,
    ]);
    const content = {
      seq: (last?.seq ?? 0) + 1,
      at: this.clock.now(),
      actorId: record.actor?.id ?? null,
      actorName: record.actor?.name ?? null,
      action: record.action,
      subjectType: record.subjectType,
      subjectId: record.subjectId,
      payload: canonicalJson(record.data),
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const entry = tx.create(AuditEntry, { community: record.communityId, ...content, prevHash, hash: entryHash(prevHash, content) });
    await tx.flush();
    return entry;
  }

  async verify(em: EntityManager, communityId: string): Promise<Verification & { headHash: string | null }> {
    const rows = await em.execute<Row[]>(
      `select seq, at, actor_id, actor_name, action, subject_type, subject_id, payload, prev_hash, hash
         from audit_entry where community_id = ? order by seq asc`,
      [communityId],
    );
    const result = verifyChain(rows.map(stored));
    return { ...result, headHash: rows.at(-1)?.hash ?? null };
  }

  async list(em: EntityManager, communityId: string, first: number, beforeSeq: number | null): Promise<{ rows: StoredEntry[]; total: number }> {
    const [rows, [count]] = await Promise.all([
      em.execute<Row[]>(
        `select seq, at, actor_id, actor_name, action, subject_type, subject_id, payload, prev_hash, hash
           from audit_entry where community_id = ? ${beforeSeq ? 'and seq < ?' : ''} order by seq desc limit ?`,
        beforeSeq ? [communityId, beforeSeq, first + 1] : [communityId, first + 1],
      ),
      em.execute<{ n: number }[]>('select count(*)::int as n from audit_entry where community_id = ?', [communityId]),
    ]);
    return { rows: rows.map(stored), total: count!.n };
  }
}
