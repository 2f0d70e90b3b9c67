import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { DecisionMatter, DecisionStatus } from './decision.enums.js';

/** 业主共同决定: a formal owners' vote on a proposal, tallied under art. 278 at close. */
@Entity({ tableName: 'decision' })
@Index({ properties: ['status', 'closesAt'] })
export class Decision extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Proposal, { index: true })
  proposal!: Proposal;

  @Property({ type: 'text' })
  question!: string;

  /** Art. 278 ¶1 item (1–9) the vote decides; null for votes opened by a client that sent only the matter. */
  @Property({ type: 'smallint', nullable: true, fieldName: 'article278_item' })
  article278Item: number | null = null;

  /** Follows from the item (items 6–8 SPECIAL); a client that predates items chose it directly. */
  @Enum({ items: () => DecisionMatter, type: 'string' })
  matter!: DecisionMatter;

  @Enum({ items: () => DecisionStatus, type: 'string' })
  status: DecisionStatus & Opt = DecisionStatus.OPEN;

  @Property({ type: 'timestamptz' })
  opensAt!: Date;

  @Property({ type: 'timestamptz' })
  closesAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @ManyToOne(() => Person)
  openedBy!: Person;

  /** Who closed it early; null when it closed at its time. */
  @ManyToOne(() => Person, { nullable: true })
  closedBy: Person | null = null;

  /** The electorate fixed when the vote opened. */
  @Property({ type: 'integer' })
  ownersTotal!: number;

  @Property({ type: 'decimal', precision: 12, scale: 2 })
  areaTotal!: string;

  /** The published tally (null while open: results are sealed). */
  @Property({ type: 'json', nullable: true })
  result: DecisionResultRecord | null = null;
}

export interface DecisionResultRecord {
  forOwners: number;
  forArea: string;
  againstOwners: number;
  againstArea: string;
  abstainOwners: number;
  abstainArea: string;
  participantOwners: number;
  participantArea: string;
  quorumOwnersMet: boolean;
  quorumAreaMet: boolean;
  quorumMet: boolean;
  ownersThresholdMet: boolean;
  areaThresholdMet: boolean;
  approved: boolean;
}
