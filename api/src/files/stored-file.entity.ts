import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';

/**
 * One upload: who sent which bytes under which name. The bytes live in the file store under
 * `sha256`; several rows may share one blob (the same file uploaded twice).
 */
@Entity({ tableName: 'stored_file' })
export class StoredFile extends CommunityOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Person, { fieldName: 'uploaded_by_id' })
  uploadedBy!: Person;

  /** The client's file name, cleaned (cleanFileName); shown, never used as a path. */
  @Property({ type: 'string', length: 255 })
  name!: string;

  @Property({ type: 'integer' })
  size!: number;

  /** Decided from the bytes (file-kinds.ts), e.g. `text/csv; charset=gb18030`. */
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  /** The blob's key in the file store; indexed for the orphan sweep. */
  @Property({ type: 'string', columnType: 'char(64)' })
  @Index()
  sha256!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}
