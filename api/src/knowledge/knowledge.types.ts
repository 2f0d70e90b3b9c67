import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Department } from '../community/community.enums.js';
import { Connection } from '../shared/pagination.js';
import { Length, MaxLength } from '../shared/text.js';
import { TicketKind } from '../tickets/ticket.enums.js';
import { BODY_MAX, CannedAnswerStatus, NOTE_MAX, TITLE_MAX, type AnswerLanguage } from './knowledge.rules.js';

registerEnumType(CannedAnswerStatus, {
  name: 'CannedAnswerStatus',
  valuesConfig: {
    DRAFT: { description: '草稿: never approved; not offered in tickets' },
    APPROVED: { description: '已审核: the words in use are the words shown' },
    CHANGED: { description: '待审核的修改: an edit awaits review; tickets keep using the approved words' },
  },
});

@ObjectType('CannedAnswerApproved', { description: 'The approved words: what tickets and the owners’ FAQ use.' })
export class CannedAnswerApprovedView {
  @Field(() => Int)
  version!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  bodyZh!: string;

  @Field(() => String, { nullable: true })
  bodyEn!: string | null;

  @Field(() => Boolean, { description: 'In the owners’ FAQ.' })
  public!: boolean;

  @Field(() => String, { nullable: true, description: 'Who reviewed it (审核人); null if that person was removed.' })
  byName!: string | null;

  @Field(() => Date)
  at!: Date;
}

@ObjectType('CannedAnswerInsert', { description: 'What the picker puts into the ticket’s text box.' })
export class CannedAnswerInsertView {
  @Field(() => String)
  text!: string;

  @Field(() => String, { description: '“zh-CN” or “en”: the owner’s language where the answer has it, else Chinese.' })
  language!: AnswerLanguage;
}

@ObjectType('CannedAnswer', { description: '常用答复: staff only.' })
export class CannedAnswerView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The working copy (an edit awaiting review shows here, not in `approved`).' })
  title!: string;

  @Field(() => String)
  bodyZh!: string;

  @Field(() => String, { nullable: true })
  bodyEn!: string | null;

  @Field(() => String, { nullable: true, description: 'Internal note for staff; never shown to owners.' })
  note!: string | null;

  @Field(() => TicketKind, { nullable: true, description: 'Null: any kind of ticket.' })
  kind!: TicketKind | null;

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => Boolean, { description: 'Meant for the owners’ FAQ (once approved).' })
  public!: boolean;

  @Field(() => Int)
  version!: number;

  @Field(() => CannedAnswerStatus)
  status!: CannedAnswerStatus;

  @Field(() => String)
  createdByName!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String)
  updatedByName!: string;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => CannedAnswerApprovedView, { nullable: true })
  approved!: CannedAnswerApprovedView | null;

  @Field(() => Int, { description: 'Times it went into a ticket’s answer or update.' })
  useCount!: number;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => CannedAnswerInsertView, { nullable: true, description: 'Null for a draft.' })
  insert!: CannedAnswerInsertView | null;

  @Field(() => Boolean)
  canEdit!: boolean;

  @Field(() => Boolean, { description: 'The viewer may approve this version now: a reviewer, not its last editor, and not approved yet.' })
  canApprove!: boolean;

  @Field(() => Boolean)
  canDelete!: boolean;
}

export const CannedAnswerConnection = Connection(CannedAnswerView, 'CannedAnswer');

@InputType('SaveCannedAnswerInput')
export class SaveCannedAnswerInput {
  @Field(() => ID, { nullable: true, description: 'Absent: a new answer (a draft).' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a canned answer id' })
  id?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version edited; a newer one in the database is CONFLICT instead of being overwritten.' })
  @IsOptional()
  @IsInt({ message: 'version must be a whole number', context: { reason: 'NOT_WHOLE_NUMBER' } })
  @Min(1, { message: 'version must be at least 1', context: { reason: 'OUT_OF_RANGE', min: 1 } })
  version?: number | null;

  @Field(() => String, { description: 'The question, as an owner asks it.' })
  @Length(2, TITLE_MAX, { message: `title must be 2 to ${TITLE_MAX} characters` })
  title!: string;

  @Field(() => String)
  @Length(2, BODY_MAX, { message: `bodyZh must be 2 to ${BODY_MAX} characters` })
  bodyZh!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(BODY_MAX, { message: `bodyEn must be at most ${BODY_MAX} characters` })
  bodyEn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(NOTE_MAX, { message: `note must be at most ${NOTE_MAX} characters` })
  note?: string | null;

  @Field(() => TicketKind, { nullable: true })
  kind?: TicketKind | null;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  public?: boolean | null;
}

@ObjectType('FaqEntry', { description: '业主常见问题: an approved public answer, its approved words only.' })
export class FaqEntryView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  bodyZh!: string;

  @Field(() => String, { nullable: true })
  bodyEn!: string | null;

  @Field(() => Date)
  approvedAt!: Date;
}

export const FaqConnection = Connection(FaqEntryView, 'FaqEntry');
