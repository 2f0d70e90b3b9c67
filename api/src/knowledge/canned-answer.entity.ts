import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Department } from '../community/community.enums.js';
import { Person } from '../community/person.entity.js';
import { TicketKind } from '../tickets/ticket.enums.js';

/**
 * 常用答复: an answer to a common question, kept by the service desk. The working copy (title,
 * bodies, public) is what staff edit; the approved copy is what a reviewer signed off, and the only
 * one that reaches an owner — in a ticket's answer or update, or in the owners' FAQ. An edit of an
 * approved answer leaves the approved copy in use until the edit is approved in turn.
 */
@Entity({ tableName: 'canned_answer' })
@Index({ properties: ['community', 'updatedAt'] })
@Index({ properties: ['community', 'useCount'] })
@Index({
  name: 'canned_answer_search_text_trgm',
  expression: 'create index "canned_answer_search_text_trgm" on "canned_answer" using gin ("search_text" gin_trgm_ops)',
})
export class CannedAnswer extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The question as an owner would ask it, e.g. 停车卡怎么办理？ */
  @Property({ type: 'string', length: 120 })
  title!: string;

  @Property({ type: 'text' })
  bodyZh!: string;

  @Property({ type: 'text', nullable: true })
  bodyEn: string | null = null;

  /** Staff-only: when the answer applies, whom to ask first. Never shown to owners. */
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  /** The kind of ticket it answers; null: any. */
  @Enum({ items: () => TicketKind, type: 'string', nullable: true })
  kind: TicketKind | null = null;

  /** The department whose matter it is; null: any. */
  @Enum({ items: () => Department, type: 'string', nullable: true })
  department: Department | null = null;

  /** Meant for the owners' FAQ once approved. */
  @Property({ type: 'boolean' })
  public: boolean & Opt = false;

  /** Raised by every save: an approval names the version it read, and a save may name the one it edited. */
  @Property({ type: 'integer' })
  version: number & Opt = 1;

  @ManyToOne(() => Person)
  createdBy!: Person;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => Person)
  updatedBy!: Person;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  /** The version the approved copy was taken from; null: never approved (a draft). */
  @Property({ type: 'integer', nullable: true })
  approvedVersion: number | null = null;

  @Property({ type: 'string', length: 120, nullable: true })
  approvedTitle: string | null = null;

  @Property({ type: 'text', nullable: true })
  approvedBodyZh: string | null = null;

  @Property({ type: 'text', nullable: true })
  approvedBodyEn: string | null = null;

  @Property({ type: 'boolean', nullable: true })
  approvedPublic: boolean | null = null;

  @ManyToOne(() => Person, { nullable: true })
  approvedBy: Person | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null = null;

  /** Times it went into a ticket's answer or update (counted by the ticket command, in its transaction). */
  @Property({ type: 'integer' })
  useCount: number & Opt = 0;

  /** Title, words in both languages and the note: written by a database trigger, never by the app (trigram search). */
  @Property({ type: 'text', lazy: true, default: '' })
  searchText?: string & Opt;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;
}
