import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { CommunityOwned } from '../community/community-owned.js';
import { Person } from '../community/person.entity.js';
import { TicketEvent } from '../tickets/ticket-event.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ProposalComment } from '../proposals/proposal-comment.entity.js';
import { Objection } from '../reviews/review.entity.js';
import { DecisionElector } from '../decisions/decision-elector.entity.js';

/**
 * One upload: who sent which bytes under which name. The bytes live in the file store under
 * `sha256`; several rows may share one blob (the same file uploaded twice). A photo is kept as it is
 * served (upright, without metadata, WebP) with a thumbnail; the client's original only when the
 * community keeps originals. An attachment belongs to exactly one thing (a ticket's timeline line, a
 * proposal, a comment, an objection, a paper ballot), and whoever may see that thing may see the file.
 */
@Entity({ tableName: 'stored_file' })
@Check({
  name: 'stored_file_one_owner_check',
  expression: 'num_nonnulls("ticket_event_id", "proposal_id", "proposal_comment_id", "objection_id", "decision_elector_id") <= 1',
})
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

  /** What the uploaded bytes were (file-kinds.ts): jpeg, png, webp, heic, pdf, xlsx, text. */
  @Property({ type: 'string', length: 10 })
  kind!: string;

  /** Of the bytes served under `sha256`: `image/webp` for photos, else decided from the bytes, e.g. `text/csv; charset=gb18030`. */
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  /** The blob's key in the file store; indexed for the orphan sweep. */
  @Property({ type: 'string', columnType: 'char(64)' })
  @Index()
  sha256!: string;

  /** Photos: the display image's size in pixels, upright. */
  @Property({ type: 'integer', nullable: true })
  width: number | null = null;

  @Property({ type: 'integer', nullable: true })
  height: number | null = null;

  @Property({ type: 'string', columnType: 'char(64)', nullable: true })
  @Index()
  thumbnailSha256: string | null = null;

  /** The client's bytes, metadata and all; only when the community keeps originals, and never served. */
  @Property({ type: 'string', columnType: 'char(64)', nullable: true })
  @Index()
  originalSha256: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  /** The timeline line (intake, message, update, solution, resolution) the file is attached to. */
  @ManyToOne(() => TicketEvent, { nullable: true, index: true, deleteRule: 'cascade' })
  ticketEvent: TicketEvent | null = null;

  /** A proposal's sketch, plan or quotation (shown to the whole community, like the proposal). */
  @ManyToOne(() => Proposal, { nullable: true, index: true, deleteRule: 'cascade' })
  proposal: Proposal | null = null;

  /** A comment's photos: hidden with the comment. */
  @ManyToOne(() => ProposalComment, { nullable: true, index: true, deleteRule: 'cascade' })
  proposalComment: ProposalComment | null = null;

  /** An objection's evidence: shown with the objection, to the community. */
  @ManyToOne(() => Objection, { nullable: true, index: true, deleteRule: 'cascade' })
  objection: Objection | null = null;

  /**
   * The scan of a signed paper ballot (书面表决), on the elector's row. It shows the choice, so it is
   * sealed like the choice: the elector's own owners and whoever recorded it, and after the close
   * those who may record paper ballots (to check the count).
   */
  @ManyToOne(() => DecisionElector, { nullable: true, index: true, deleteRule: 'cascade' })
  decisionElector: DecisionElector | null = null;

  /** Order among the files of one item, from 1. */
  @Property({ type: 'smallint', nullable: true })
  position: number | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  attachedAt: Date | null = null;
}
