import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from './community-owned.js';
import { ResidentRelation } from './community.enums.js';
import { Person } from './person.entity.js';
import { Unit } from './unit.entity.js';

/** 住户: a family member or tenant an owner added to a unit. Lives there until `until` (tenants), or until removed. */
@Entity({ tableName: 'resident' })
@Unique({ properties: ['unit', 'person'] })
export class Resident extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Unit, { index: true })
  unit!: Unit;

  @ManyToOne(() => Person, { index: true })
  person!: Person;

  @Enum({ items: () => ResidentRelation, type: 'string' })
  relation!: ResidentRelation;

  /** Last day of a tenancy (inclusive, community's local date); null: no end. */
  @Property({ type: 'date', nullable: true })
  until: string | null = null;

  @ManyToOne(() => Person)
  addedBy!: Person;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
