import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { ProposalCategory, ProposalStatus } from './proposal.enums.js';

/** 共创提案: staff innovation proposals and owner improvement suggestions on one board. */
@Entity({ tableName: 'proposal' })
@Unique({ properties: ['community', 'seq'] })
@Index({ properties: ['community', 'createdAt'] })
@Index({ properties: ['community', 'supportCount'] })
// The board's HOT page: a keyset walk of (hot_rank, id) among proposals not merged away.
@Index({
  name: 'proposal_board_hot',
  expression: 'create index "proposal_board_hot" on "proposal" ("community_id", "hot_rank" desc, "id" desc) where "merged_into_id" is null',
})
// The board's search (ILIKE '%…%' on title or body, Chinese included) through trigram indexes, as for tickets.
@Index({ name: 'proposal_title_trgm', expression: 'create index "proposal_title_trgm" on "proposal" using gin ("title" gin_trgm_ops)' })
@Index({ name: 'proposal_body_trgm', expression: 'create index "proposal_body_trgm" on "proposal" using gin ("body" gin_trgm_ops)' })
export class Proposal extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'string', length: 120 })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  @Enum({ items: () => ProposalCategory, type: 'string' })
  category!: ProposalCategory;

  @Enum({ items: () => ProposalStatus, type: 'string' })
  status: ProposalStatus & Opt = ProposalStatus.OPEN;

  @ManyToOne(() => Person)
  author!: Person;

  /** Whether the author was staff when submitting: 创新提案 (staff) or 改进建议 (owner). */
  @Property({ type: 'boolean' })
  byStaff!: boolean;

  @Property({ type: 'text', nullable: true })
  expectedBenefit: string | null = null;

  /** Estimated cost in yuan, exact to the fen. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  estimatedCost: string | null = null;

  @Property({ type: 'integer' })
  supportCount: number & Opt = 0;

  /** Visible comments only (hidden ones are kept but not counted). */
  @Property({ type: 'integer' })
  commentCount: number & Opt = 0;

  /**
   * The stored, time-invariant HOT rank (hotRank in proposal.rules.ts): PostgreSQL computes it in
   * every UPDATE of the counts, so it moves under the same row lock. Never written by the ORM.
   */
  @Property({ type: 'double', generated: '(proposal_hot_rank(support_count, comment_count, created_at)) stored', lazy: true })
  hotRank!: number & Opt;

  /** The public reason given with the latest status change (required when DECLINED). */
  @Property({ type: 'text', nullable: true })
  statusReason: string | null = null;

  @ManyToOne(() => Proposal, { nullable: true })
  mergedInto: Proposal | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;
}
