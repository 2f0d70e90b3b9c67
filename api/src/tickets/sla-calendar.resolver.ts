import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../community/community.enums.js';
import { requireViewer, type Context } from '../context.js';
import { badInput } from '../shared/errors.js';
import type { Services } from '../services.js';
import { checkHolidayYear, holidaysOf, ticketSettings, withHolidays } from './ticket.settings.js';
import { HolidayCalendarView, HolidayInput, HOLIDAY_DAYS_MAX } from './ticket.settings.types.js';

/** The holiday calendar the SLA clocks count by: the tickets' part of the community settings, by year. */
@Resolver()
export class SlaCalendarResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => HolidayCalendarView, { description: 'One year’s holidays and make-up working days (调休) that the SLA clocks count by.' })
  async holidayCalendar(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<HolidayCalendarView> {
    checkHolidayYear(year);
    const settings = ticketSettings(await this.services.community.settings(ctx.em, requireViewer(ctx).communityId));
    return { year, days: settings.holidays[String(year)] ?? [] };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => HolidayCalendarView, {
    description: 'Admin: replace one year’s holidays and make-up working days (audited); open tickets’ deadlines follow.',
  })
  async setHolidayCalendar(
    @Arg('year', () => Int) year: number,
    @Arg('days', () => [HolidayInput]) input: HolidayInput[],
    @Ctx() ctx: Context,
  ): Promise<HolidayCalendarView> {
    const viewer = requireViewer(ctx);
    if (input.length > HOLIDAY_DAYS_MAX) throw badInput('days', `lists more than ${HOLIDAY_DAYS_MAX} days`, { reason: 'LIST_TOO_LONG', max: HOLIDAY_DAYS_MAX });
    const days = holidaysOf(year, input);
    await this.services.community.changeSettings(ctx.em, viewer, (current) => {
      const { holidays } = ticketSettings(current);
      return {
        settings: { ...current, holidays: withHolidays(holidays, year, days) },
        audit: { holidays: { year, before: holidays[String(year)] ?? [], after: days } },
      };
    });
    await this.services.tickets.applyPolicy(ctx.em.fork(), viewer.communityId);
    return { year, days };
  }
}
