import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Length } from '../shared/text.js';
import { ProposalRef } from '../proposals/proposal.types.js';
import { BallotChoice, DecisionMatter, DecisionStatus } from './decision.enums.js';

@ObjectType('DecisionParticipation', { description: 'Who has voted so far, by headcount and by exclusive area. Never the split until close.' })
export class ParticipationView {
  @Field(() => Int)
  owners!: number;

  @Field(() => Int)
  ownersTotal!: number;

  @Field(() => Float, { description: 'm², two decimals.' })
  area!: number;

  @Field(() => Float, { description: 'm², two decimals.' })
  areaTotal!: number;
}

@ObjectType('DecisionResult', { description: 'The article 278 tally, published at close.' })
export class DecisionResultView {
  @Field(() => Boolean)
  quorumMet!: boolean;

  @Field(() => Boolean, { description: 'Participants hold ≥ 2/3 of the owners.' })
  quorumOwnersMet!: boolean;

  @Field(() => Boolean, { description: 'Participants hold ≥ 2/3 of the exclusive area.' })
  quorumAreaMet!: boolean;

  @Field(() => Boolean, { description: 'FOR owners reach the threshold (SPECIAL ≥ 3/4, ORDINARY > 1/2 of participants).' })
  ownersThresholdMet!: boolean;

  @Field(() => Boolean, { description: 'FOR area reaches the threshold of the participating area.' })
  areaThresholdMet!: boolean;

  @Field(() => Boolean)
  approved!: boolean;

  @Field(() => Int)
  forOwners!: number;

  @Field(() => Float)
  forArea!: number;

  @Field(() => Int)
  againstOwners!: number;

  @Field(() => Float)
  againstArea!: number;

  @Field(() => Int)
  abstainOwners!: number;

  @Field(() => Float)
  abstainArea!: number;

  @Field(() => Int)
  participantOwners!: number;

  @Field(() => Float)
  participantArea!: number;
}

@ObjectType('DecisionThresholds', { description: 'The lines to draw: fractions of the totals (quorum) and of the participants (approval).' })
export class DecisionThresholds {
  @Field(() => Float, { description: '2/3' })
  quorum!: number;

  @Field(() => Float, { description: '3/4 for SPECIAL, 1/2 for ORDINARY.' })
  approval!: number;

  @Field(() => Boolean, { description: 'True when reaching the approval fraction exactly is enough (SPECIAL); ORDINARY needs more than half.' })
  approvalInclusive!: boolean;
}

@ObjectType('Decision', { description: '业主共同决定: a formal owners’ vote under PRC Civil Code art. 278.' })
export class DecisionView {
  @Field(() => ID)
  id!: string;

  @Field(() => DecisionMatter)
  matter!: DecisionMatter;

  @Field(() => String)
  question!: string;

  @Field(() => DecisionStatus)
  status!: DecisionStatus;

  @Field(() => Date)
  opensAt!: Date;

  @Field(() => Date)
  closesAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => ProposalRef)
  proposal!: ProposalRef;

  @Field(() => DecisionThresholds)
  thresholds!: DecisionThresholds;

  /** Resolved by field resolvers. */
  proposalId!: string;
  ownersTotal!: number;
  areaTotal!: string;
  resultRecord!: import('./decision.entity.js').DecisionResultRecord | null;
}

@InputType('OpenDecisionInput')
export class OpenDecisionInput {
  @Field(() => String)
  @Length(5, 500, { message: 'question must be 5 to 500 characters' })
  question!: string;

  @Field(() => DecisionMatter)
  matter!: DecisionMatter;

  @Field(() => Date)
  closesAt!: Date;
}

export { BallotChoice };
