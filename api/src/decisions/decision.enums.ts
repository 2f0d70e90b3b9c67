import { registerEnumType } from 'type-graphql';

export enum DecisionMatter {
  ORDINARY = 'ORDINARY',
  SPECIAL = 'SPECIAL',
}

export enum DecisionStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum BallotChoice {
  FOR = 'FOR',
  AGAINST = 'AGAINST',
  ABSTAIN = 'ABSTAIN',
}

registerEnumType(DecisionMatter, {
  name: 'DecisionMatter',
  description: 'SPECIAL: art. 278 items 6–8 (raising the maintenance fund; rebuilding; changing the use of common parts or using them for business) — ≥ 3/4. ORDINARY: > 1/2.',
});
registerEnumType(DecisionStatus, { name: 'DecisionStatus' });
registerEnumType(BallotChoice, { name: 'BallotChoice' });
