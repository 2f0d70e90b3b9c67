import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from './community-owned.js';
import { Person } from './person.entity.js';
import { Unit } from './unit.entity.js';

/** A person owns a unit; co-owners are several rows on one unit. */
@Entity({ tableName: 'ownership' })
@Unique({ properties: ['person', 'unit'] })
export class Ownership extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Person, { index: true })
  person!: Person;

  @ManyToOne(() => Unit, { index: true })
  unit!: Unit;

  /** 不动产权证号 as the register records it. */
  @Property({ type: 'string', length: 64, nullable: true })
  certificateRef: string | null = null;

  @Property({ type: 'timestamptz' })
  since: Date & Opt = new Date();
}
