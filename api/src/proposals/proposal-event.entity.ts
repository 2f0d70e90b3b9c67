import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { ProposalEventKind, ProposalStatus } from './proposal.enums.js';
import { Proposal } from './proposal.entity.js';

/** The proposal's public history: every status change with its reason. Appended, never changed. */
@Entity({ tableName: 'proposal_event' })
@Index({ properties: ['proposal', 'id'] })
export class ProposalEvent extends CommunityOwned {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Proposal)
  proposal!: Proposal;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Enum({ items: () => ProposalEventKind, type: 'string' })
  kind!: ProposalEventKind;

  @Enum({ items: () => ProposalStatus, type: 'string', nullable: true })
  fromStatus: ProposalStatus | null = null;

  @Enum({ items: () => ProposalStatus, type: 'string', nullable: true })
  toStatus: ProposalStatus | null = null;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  /** Null when the system acted (the support threshold). */
  @ManyToOne(() => Person, { nullable: true })
  actor: Person | null = null;

  /** The other proposal in a merge. */
  @Property({ type: 'uuid', nullable: true })
  otherProposalId: string | null = null;
}
