import type { EntityManager } from '@mikro-orm/postgresql';

/** One entry of a community's audit log, as a command records it. */
export interface AuditRecord {
  communityId: string;
  actor: { id: string; name: string } | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

/**
 * What a command needs of the audit log: to append in its own transaction. AuditService (audit/)
 * is the one implementation; a domain below audit, like the community, is handed it as this.
 */
export interface AuditRecorder {
  append(tx: EntityManager, record: AuditRecord): Promise<unknown>;
}
