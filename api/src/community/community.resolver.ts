import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../context.js';
import { badInput, badLength } from '../shared/errors.js';
import type { Services } from '../services.js';
import { Role } from './community.enums.js';
import { CommunityRef, OwnerRef } from './community.types.js';

@Resolver(() => CommunityRef)
export class CommunityResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => CommunityRef, { description: 'The viewer’s community.' })
  community(@Ctx() ctx: Context): Promise<CommunityRef> {
    return this.services.community.community(ctx.em, requireViewer(ctx).communityId);
  }

  @Authorized()
  @Query(() => String, { description: 'Everything held about the viewer, as JSON to read or download (个人信息查阅与导出).' })
  async myPersonalData(@Ctx() ctx: Context): Promise<string> {
    const viewer = requireViewer(ctx);
    const [held, notifications] = await Promise.all([
      this.services.community.personalData(ctx.em, viewer, ctx.clock.now()),
      this.services.notifications.personalData(ctx.em, viewer),
    ]);
    return JSON.stringify({ ...held, ...notifications }, null, 2);
  }

  @Authorized(Role.CUSTOMER_SERVICE)
  @Query(() => [OwnerRef], { description: 'Customer service and admin: find an owner by name, phone, email or unit label.' })
  owners(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { defaultValue: '' }) search: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): Promise<OwnerRef[]> {
    if (first < 1 || first > 50) throw badInput('first', 'must be between 1 and 50', { reason: 'OUT_OF_RANGE', min: 1, max: 50 });
    if (search.length > 100) throw badLength('search', 0, 100);
    return this.services.community.findOwners(ctx.em, requireViewer(ctx).communityId, search, first);
  }
}
