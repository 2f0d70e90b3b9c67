import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, Max, Min, ValidateNested, ArrayMaxSize, IsOptional, IsBoolean } from 'class-validator';
import { DepartmentHoursInput, DepartmentHoursView } from './calendar.types.js';
import { Urgency } from '../tickets/ticket.enums.js';
import { BilingualName } from '../shared/bilingual.js';
import { AttachmentPolicyInput, AttachmentPolicyView } from '../files/attachment.types.js';

@ObjectType('Community', { description: 'A community (小区) as its members see it.' })
export class CommunityRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  timezone!: string;
}

@ObjectType('UnitRef', { description: '房号 with its exclusive floor area (专有部分面积, m²).' })
export class UnitRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Building-entrance-room, e.g. 3-2-1201.' })
  label!: string;

  @Field(() => Float, { description: 'm², two decimals.' })
  area!: number;
}

@ObjectType('OwnerRef', { description: 'An owner as customer service finds them at the desk (full personal data: CS and admin only).' })
export class OwnerRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Null for an owner known only from the register (no account).' })
  email!: string | null;

  @Field(() => Boolean, { description: 'Has activated an account; otherwise the desk can issue an activation code (issueActivationCodes).' })
  hasAccount!: boolean;

  @Field(() => [UnitRef])
  units!: UnitRef[];
}

@ObjectType('SlaTarget', { description: 'Minutes allowed for one urgency, counted from intake (time waiting on the owner excluded); working time only where countsWorkingTimeOnly.' })
export class SlaTargetView {
  @Field(() => Urgency)
  urgency!: Urgency;

  @Field(() => Int)
  responseMinutes!: number;

  @Field(() => Int)
  solutionMinutes!: number;

  @Field(() => Int)
  resolutionMinutes!: number;

  @Field(() => Boolean, { description: 'Count only the handling department’s working hours (holidays off, 调休 days worked); false: every hour.' })
  countsWorkingTimeOnly!: boolean;

  @Field(() => Int, { nullable: true, description: '定期反馈: minutes an open ticket may go without a public update from staff to the owner (null: no such clock).' })
  updateCadenceMinutes!: number | null;
}

@ObjectType('SlaPolicy')
export class SlaPolicyView {
  @Field(() => [SlaTargetView])
  targets!: SlaTargetView[];

  @Field(() => Int, { description: 'The return visit (回访) is due this many hours after resolution.' })
  returnVisitHours!: number;

  @Field(() => Int, { description: '催办: an owner may urge one ticket at most once in this many hours.' })
  urgeIntervalHours!: number;

  @Field(() => Int, { description: 'Days after closing during which the owner may reopen a ticket (0: not at all).' })
  reopenWindowDays!: number;
}

@ObjectType('ReviewCriterionSetting', { implements: BilingualName })
export class CriterionSettingView extends BilingualName {
  @Field(() => String)
  id!: string;

  @Field(() => String, { description: 'Decimal, e.g. "0.3"; weights add up to exactly 1.' })
  weight!: string;
}

@ObjectType('RewardTierSetting', { implements: BilingualName })
export class TierSettingView extends BilingualName {
  @Field(() => String, { description: 'Lowest final score in the band, e.g. "8.5".' })
  minScore!: string;

  @Field(() => Int)
  points!: number;
}

@ObjectType('ReviewPolicy')
export class ReviewPolicyView {
  @Field(() => [CriterionSettingView])
  rubric!: CriterionSettingView[];

  @Field(() => [TierSettingView])
  tiers!: TierSettingView[];

  @Field(() => Int)
  budgetPerQuarter!: number;

  @Field(() => Int, { description: '公示期 in hours (0 allowed).' })
  noticePeriodHours!: number;

  @Field(() => Int)
  scoringWindowHours!: number;

  @Field(() => Int)
  minReviewers!: number;
}

@InputType('ReviewCriterionInput')
export class CriterionInput {
  @Field(() => String)
  id!: string;

  @Field(() => String, { description: 'zh-CN, required: the community’s own text.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'English (optional). Absent: kept from the current one with the same id; null or empty: none.',
  })
  nameEn?: string | null;

  @Field(() => String)
  weight!: string;
}

@InputType('RewardTierInput')
export class TierInput {
  @Field(() => String, { description: 'zh-CN, required: the community’s own text.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'English (optional). Absent: kept from the current one with the same name; null or empty: none.',
  })
  nameEn?: string | null;

  @Field(() => String)
  minScore!: string;

  @Field(() => Int)
  points!: number;
}

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

@InputType('SlaTargetInput')
export class SlaTargetInput {
  @Field(() => Urgency)
  urgency!: Urgency;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(129600)
  responseMinutes!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(129600)
  solutionMinutes!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(129600)
  resolutionMinutes!: number;

  @Field(() => Boolean, { nullable: true, description: 'Unchanged when absent.' })
  @IsOptional()
  @IsBoolean()
  countsWorkingTimeOnly?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Unchanged when absent; null: no update-cadence clock. 15 to 129600.' })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(129600)
  updateCadenceMinutes?: number | null;
}

@InputType('SlaPolicyInput')
export class SlaPolicyInput {
  @Field(() => [SlaTargetInput], { description: 'One entry per urgency; all four are required.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(4)
  targets!: SlaTargetInput[];

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(720)
  returnVisitHours!: number;

  @Field(() => Int, { nullable: true, description: 'Unchanged when absent.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  urgeIntervalHours?: number | null;

  @Field(() => Int, { nullable: true, description: 'Unchanged when absent.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  reopenWindowDays?: number | null;
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
