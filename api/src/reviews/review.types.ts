import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsInt, Max, Min } from 'class-validator';
import { MaxLength } from '../shared/text.js';
import { Connection } from '../shared/pagination.js';
import { ProposalRef } from '../proposals/proposal-ref.types.js';
import { ReviewStatus } from './review.enums.js';
import { BilingualName } from '../shared/bilingual.js';
import { REVIEW_ACTIONS, type Criterion, type ReviewAction } from './review.rules.js';

/** The GraphQL enum of the rules' actions, made from their list: one source for both. */
export const ReviewActionName = Object.fromEntries(REVIEW_ACTIONS.map((action) => [action, action])) as { [A in ReviewAction]: A };
registerEnumType(ReviewActionName, { name: 'ReviewAction', description: 'What the viewer may do next with a review, named after the mutation.' });

@ObjectType('RubricCriterion', { implements: BilingualName })
export class CriterionView extends BilingualName {
  @Field(() => ID)
  id!: string;

  @Field(() => Float, { description: 'Weights of a rubric add up to exactly 1.' })
  weight!: number;
}

@ObjectType('Rubric')
export class RubricView {
  @Field(() => [CriterionView])
  criteria!: CriterionView[];
}

@ObjectType('RewardTier', { implements: BilingualName })
export class TierView extends BilingualName {
  @Field(() => Float, { description: 'Lowest final score in the band.' })
  minScore!: number;

  @Field(() => Int)
  points!: number;
}

@ObjectType('Reviewer')
export class ReviewerView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Boolean)
  hasScored!: boolean;
}

@ObjectType('Recusal', { description: '回避: who may not score, and why (AUTHOR, HOUSEHOLD, or their declared conflict).' })
export class RecusalView {
  @Field(() => String)
  reviewerName!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => Boolean)
  automatic!: boolean;
}

@ObjectType('ReviewScore')
export class ScoreView {
  @Field(() => String)
  reviewerName!: string;

  @Field(() => String)
  criterionId!: string;

  @Field(() => Int)
  score!: number;
}

@ObjectType('ReviewerResult', { description: 'One reviewer’s weighted score and whether it was dropped (highest/lowest with five or more).' })
export class ReviewerResultView {
  @Field(() => String)
  reviewerName!: string;

  @Field(() => Float)
  weightedScore!: number;

  @Field(() => Boolean)
  dropped!: boolean;

  @Field(() => String, { nullable: true })
  comment!: string | null;
}

@ObjectType('Objection', { description: '异议 raised during the notice period, and the committee’s answer.' })
export class ObjectionView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  body!: string;

  @Field(() => String)
  authorName!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String, { nullable: true })
  answer!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Null until answered.' })
  upheld!: boolean | null;

  @Field(() => Date, { nullable: true })
  answeredAt!: Date | null;

  @Field(() => String, { nullable: true })
  answeredByName!: string | null;

  @Field(() => Int)
  round!: number;
}

@ObjectType('RewardTierAward', { implements: BilingualName })
export class TierAwardView extends BilingualName {
  @Field(() => Int)
  points!: number;
}

@ObjectType('Review', { description: '评审 and its public outcome (公示).' })
export class ReviewView {
  @Field(() => ID)
  id!: string;

  @Field(() => ReviewStatus)
  status!: ReviewStatus;

  @Field(() => ProposalRef)
  proposal!: ProposalRef;

  @Field(() => String, { description: 'Who the reward goes to (the proposal’s author).' })
  recipientName!: string;

  @Field(() => RubricView)
  rubric!: RubricView;

  @Field(() => [TierView])
  tiers!: TierView[];

  @Field(() => Int)
  round!: number;

  @Field(() => Date)
  openedAt!: Date;

  @Field(() => Date)
  scoringClosesAt!: Date;

  @Field(() => Int)
  minReviewers!: number;

  @Field(() => Float, { nullable: true, description: 'Mean of weighted scores (highest and lowest dropped with ≥ 5 reviewers), two decimals.' })
  finalScore!: number | null;

  @Field(() => TierAwardView, { nullable: true, description: 'Null while scoring, or when the score is below every band (no reward).' })
  tier!: TierAwardView | null;

  @Field(() => Date, { nullable: true })
  finalizedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  noticeEndsAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finalAt!: Date | null;

  /** For the field resolvers. */
  communityId!: string;
  scoringOpen!: boolean;
  /** The rubric as stored (weights as exact decimal strings), for the weighted scores. */
  criteria!: Criterion[];
}

export const ReviewConnection = Connection(ReviewView, 'Review');

@ObjectType('ReviewRef')
export class ReviewRefView {
  @Field(() => ID)
  id!: string;
}

@ObjectType('RewardLedgerEntry')
export class LedgerEntryView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  points!: number;

  @Field(() => String, { description: 'As written when credited (the tier’s zh-CN name, the proposal’s number and title).' })
  reason!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => ReviewRefView)
  review!: ReviewRefView;

  @Field(() => TierAwardView, { nullable: true, description: 'The tier credited, in both languages, for showing the entry in the reader’s language.' })
  tier!: TierAwardView | null;

  @Field(() => ProposalRef, { description: 'The proposal rewarded.' })
  proposal!: ProposalRef;
}

@InputType('ScoreInput')
export class ScoreInputType {
  @Field(() => String)
  @MaxLength(30)
  criterionId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0, { message: 'score must be 0 to 10' })
  @Max(10, { message: 'score must be 0 to 10' })
  score!: number;
}
