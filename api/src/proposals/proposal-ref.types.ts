import { Field, ID, ObjectType } from 'type-graphql';

/** A proposal named from elsewhere (a vote, a review): what links to it, and nothing that knows those domains. */
@ObjectType('ProposalRef')
export class ProposalRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  number!: string;

  @Field(() => String)
  title!: string;
}
