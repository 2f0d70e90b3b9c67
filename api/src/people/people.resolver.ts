import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../community/community.enums.js';
import { CommunityRef } from '../community/community.types.js';
import { maskPhone } from '../tickets/ticket.rules.js';
import { requireViewer, type Context } from '../context.js';
import { pageSize } from '../shared/pagination.js';
import type { Services } from '../services.js';
import {
  ActivationLetterView,
  CommunityFiguresView,
  CreateCommunityInput,
  OpenWorkView,
  PeopleFilter,
  PersonConnection,
  PersonInput,
  PersonView,
  ResidentInput,
  ResidentView,
  StaffInput,
} from './people.types.js';

@Resolver()
export class PeopleResolver {
  constructor(private readonly services: Services) {}

  @Authorized(Role.ADMIN)
  @Query(() => PersonConnection, { description: 'Admin: the community’s people — staff, committee, owners and residents — with search and filters.' })
  people(
    @Ctx() ctx: Context,
    @Arg('filter', () => PeopleFilter, { nullable: true }) filter: PeopleFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.services.people.list(ctx.em, requireViewer(ctx), filter ?? {}, pageSize(first), after);
  }

  @Authorized(Role.ADMIN)
  @Query(() => PersonView, { description: 'Admin: one person.' })
  person(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return this.services.people.person(ctx.em, requireViewer(ctx), id);
  }

  @Authorized(Role.ADMIN)
  @Query(() => OpenWorkView, { description: 'Admin: what a person still has in hand, to hand over before deactivating them.' })
  openWork(@Arg('personId', () => ID) personId: string, @Ctx() ctx: Context) {
    return this.services.people.openWork(ctx.em, requireViewer(ctx).communityId, personId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => PersonView, {
    description:
      'Admin: a member of staff (linked to their company account if they already work in another community). They activate with a code (issueActivationCodes).',
  })
  addStaff(@Arg('input', () => StaffInput) input: StaffInput, @Ctx() ctx: Context) {
    return this.services.people.addStaff(ctx.em, requireViewer(ctx), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => PersonView, { description: 'Admin: change name, contact, staff roles, department and headship (audited).' })
  updatePerson(@Arg('id', () => ID) id: string, @Arg('input', () => PersonInput) input: PersonInput, @Ctx() ctx: Context) {
    return this.services.people.update(ctx.em, requireViewer(ctx), id, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => [PersonView], { description: 'Admin: the review committee is exactly these people, with this term (audited).' })
  setCommittee(
    @Arg('personIds', () => [ID]) personIds: string[],
    @Arg('termEndsOn', () => String, { nullable: true, description: 'YYYY-MM-DD' }) termEndsOn: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.services.people.setCommittee(ctx.em, requireViewer(ctx), personIds, termEndsOn);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => PersonView, {
    description:
      'Admin, 离职: switch a person off with a reason; their sessions end at once and their open work goes to `handOverTo` (required when they have assigned tickets). All or nothing.',
  })
  deactivatePerson(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('handOverTo', () => ID, { nullable: true }) handOverTo: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.services.people.deactivate(ctx.em, requireViewer(ctx), id, reason, handOverTo);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => PersonView, { description: 'Admin: switch a deactivated person back on (audited).' })
  reactivatePerson(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return this.services.people.reactivate(ctx.em, requireViewer(ctx), id);
  }

  @Authorized(Role.CUSTOMER_SERVICE)
  @Mutation(() => [ActivationLetterView], {
    description:
      'Customer service (owners and residents) and admins (anyone): one letter per person, its code shown once. A person already activated gets a reset code instead.',
  })
  async issueActivationCodes(@Arg('personIds', () => [ID]) personIds: string[], @Ctx() ctx: Context): Promise<ActivationLetterView[]> {
    const viewer = requireViewer(ctx);
    const letters = await this.services.accounts.issueCodes(ctx.em, viewer, personIds);
    const people = await Promise.all(letters.map((l) => this.services.people.person(ctx.em, viewer, l.personId)));
    return letters.map((l, i) => ({ ...l, person: people[i]!, phoneMasked: maskPhone(l.phone) ?? '' }));
  }

  @Authorized(Role.OWNER)
  @Query(() => [ResidentView], { description: 'The owner’s household: residents of their units.' })
  myResidents(@Arg('unitId', () => ID, { nullable: true }) unitId: string | null, @Ctx() ctx: Context) {
    return this.services.people.residents(ctx.em, requireViewer(ctx), unitId);
  }

  @Authorized(Role.OWNER)
  @Mutation(() => ResidentView, {
    description: 'The owner adds a family member or tenant to one of their units; the answer carries their activation code (shown once).',
  })
  addResident(@Arg('unitId', () => ID) unitId: string, @Arg('input', () => ResidentInput) input: ResidentInput, @Ctx() ctx: Context) {
    return this.services.people.addResident(ctx.em, requireViewer(ctx), unitId, input);
  }

  @Authorized(Role.OWNER)
  @Mutation(() => Boolean, { description: 'The owner (or an admin) removes a resident.' })
  async removeResident(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    await this.services.people.removeResident(ctx.em, requireViewer(ctx), id);
    return true;
  }

  @Authorized()
  @Mutation(() => CommunityRef, {
    description: 'Company admin: a new community of the company, settings from the company’s template; the company admin is its first admin.',
  })
  createCommunity(@Arg('input', () => CreateCommunityInput) input: CreateCommunityInput, @Ctx() ctx: Context) {
    return this.services.company.createCommunity(ctx.em, requireViewer(ctx), input);
  }

  @Authorized()
  @Query(() => [CommunityFiguresView], { description: 'Company admin and management: every community’s headline figures side by side.' })
  companyOverview(@Ctx() ctx: Context) {
    return this.services.company.overview(ctx.em, requireViewer(ctx), ctx.clock.now());
  }
}
