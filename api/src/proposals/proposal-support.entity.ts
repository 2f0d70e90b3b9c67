import { Entity, Index, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { Proposal } from './proposal.entity.js';

/** One owner's support for one proposal: the primary key makes it one per owner per proposal. */
@Entity({ tableName: 'proposal_support' })
// The board joins in the viewer's own supports: found by person, not by proposal.
@Index({ properties: ['person', 'proposal'] })
export class ProposalSupport extends CommunityOwned {
  @ManyToOne(() => Proposal, { primary: true })
  proposal!: Proposal;

  @ManyToOne(() => Person, { primary: true })
  person!: Person;

  [PrimaryKeyProp]?: ['proposal', 'person'];

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
