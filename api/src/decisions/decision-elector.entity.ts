import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { BallotChoice } from './decision.enums.js';
import { Decision } from './decision.entity.js';

/**
 * One elector of one decision (units grouped by their exact set of owners) and its one ballot.
 * Co-owners share the row: either may cast or change it until the vote closes.
 */
@Entity({ tableName: 'decision_elector' })
@Unique({ properties: ['decision', 'key'] })
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

  @ManyToOne(() => Person, { nullable: true })
  castBy: Person | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  castAt: Date | null = null;
}
