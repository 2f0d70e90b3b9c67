import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { BallotChannel, BallotChoice } from './decision.enums.js';
import { Decision } from './decision.entity.js';

/**
 * One elector of one decision (units grouped by their exact set of owners) and its one ballot.
 * Co-owners share the row: either may cast or change it until the vote closes. A paper ballot
 * (channel PAPER) is the formal record: it replaces an online one and is never replaced.
 */
@Entity({ tableName: 'decision_elector' })
@Unique({ properties: ['decision', 'key'] })
@Unique({ properties: ['decision', 'reference'] })
@Index({ name: 'decision_elector_owner_ids_gin', expression: 'create index "decision_elector_owner_ids_gin" on "decision_elector" using gin ("owner_ids")' })
export class DecisionElector extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Decision)
  decision!: Decision;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'uuid[]', columnType: 'uuid[]' })
  ownerIds!: string[];

  @Property({ type: 'uuid[]', columnType: 'uuid[]' })
  unitIds!: string[];

  @Property({ type: 'decimal', precision: 12, scale: 2 })
  area!: string;

  @Enum({ items: () => BallotChoice, type: 'string', nullable: true })
  choice: BallotChoice | null = null;

  /** Who cast it online; null for a paper ballot (the paper is signed by the owner, not by an account). */
  @ManyToOne(() => Person, { nullable: true })
  castBy: Person | null = null;

  @Enum({ items: () => BallotChannel, type: 'string', nullable: true })
  channel: BallotChannel | null = null;

  /** The paper's reference number; unique within the decision. */
  @Property({ type: 'text', nullable: true })
  reference: string | null = null;

  /** The staff member or committee member who recorded the paper ballot. */
  @ManyToOne(() => Person, { nullable: true })
  recordedBy: Person | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  castAt: Date | null = null;
}
