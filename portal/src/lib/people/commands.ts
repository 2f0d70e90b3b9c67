import {
  AddStaffDocument,
  CompanyOverviewDocument,
  CreateCommunityDocument,
  DeactivatePersonDocument,
  OpenWorkDocument,
  PeopleDocument,
  PersonDocument,
  ReactivatePersonDocument,
  SetCommitteeDocument,
  UpdatePersonDocument,
  type CompanyOverviewQuery,
  type CreateCommunityInput,
  type OpenWorkQuery,
  type PeopleFilter,
  type PersonFieldsFragment,
  type PersonInput,
  type StaffInput,
} from '@cocreate/schema';
import { accountRefusal, mutate, query } from '$lib/accounts/commands';
import { readPage } from '$lib/core/operations';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';

export type Person = PersonFieldsFragment;
export type OpenWork = OpenWorkQuery['openWork'];
export type CompanyFigures = CompanyOverviewQuery['companyOverview'][number];

/** The people of the community, a page at a time; the filter is read afresh on every load. */
export class PeopleList extends PagedList<Person> {
  constructor(filter: () => PeopleFilter, pageSize = 30) {
    super((after): Promise<Fetched<Person>> => readPage(PeopleDocument, { filter: filter(), first: pageSize, after }, (d) => d.people, accountRefusal));
  }
}

/** Up to `first` people matching the filter, in one go (hand-over candidates, committee members). */
export const findPeople = (filter: PeopleFilter, first = 100) => query(PeopleDocument, { filter, first }, (d) => d.people.edges.map((e) => e.node));

export const person = (id: string) => query(PersonDocument, { id }, (d) => d.person);
export const openWork = (personId: string) => query(OpenWorkDocument, { personId }, (d) => d.openWork);
export const addStaff = (input: StaffInput) => mutate(AddStaffDocument, { input }, (d) => d.addStaff);
export const updatePerson = (id: string, input: PersonInput) => mutate(UpdatePersonDocument, { id, input }, (d) => d.updatePerson);
export const setCommittee = (personIds: string[], termEndsOn: string | null) => mutate(SetCommitteeDocument, { personIds, termEndsOn }, (d) => d.setCommittee);
export const deactivatePerson = (id: string, reason: string, handOverTo: string | null) =>
  mutate(DeactivatePersonDocument, { id, reason, handOverTo }, (d) => d.deactivatePerson);
export const reactivatePerson = (id: string) => mutate(ReactivatePersonDocument, { id }, (d) => d.reactivatePerson);
export const companyOverview = () => query(CompanyOverviewDocument, {}, (d) => d.companyOverview);
export const createCommunity = (input: CreateCommunityInput) => mutate(CreateCommunityDocument, { input }, (d) => d.createCommunity);

/** Roles an admin gives here; OWNER and RESIDENT come from the register and households. */
export const STAFF_ROLES = ['ADMIN', 'CUSTOMER_SERVICE', 'STAFF', 'COMMITTEE'] as const;
export const DEPARTMENTS = ['CUSTOMER_SERVICE', 'MAINTENANCE', 'SECURITY', 'CLEANING', 'MANAGEMENT'] as const;
