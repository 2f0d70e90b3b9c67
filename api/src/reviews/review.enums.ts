import { registerEnumType } from 'type-graphql';

export enum ReviewStatus {
  SCORING = 'SCORING',
  NOTICE = 'NOTICE',
  FINAL = 'FINAL',
}

registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: 'SCORING (blind), NOTICE (公示期: outcome published, objections open), FINAL (rewards credited).',
});
