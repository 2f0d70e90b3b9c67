import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Community } from '../community/community.entity.js';

/**
 * One link of a community's append-only, hash-chained record of decisions. A database trigger
 * refuses UPDATE, DELETE and TRUNCATE; the chain makes any change made around it visible.
 */
@Entity({ tableName: 'audit_entry' })
export class AuditEntry {
  @ManyToOne(() => Community, { primary: true, fieldName: 'community_id' })
  community!: Community;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  [PrimaryKeyProp]?: ['community', 'seq'];

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'string', length: 80, nullable: true })
  actorName: string | null = null;

  @Property({ type: 'string', length: 60 })
  action!: string;

  @Property({ type: 'string', length: 30 })
  subjectType!: string;

  @Property({ type: 'string', length: 64 })
  subjectId!: string;

  /** Canonical JSON text, stored as text so that its bytes are exactly what was hashed. */
  @Property({ type: 'text' })
  payload!: string;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
