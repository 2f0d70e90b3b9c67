import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { Building } from './building.entity.js';
import { CommunityOwned } from './community-owned.js';
import { UnitUse } from './community.enums.js';

/** 房号 such as 3-2-1201: building 3, entrance 2, room 1201. */
@Entity({ tableName: 'unit' })
@Unique({ properties: ['community', 'label'] })
export class Unit extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Building)
  building!: Building;

  @Property({ type: 'string', length: 32 })
  label!: string;

  /** 专有部分面积 in m², exact to the hundredth: article 278 tallies add these up. */
  @Property({ type: 'decimal', precision: 9, scale: 2 })
  area!: string;

  @Enum({ items: () => UnitUse, type: 'string', default: UnitUse.RESIDENTIAL })
  use: UnitUse & Opt = UnitUse.RESIDENTIAL;
}
