import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { StoredSettings } from './community.settings.js';

/**
 * 物业公司: runs several communities. Accounts (sign-in identities) are unique per company, and
 * one company's people, communities and figures are never visible to another.
 */
@Entity({ tableName: 'company' })
export class Company {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 120 })
  name!: string;

  /** Settings a new community starts from; null: the product's defaults. */
  @Property({ type: 'json', nullable: true })
  settingsTemplate: Opt<StoredSettings> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
