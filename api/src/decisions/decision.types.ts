import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Length } from '../shared/text.js';
import { ProposalRef } from '../proposals/proposal-ref.types.js';
import { BallotChannel, BallotChoice, DecisionMatter, DecisionStatus } from './decision.enums.js';
import type { DecisionResultRecord } from './decision.entity.js';

/** A decision as the proposal read models join it in (`to_jsonb`: timestamps as ISO text, area as text). */
/** The viewer's place on a vote's roll and their ballot, if any. */
export interface ViewerBallot {
  onRoll: boolean;
  /** On the roll with a ballot that may still be cast or changed online (not a recorded paper one). */
  canVoteOnline: boolean;
  ballot: { electorId: string; choice: BallotChoice; channel: BallotChannel; reference: string | null; at: Date | null } | null;
}

export interface DecisionRow {
  id: string;
  article278_item: number | null;
  matter: DecisionMatter;
  question: string;
  status: DecisionStatus;
  opens_at: string;
  closes_at: string;
  closed_at: string | null;
  owners_total: number;
  area_total: string;
  result: DecisionResultRecord | null;
}

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

  @Field(() => Int, {
    description:
      'Electors on the roll (of ownersTotal) none of whose owners has a portal account — no password set — as of now: they can vote only on paper (书面表决), recorded by customer service or the committee.',
  })
  ownersWithoutAccount!: number;

  @Field(() => Int, { description: 'Electors whose ballot is a recorded paper one (counted in owners).' })
  paperBallots!: number;
}

@ObjectType('Ballot', { description: 'One elector’s ballot as the count has it. Only ever shown to the elector’s own owners.' })
export class BallotView {
  @Field(() => BallotChoice)
  choice!: BallotChoice;

  @Field(() => BallotChannel, { description: 'PAPER: a signed written ballot recorded by staff — the formal record, which stands over any online ballot.' })
  channel!: BallotChannel;

  @Field(() => String, { nullable: true, description: 'The paper’s reference number (PAPER only).' })
  reference!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was cast online or recorded.' })
  at!: Date | null;

  /** Resolved by a field resolver: the scan of the paper. */
  electorId!: string;
}

@ObjectType('RollUnit', { description: 'A unit on a vote’s roll, for the desk recording paper ballots. No names: the label is what the paper carries.' })
export class RollUnitView {
  @Field(() => ID)
  unitId!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Float, { description: 'm², two decimals.' })
  area!: number;

  @Field(() => Boolean, { description: 'At least one of the elector’s owners has a portal account.' })
  hasAccount!: boolean;

  @Field(() => BallotChannel, { nullable: true, description: 'How the elector’s ballot came in so far (null: none yet). Never the choice.' })
  channel!: BallotChannel | null;

  /** For the field resolver of the paper's scan. */
  electorId!: string;
  scanVisible!: boolean;
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

  @Field(() => Int, { nullable: true, description: 'PRC Civil Code art. 278 ¶1 item (1–9) the vote decides; null for votes opened with a matter only.' })
  article278Item!: number | null;

  @Field(() => DecisionMatter, { description: 'Follows from article278Item: items 6–8 SPECIAL, every other item ORDINARY.' })
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
  resultRecord!: DecisionResultRecord | null;
}

@InputType('OpenDecisionInput')
export class OpenDecisionInput {
  @Field(() => String)
  @Length(5, 500, { message: 'question must be 5 to 500 characters' })
  question!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'Art. 278 ¶1 item, 1–9: 1 meeting rules; 2 management covenant; 3 electing or replacing the owners’ committee; 4 hiring or dismissing the property manager; 5 using the maintenance fund; 6 raising the maintenance fund; 7 rebuilding; 8 changing the use of common parts or running a business on them; 9 other major matters. Decides the matter.',
  })
  article278Item?: number | null;

  @Field(() => DecisionMatter, {
    nullable: true,
    description:
      'Optional, for clients that predate article278Item (the vote then has no item). Sent with an item it must agree with it, or BAD_USER_INPUT naming matter.',
  })
  matter?: DecisionMatter | null;

  @Field(() => Date)
  closesAt!: Date;
}

export { BallotChoice };
