import { ArrayMaxSize, IsOptional, Matches } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CodePurpose } from '../auth/one-time-code.entity.js';
import { Department, ResidentRelation, Role } from '../community/community.enums.js';
import { registerEnumType } from 'type-graphql';
import { UnitRef } from '../community/community.types.js';
import { Connection } from '../shared/pagination.js';
import { Length, MaxLength } from '../shared/text.js';
import { TicketStatus } from '../tickets/ticket.enums.js';

registerEnumType(CodePurpose, {
  name: 'CodePurpose',
  valuesConfig: { ACTIVATE: { description: '激活码: the first password' }, RESET: { description: 'a forgotten password' } },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ObjectType('Person', { description: 'A person of the community as its admins manage them (full personal data: admins only).' })
export class PersonView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => Boolean, { description: 'Head of their department (told first when its tickets run overdue).' })
  headOfDepartment!: boolean;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: last day of their committee term.' })
  committeeTermEndsOn!: string | null;

  @Field(() => Boolean, { description: 'False once deactivated (离职): cannot sign in here; the name stays on the record.' })
  active!: boolean;

  @Field(() => Date, { nullable: true })
  deactivatedAt!: Date | null;

  @Field(() => String, { nullable: true })
  deactivationReason!: string | null;

  @Field(() => Boolean, { description: 'Has activated an account (can sign in).' })
  hasAccount!: boolean;

  @Field(() => [String], { description: 'Labels of the units they own.' })
  units!: string[];
}

export const PersonConnection = Connection(PersonView, 'Person');

@InputType()
export class PeopleFilter {
  @Field(() => String, { nullable: true, description: 'Name, mobile number, email or unit label.' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field(() => Boolean, { nullable: true, description: 'true: active only; false: deactivated only; absent: both.' })
  active?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: activated accounts only; false: people who cannot sign in yet.' })
  hasAccount?: boolean | null;
}

@InputType()
export class StaffInput {
  @Field(() => String)
  @Length(2, 80)
  displayName!: string;

  @Field(() => String, { description: 'Mainland mobile number; the sign-in and activation number.' })
  @MaxLength(32)
  phone!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(254)
  email?: string | null;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field(() => [Role])
  @ArrayMaxSize(5)
  roles!: Role[];

  @Field(() => Boolean, { defaultValue: false })
  headOfDepartment!: boolean;
}

@InputType()
export class PersonInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 80)
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(32)
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string removes the email.' })
  @IsOptional()
  @MaxLength(254)
  email?: string | null;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field(() => [Role], { nullable: true, description: 'The staff roles (OWNER and RESIDENT come from the register and households and are kept as they are).' })
  @IsOptional()
  @ArrayMaxSize(5)
  roles?: Role[] | null;

  @Field(() => Boolean, { nullable: true })
  headOfDepartment?: boolean | null;
}

@ObjectType('OpenWorkTicket')
export class OpenWorkTicket {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'T-00012.' })
  number!: string;

  @Field(() => String)
  title!: string;

  @Field(() => TicketStatus)
  status!: TicketStatus;
}

@ObjectType('OpenWorkReview')
export class OpenWorkReview {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  proposalTitle!: string;
}

@ObjectType('OpenWork', { description: 'What a person still has in hand: handed over when they are deactivated.' })
export class OpenWorkView {
  @Field(() => [OpenWorkTicket], { description: 'Open tickets assigned to them (派工): reassigned to the hand-over person.' })
  tickets!: OpenWorkTicket[];

  @Field(() => [OpenWorkReview], { description: 'Reviews being scored where they have a seat and have not scored: they are recused (离职).' })
  reviews!: OpenWorkReview[];

  @Field(() => Department, { nullable: true, description: 'The department they head: the hand-over person becomes its head if they are of it.' })
  headOf!: Department | null;
}

@ObjectType('ActivationLetter', { description: '激活函: one per person; the code is shown only here, once (only its hash is kept).' })
export class ActivationLetterView {
  @Field(() => PersonView)
  person!: PersonView;

  @Field(() => [String], { description: 'Labels of their units (owned or lived in).' })
  units!: string[];

  @Field(() => String, { description: 'The community’s name, as printed.' })
  communityName!: string;

  @Field(() => String, { description: 'The mobile number it works with, masked as printed (138****1234).' })
  phoneMasked!: string;

  @Field(() => String)
  code!: string;

  @Field(() => CodePurpose)
  purpose!: CodePurpose;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, { description: 'Where to activate.' })
  signInUrl!: string;
}

@ObjectType('Resident', { description: '住户: a family member or tenant of a unit.' })
export class ResidentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => ResidentRelation)
  relation!: ResidentRelation;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: last day of a tenancy.' })
  until!: string | null;

  @Field(() => UnitRef)
  unit!: UnitRef;

  @Field(() => Boolean)
  hasAccount!: boolean;

  @Field(() => String, { nullable: true, description: 'Only in addResident’s answer: the activation code to hand to them (shown once).' })
  activationCode!: string | null;

  @Field(() => Date, { nullable: true })
  activationExpiresAt!: Date | null;
}

@InputType()
export class ResidentInput {
  @Field(() => String)
  @Length(2, 80)
  displayName!: string;

  @Field(() => String)
  @MaxLength(32)
  phone!: string;

  @Field(() => ResidentRelation)
  relation!: ResidentRelation;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, for tenants: the last day they live there.' })
  @IsOptional()
  @Matches(DATE, { message: 'until must be a date like 2027-08-31' })
  until?: string | null;
}

@ObjectType('Session', { description: 'One signed-in browser or device of the viewer’s account.' })
export class SessionView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The device as its browser named itself (User-Agent), shortened.' })
  device!: string;

  @Field(() => String)
  communityName!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastSeenAt!: Date | null;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Boolean, { description: 'The session of this request.' })
  current!: boolean;
}

@InputType()
export class CreateCommunityInput {
  @Field(() => String)
  @Length(2, 120)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  address?: string | null;

  @Field(() => String, { defaultValue: 'Asia/Shanghai', description: 'IANA time zone, e.g. Asia/Shanghai.' })
  @MaxLength(64)
  timezone!: string;
}

@ObjectType('CommunityFigures', { description: 'One community’s headline figures for the company view (last 30 days where a rate).' })
export class CommunityFiguresView {
  @Field(() => ID)
  communityId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  units!: number;

  @Field(() => Int)
  openTickets!: number;

  @Field(() => Int, { description: 'Open tickets past a deadline.' })
  overdueTickets!: number;

  @Field(() => Float, { nullable: true, description: '0–1: tickets resolved in the last 30 days within their resolution target (null: none resolved).' })
  slaCompliance!: number | null;

  @Field(() => Float, { nullable: true, description: '0–1: resolved tickets of the last 30 days whose return visit (回访) was done.' })
  returnVisitRate!: number | null;

  @Field(() => Float, { nullable: true, description: '0–1: return visits of the last 30 days rated 4 or 5 stars.' })
  satisfactionRate!: number | null;

  @Field(() => Int, { description: 'Owners’ votes open now.' })
  openVotes!: number;

  @Field(() => Int, { description: 'People with an activated account.' })
  accounts!: number;
}
