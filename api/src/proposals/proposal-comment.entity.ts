import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { Proposal } from './proposal.entity.js';

/** A comment. Abusive ones are hidden with a reason, never deleted. */
@Entity({ tableName: 'proposal_comment' })
@Index({ properties: ['proposal', 'id'] })
export class ProposalComment extends CommunityOwned {
  /** Monotonic: comments read in the order they were written. */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Proposal)
  proposal!: Proposal;

  @ManyToOne(() => Person)
  author!: Person;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  hiddenAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  hiddenReason: string | null = null;

  @ManyToOne(() => Person, { nullable: true })
  hiddenBy: Person | null = null;
}
