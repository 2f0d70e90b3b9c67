import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../shared/pagination.js';

@ObjectType('AuditEntry', { description: 'One link of the community’s hash-chained record of decisions.' })
export class AuditEntryView {
  @Field(() => Int)
  sequence!: number;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Null when the system acted (a deadline passed).' })
  actorName!: string | null;

  @Field(() => String)
  action!: string;

  @Field(() => String)
  subjectType!: string;

  @Field(() => String)
  subjectId!: string;

  @Field(() => String, { description: 'Canonical JSON of what was decided.' })
  payload!: string;

  @Field(() => String)
  prevHash!: string;

  @Field(() => String)
  hash!: string;
}

export const AuditEntryConnection = Connection(AuditEntryView, 'AuditEntry');

@ObjectType('AuditVerification')
export class AuditVerificationView {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => Int, { description: 'Entries checked (up to and including the first broken one).' })
  entries!: number;

  @Field(() => Int, { nullable: true })
  firstBrokenSequence!: number | null;

  @Field(() => String, { nullable: true, description: 'Hash of the latest entry: compare it with a copy kept elsewhere to detect a rewritten tail.' })
  headHash!: string | null;

  @Field(() => Date)
  checkedAt!: Date;
}
