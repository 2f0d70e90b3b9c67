// The tickets' section of the community settings as GraphQL: the SLA policy, the departments'
// working hours and the holiday calendar the clocks count by (composed in ../settings.types.ts).
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsInt, Max, Min, MaxLength, ValidateNested, IsOptional } from 'class-validator';
import { Department } from '../community/community.enums.js';
import { HolidayKind, HOLIDAY_NAME_MAX, MAX_HOLIDAYS_PER_YEAR, MAX_INTERVALS_PER_DAY } from './sla-calendar.rules.js';
import { Urgency } from './ticket.enums.js';

registerEnumType(HolidayKind, {
  name: 'HolidayKind',
  description: 'HOLIDAY: no working time. WORKDAY: 调休, a make-up working day (worked with the weekday hours).',
});

@ObjectType('WorkInterval', { description: 'A working period of one day, local time: "08:30"–"12:00" ("24:00" ends at midnight).' })
export class WorkIntervalView {
  @Field(() => String)
  start!: string;

  @Field(() => String)
  end!: string;
}

@ObjectType('WorkingDay')
export class WorkingDayView {
  @Field(() => Int, { description: '1 Monday … 7 Sunday.' })
  weekday!: number;

  @Field(() => [WorkIntervalView], { description: 'In order; empty: not a working day.' })
  intervals!: WorkIntervalView[];
}

@ObjectType('DepartmentHours', { description: 'A department’s working hours. Departments not listed count every hour.' })
export class DepartmentHoursView {
  @Field(() => Department)
  department!: Department;

  @Field(() => [WorkingDayView], { description: 'Seven days, Monday first.' })
  days!: WorkingDayView[];
}

@InputType('WorkIntervalInput')
export class WorkIntervalInput {
  @Field(() => String, { description: 'HH:MM' })
  @MaxLength(5)
  start!: string;

  @Field(() => String, { description: 'HH:MM, after start; "24:00" for midnight.' })
  @MaxLength(5)
  end!: string;
}

@InputType('WorkingDayInput')
export class WorkingDayInput {
  @Field(() => Int, { description: '1 Monday … 7 Sunday.' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @Field(() => [WorkIntervalInput])
  @ArrayMaxSize(MAX_INTERVALS_PER_DAY)
  @ValidateNested({ each: true })
  intervals!: WorkIntervalInput[];
}

@InputType('DepartmentHoursInput', { description: 'Replaces one department’s hours. Weekdays not given have none; no days at all: every hour counts again.' })
export class DepartmentHoursInput {
  @Field(() => Department)
  department!: Department;

  @Field(() => [WorkingDayInput])
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  days!: WorkingDayInput[];
}

@ObjectType('Holiday', { description: 'A day of the holiday calendar.' })
export class HolidayView {
  @Field(() => String, { description: 'YYYY-MM-DD, in the community’s time zone.' })
  date!: string;

  @Field(() => HolidayKind)
  kind!: HolidayKind;

  @Field(() => String, { nullable: true, description: 'e.g. 春节, 国庆节调休.' })
  name!: string | null;
}

@ObjectType('HolidayCalendar', { description: 'One year’s holidays and make-up working days (调休), as the SLA clocks count them.' })
export class HolidayCalendarView {
  @Field(() => Int)
  year!: number;

  @Field(() => [HolidayView], { description: 'In date order.' })
  days!: HolidayView[];
}

@InputType('HolidayInput')
export class HolidayInput {
  @Field(() => String, { description: 'YYYY-MM-DD within the year.' })
  @MaxLength(10)
  date!: string;

  @Field(() => HolidayKind)
  kind!: HolidayKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(HOLIDAY_NAME_MAX * 2)
  name?: string | null;
}

export const HOLIDAY_DAYS_MAX = MAX_HOLIDAYS_PER_YEAR;

@ObjectType('SlaTarget', {
  description: 'Minutes allowed for one urgency, counted from intake (time waiting on the owner excluded); working time only where countsWorkingTimeOnly.',
})
export class SlaTargetView {
  @Field(() => Urgency)
  urgency!: Urgency;

  @Field(() => Int)
  responseMinutes!: number;

  @Field(() => Int)
  solutionMinutes!: number;

  @Field(() => Int)
  resolutionMinutes!: number;

  @Field(() => Boolean, { description: 'Count only the handling department’s working hours (holidays off, 调休 days worked); false: every hour.' })
  countsWorkingTimeOnly!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: '定期反馈: minutes an open ticket may go without a public update from staff to the owner (null: no such clock).',
  })
  updateCadenceMinutes!: number | null;
}

@ObjectType('SlaPolicy')
export class SlaPolicyView {
  @Field(() => [SlaTargetView])
  targets!: SlaTargetView[];

  @Field(() => Int, { description: 'The return visit (回访) is due this many hours after resolution.' })
  returnVisitHours!: number;

  @Field(() => Int, { description: '催办: an owner may urge one ticket at most once in this many hours.' })
  urgeIntervalHours!: number;

  @Field(() => Int, { description: 'Days after closing during which the owner may reopen a ticket (0: not at all).' })
  reopenWindowDays!: number;
}

@InputType('SlaTargetInput')
export class SlaTargetInput {
  @Field(() => Urgency)
  urgency!: Urgency;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(129600)
  responseMinutes!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(129600)
  solutionMinutes!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(129600)
  resolutionMinutes!: number;

  @Field(() => Boolean, { nullable: true, description: 'Unchanged when absent.' })
  @IsOptional()
  @IsBoolean()
  countsWorkingTimeOnly?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Unchanged when absent; null: no update-cadence clock. 15 to 129600.' })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(129600)
  updateCadenceMinutes?: number | null;
}

@InputType('SlaPolicyInput')
export class SlaPolicyInput {
  @Field(() => [SlaTargetInput], { description: 'One entry per urgency; all four are required.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(4)
  targets!: SlaTargetInput[];

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(720)
  returnVisitHours!: number;

  @Field(() => Int, { nullable: true, description: 'Unchanged when absent.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  urgeIntervalHours?: number | null;

  @Field(() => Int, { nullable: true, description: 'Unchanged when absent.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  reopenWindowDays?: number | null;
}
