import { registerEnumType } from 'type-graphql';

export enum DecisionMatter {
  ORDINARY = 'ORDINARY',
  SPECIAL = 'SPECIAL',
}

export enum DecisionStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** How a ballot reached the count: cast in the portal, or a signed paper (书面表决) recorded by staff. */
export enum BallotChannel {
  ONLINE = 'ONLINE',
  PAPER = 'PAPER',
}

export enum BallotChoice {
  FOR = 'FOR',
  AGAINST = 'AGAINST',
  ABSTAIN = 'ABSTAIN',
}

registerEnumType(DecisionMatter, {
  name: 'DecisionMatter',
  description:
    'Follows from the art. 278 item. SPECIAL: items 6–8 only (raising the maintenance fund; rebuilding; changing the use of common parts or using them for business) — FOR by ≥ 3/4 of the participating area and of the participating owners. ORDINARY: every other item, item 5 (using the maintenance fund) included — FOR by more than half of each. Quorum ≥ 2/3 of the area and of the owners for both.',
});
registerEnumType(BallotChannel, {
  name: 'BallotChannel',
  description:
    'ONLINE: cast by an owner in the portal. PAPER: a signed written ballot (书面表决) recorded by customer service or the committee; it is the formal record and stands over an online ballot.',
});
registerEnumType(DecisionStatus, { name: 'DecisionStatus' });
registerEnumType(BallotChoice, { name: 'BallotChoice' });
