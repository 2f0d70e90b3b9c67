// The reviews' section of the community settings as GraphQL (composed in ../settings.types.ts).
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { BilingualName } from '../shared/bilingual.js';

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
