import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { CommunityOwned } from './community-owned.js';

@Entity({ tableName: 'building' })
@Unique({ properties: ['community', 'number'] })
export class Building extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** 楼号, the first part of a unit label. */
  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'string', length: 60 })
  name!: string;
}
