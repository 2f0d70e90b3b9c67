import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, IsUUID, Min, Max } from 'class-validator';
import { MAX_ATTACHMENTS } from '../files/attachment.rules.js';
import { Length, MaxLength } from '../shared/text.js';
import { Connection } from '../shared/pagination.js';
import { ProposalAction, ProposalCategory, ProposalEventKind, ProposalStatus } from './proposal.enums.js';
import { ProposalRef } from './proposal-ref.types.js';

@ObjectType('ProposalAuthor')
export class ProposalAuthor {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Boolean, { description: 'Staff author: 创新提案 (innovation proposal); owner: 改进建议 (improvement suggestion).' })
  isStaff!: boolean;
}

@ObjectType('ProposalEvent', { description: 'The public history of a proposal.' })
export class ProposalEventView {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => ProposalEventKind)
  kind!: ProposalEventKind;

  @Field(() => ProposalStatus, { nullable: true })
  fromStatus!: ProposalStatus | null;

  @Field(() => ProposalStatus, { nullable: true })
  toStatus!: ProposalStatus | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'Null when the system acted (support threshold reached).' })
  actorName!: string | null;

  @Field(() => ID, { nullable: true })
  otherProposalId!: string | null;
}

@ObjectType('Comment')
export class CommentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  body!: string;

  @Field(() => ProposalAuthor)
  author!: ProposalAuthor;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Boolean, { description: 'Hidden comments are shown to admins only, with the reason.' })
  hidden!: boolean;

  @Field(() => String, { nullable: true })
  hiddenReason!: string | null;
}

export const CommentConnection = Connection(CommentView, 'Comment');

@ObjectType('Proposal', { description: '共创提案 on the community board.' })
export class ProposalView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'e.g. P-0012' })
  number!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => ProposalCategory)
  category!: ProposalCategory;

  @Field(() => ProposalStatus)
  status!: ProposalStatus;

  @Field(() => String, { nullable: true, description: 'Public reason for the latest status change (always given for DECLINED).' })
  statusReason!: string | null;

  @Field(() => ProposalAuthor)
  author!: ProposalAuthor;

  @Field(() => String, { nullable: true })
  expectedBenefit!: string | null;

  @Field(() => Float, { nullable: true, description: 'Yuan.' })
  estimatedCost!: number | null;

  @Field(() => Int)
  supportCount!: number;

  @Field(() => Int)
  commentCount!: number;

  @Field(() => Boolean)
  viewerHasSupported!: boolean;

  @Field(() => Int, { description: 'Supports that send an open proposal to review by themselves.' })
  supportThreshold!: number;

  @Field(() => [ProposalAction], { description: 'Actions this viewer may take now (openDecision is still refused while a vote runs).' })
  availableActions!: ProposalAction[];

  @Field(() => [ProposalStatus], { description: 'Statuses this viewer may move it to by hand now (advanceProposal); DECLINED needs a public reason.' })
  advanceTargets!: ProposalStatus[];

  @Field(() => [ProposalStatus], { description: 'Of advanceTargets, those a move to which needs a public reason.' })
  advanceTargetsNeedingReason!: ProposalStatus[];

  @Field(() => Boolean, { description: 'Whether it still takes supports (from owners): a status still being considered or carried out, not merged.' })
  supportsOpen!: boolean;

  @Field(() => ProposalRef, { nullable: true, description: 'Set on a duplicate: the proposal it was merged into.' })
  mergedInto!: ProposalRef | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  /**
   * Its latest owners' vote as the read model joined it in (the decisions domain's row, as JSON), so
   * that the `decision` field reads nothing; undefined when not read.
   */
  latestDecisionRow?: object | null;
}

export const ProposalConnection = Connection(ProposalView, 'Proposal');

@InputType('SubmitProposalInput')
export class SubmitProposalInput {
  @Field(() => String)
  @Length(4, 120, { message: 'title must be 4 to 120 characters' })
  title!: string;

  @Field(() => String)
  @Length(10, 10000, { message: 'body must be 10 to 10000 characters' })
  body!: string;

  @Field(() => ProposalCategory)
  category!: ProposalCategory;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000, { message: 'expectedBenefit must be at most 2000 characters' })
  expectedBenefit?: string | null;

  @Field(() => Float, { nullable: true, description: 'Yuan, at most two decimals.' })
  @IsOptional()
  @Min(0, { message: 'estimatedCost must not be negative' })
  @Max(1e10, { message: 'estimatedCost must be at most 10,000,000,000' })
  estimatedCost?: number | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'A sketch, a plan, a quotation: photos or PDFs uploaded with POST /files by the author, at most 9. Shown to the whole community.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_ATTACHMENTS, { message: `attachmentIds: at most ${MAX_ATTACHMENTS} files`, context: { reason: 'TOO_MANY_FILES', max: MAX_ATTACHMENTS } })
  @IsUUID('all', { each: true, message: 'attachmentIds must be file ids', context: { reason: 'NOT_A_FILE_ID' } })
  attachmentIds?: string[] | null;
}

@InputType('ProposalFilter')
export class ProposalFilter {
  @Field(() => ProposalStatus, { nullable: true })
  status?: ProposalStatus | null;

  @Field(() => ProposalCategory, { nullable: true })
  category?: ProposalCategory | null;

  @Field(() => String, { nullable: true, description: 'Words to find in the title or body (Chinese or English); every word must match.' })
  @IsOptional()
  @MaxLength(100, { message: 'search must be at most 100 characters' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only proposals the viewer wrote.' })
  mine?: boolean | null;
}
