import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { ImportMode, type RegisterProblem, type RegisterSummary } from './register.rules.js';

/** One run of an import (dry or applied): what the file said and what it did, for the history. */
@Entity({ tableName: 'register_import' })
@Index({ properties: ['community', 'at'] })
export class RegisterImport extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The uploaded file (file store); no foreign key, so the history outlives a file's removal. */
  @Property({ type: 'uuid' })
  fileId!: string;

  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Property({ type: 'string', length: 64 })
  fileSha256!: string;

  /** How the file was read, e.g. "CSV (GB18030)". */
  @Property({ type: 'string', length: 40 })
  fileFormat!: string;

  @Enum({ items: () => ImportMode, type: 'string' })
  mode!: ImportMode;

  @Property({ type: 'boolean' })
  dryRun!: boolean;

  @Property({ type: 'boolean' })
  applied!: boolean;

  @Property({ type: 'json' })
  summary!: RegisterSummary;

  /** The first problems (capped); problemCount has them all. */
  @Property({ type: 'json' })
  problems!: RegisterProblem[];

  @Property({ type: 'integer' })
  problemCount: number & Opt = 0;

  @ManyToOne(() => Person)
  by!: Person;

  @Property({ type: 'timestamptz' })
  at!: Date;
}
