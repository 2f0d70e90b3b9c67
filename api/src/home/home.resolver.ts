import { Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../context.js';
import { waitingFor, type WaitingKind } from './home.queries.js';

@ObjectType('WaitingItem', { description: 'Something waiting for the viewer on the home page: how many, and where to go.' })
export class WaitingItemView {
  @Field(() => String, {
    description:
      'SOLUTIONS_TO_CONFIRM, RETURN_VISITS_TO_RATE, VOTES_TO_CAST, TICKETS_TO_DISPATCH, QUEUE_DUE, REVIEWS_TO_SCORE, OBJECTIONS_TO_ANSWER or FOLLOW_UPS_TO_RECORD.',
  })
  kind!: WaitingKind;

  @Field(() => Int)
  count!: number;

  @Field(() => String, { description: 'The item itself when there is one, else its list.' })
  link!: string;
}

@Resolver()
export class HomeResolver {
  @Authorized()
  @Query(() => [WaitingItemView], {
    description:
      'What waits for the viewer: solutions to confirm, return visits to rate, votes on their units, their queue’s due tickets, reviews to score, objections to answer.',
  })
  waitingForMe(@Ctx() ctx: Context): Promise<WaitingItemView[]> {
    return waitingFor(ctx.em, requireViewer(ctx));
  }
}
