import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../context.js';
import { badInput, badLength } from '../shared/errors.js';
import type { Services } from '../services.js';
import { Role } from './community.enums.js';
import { CommunityRef, CommunitySettingsInput, CommunitySettingsView, OwnerRef } from './community.types.js';
import { HolidayCalendarView, HolidayInput, HOLIDAY_DAYS_MAX } from './calendar.types.js';

@Resolver(() => CommunityRef)
export class CommunityResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => CommunityRef, { description: 'The viewer’s community.' })
  community(@Ctx() ctx: Context): Promise<CommunityRef> {
    return this.services.community.community(ctx.em, requireViewer(ctx).communityId);
  }

  @FieldResolver(() => CommunitySettingsView, { description: 'The community’s rules, published to every member.' })
  settings(@Root() community: CommunityRef, @Ctx() ctx: Context): Promise<CommunitySettingsView> {
    return this.services.community.settingsView(ctx.em, community.id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CommunityRef, { description: 'Admin: change the community’s rules (SLA policy; later sections add to it).' })
  async updateCommunitySettings(@Arg('input', () => CommunitySettingsInput) input: CommunitySettingsInput, @Ctx() ctx: Context): Promise<CommunityRef> {
    const viewer = requireViewer(ctx);
    const community = await this.services.community.updateSettings(ctx.em, viewer, input);
    // Open tickets are held to the policy in force: their deadlines move with it.
    if (input.sla || input.workingHours) await this.services.tickets.applyPolicy(ctx.em.fork(), viewer.communityId);
    return community;
  }

  @Authorized()
  @Query(() => HolidayCalendarView, { description: 'One year’s holidays and make-up working days (调休) that the SLA clocks count by.' })
  holidayCalendar(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<HolidayCalendarView> {
    return this.services.community.holidayCalendar(ctx.em, requireViewer(ctx).communityId, year);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => HolidayCalendarView, { description: 'Admin: replace one year’s holidays and make-up working days (audited); open tickets’ deadlines follow.' })
  async setHolidayCalendar(
    @Arg('year', () => Int) year: number,
    @Arg('days', () => [HolidayInput]) days: HolidayInput[],
    @Ctx() ctx: Context,
  ): Promise<HolidayCalendarView> {
    const viewer = requireViewer(ctx);
    if (days.length > HOLIDAY_DAYS_MAX) throw badInput('days', `lists more than ${HOLIDAY_DAYS_MAX} days`, { reason: 'LIST_TOO_LONG', max: HOLIDAY_DAYS_MAX });
    const calendar = await this.services.community.setHolidayCalendar(ctx.em, viewer, year, days);
    await this.services.tickets.applyPolicy(ctx.em.fork(), viewer.communityId);
    return calendar;
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
