import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ReviewStatus } from './review.enums.js';
import type { Criterion, Tier } from './review.rules.js';

/** 评审: the committee's scoring of one proposal for a reward, and its public outcome. */
@Entity({ tableName: 'review' })
@Index({ properties: ['community', 'finalizedAt'] })
export class Review extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Proposal, { index: true })
  proposal!: Proposal;

  /** Who the reward goes to: the proposal's author. */
  @ManyToOne(() => Person)
  recipient!: Person;

  @Enum({ items: () => ReviewStatus, type: 'string' })
  status: ReviewStatus & Opt = ReviewStatus.SCORING;

  /** The rubric and tiers as they were when the review opened: later edits do not change it. */
  @Property({ type: 'json' })
  criteria!: Criterion[];

  @Property({ type: 'json' })
  tiers!: Tier[];

  @Property({ type: 'integer' })
  noticeHours!: number;

  @Property({ type: 'integer' })
  minReviewers!: number;

  /** 1, then +1 each time an upheld objection reopens scoring. */
  @Property({ type: 'integer' })
  round: number & Opt = 1;

  @Property({ type: 'timestamptz' })
  openedAt!: Date;

  @ManyToOne(() => Person)
  openedBy!: Person;

  @Property({ type: 'timestamptz' })
  scoringClosesAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  finalizedAt: Date | null = null;

  /** Exact final score as a rational in basis points: num / den / 10000. */
  @Property({ type: 'string', length: 40, nullable: true })
  scoreNum: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  scoreDen: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  tierName: string | null = null;

  @Property({ type: 'integer', nullable: true })
  tierPoints: number | null = null;

  /** Calendar quarter whose budget the award counts against, e.g. 2026-Q4. */
  @Property({ type: 'string', length: 8, nullable: true })
  quarter: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  noticeEndsAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  finalAt: Date | null = null;

  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;
}

/** A committee member's place on one review: eligible, or recused (automatically or by declaration). */
@Entity({ tableName: 'review_panelist' })
@Unique({ properties: ['review', 'person'] })
export class ReviewPanelist extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Review)
  review!: Review;

  @ManyToOne(() => Person)
  person!: Person;

  @Property({ type: 'text', nullable: true })
  recusalReason: string | null = null;

  @Property({ type: 'boolean' })
  recusedAutomatically: boolean & Opt = false;

  @Property({ type: 'timestamptz', nullable: true })
  recusedAt: Date | null = null;
}

/** One reviewer's scores on one review (one sheet per reviewer; revised in place until published). */
@Entity({ tableName: 'review_sheet' })
@Unique({ properties: ['review', 'reviewer'] })
export class ReviewSheet extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Review)
  review!: Review;

  @ManyToOne(() => Person)
  reviewer!: Person;

  /** criterion id → whole score 0–10. */
  @Property({ type: 'json' })
  scores!: Record<string, number>;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @Property({ type: 'timestamptz' })
  submittedAt!: Date;

  @Property({ type: 'integer' })
  round!: number;
}

/** 异议 raised during the notice period; the committee must answer every one. */
@Entity({ tableName: 'review_objection' })
export class Objection extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Review, { index: true })
  review!: Review;

  @ManyToOne(() => Person)
  author!: Person;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'integer' })
  round!: number;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'text', nullable: true })
  answer: string | null = null;

  @Property({ type: 'boolean', nullable: true })
  upheld: boolean | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;

  @ManyToOne(() => Person, { nullable: true })
  answeredBy: Person | null = null;
}

/** A credit to a person's reward ledger, written once when an outcome becomes final. */
@Entity({ tableName: 'reward_ledger_entry' })
@Unique({ properties: ['review'] })
export class RewardLedgerEntry extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Person, { index: true })
  person!: Person;

  @ManyToOne(() => Review)
  review!: Review;

  @Property({ type: 'integer' })
  points!: number;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;
}
