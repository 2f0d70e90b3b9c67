// The community settings as GraphQL: each domain's section, composed (see settings.ts).
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { DepartmentHoursInput, DepartmentHoursView, SlaPolicyInput, SlaPolicyView } from './tickets/ticket.settings.types.js';
import { CriterionInput, ReviewPolicyView, TierInput } from './reviews/review.settings.types.js';
import { AttachmentPolicyInput, AttachmentPolicyView } from './files/attachment.types.js';

@ObjectType('CommunitySettings', { description: 'Published to every member: the rules everyone is held to.' })
export class CommunitySettingsView {
  @Field(() => SlaPolicyView)
  sla!: SlaPolicyView;

  @Field(() => Int, { description: 'Supports that send an open proposal to committee review by themselves (0: never).' })
  supportThreshold!: number;

  @Field(() => ReviewPolicyView)
  reviews!: ReviewPolicyView;

  @Field(() => AttachmentPolicyView)
  attachments!: AttachmentPolicyView;

  @Field(() => [DepartmentHoursView], { description: 'Departments with working hours; the others count every hour.' })
  workingHours!: DepartmentHoursView[];
}

@InputType('CommunitySettingsInput', { description: 'Only the sections given are changed.' })
export class CommunitySettingsInput {
  @Field(() => SlaPolicyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  sla?: SlaPolicyInput | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'supportThreshold must be 0 (never) or more' })
  @Max(100000)
  supportThreshold?: number | null;

  @Field(() => [CriterionInput], { nullable: true, description: 'Replaces the rubric for reviews opened from now on.' })
  @IsOptional()
  rubric?: CriterionInput[] | null;

  @Field(() => [TierInput], { nullable: true })
  @IsOptional()
  tiers?: TierInput[] | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  budgetPerQuarter?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  noticePeriodHours?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  scoringWindowHours?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  minReviewers?: number | null;

  @Field(() => AttachmentPolicyInput, { nullable: true })
  @IsOptional()
  attachments?: AttachmentPolicyInput | null;

  @Field(() => [DepartmentHoursInput], { nullable: true, description: 'Replaces the hours of each department listed; the others are kept.' })
  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  workingHours?: DepartmentHoursInput[] | null;
}
