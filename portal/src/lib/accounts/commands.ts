import type { AnyVariables, CombinedError, TypedDocumentNode } from '@urql/core';
import {
  ActivateAccountDocument,
  AddResidentDocument,
  ChangePasswordDocument,
  EndSessionDocument,
  IssueActivationCodesDocument,
  MySessionsDocument,
  MyResidentsDocument,
  RemoveResidentDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
  SwitchCommunityDocument,
  type IssueActivationCodesMutation,
  type MyResidentsQuery,
  type MySessionsQuery,
  type ResidentInput,
  type AddResidentMutation,
} from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { viewer, type Viewer } from '$lib/viewer';
import { accountProblem, unknownProblem, type AccountProblem } from './problems';

export type Outcome<T> = { ok: true; data: T } | { ok: false; problem: AccountProblem };
export type Session = MySessionsQuery['mySessions'][number];
export type Resident = MyResidentsQuery['myResidents'][number];
export type AddedResident = AddResidentMutation['addResident'];
export type Letter = IssueActivationCodesMutation['issueActivationCodes'][number];

async function outcome<D, T>(
  request: Promise<{ data?: D; error?: CombinedError }>,
  pick: (data: D) => T,
): Promise<Outcome<T>> {
  const result = await request;
  if (result.error || !result.data) return { ok: false, problem: result.error ? accountProblem(result.error) : unknownProblem };
  return { ok: true, data: pick(result.data) };
}

export function mutate<D, V extends AnyVariables, T>(document: TypedDocumentNode<D, V>, variables: V, pick: (data: D) => T): Promise<Outcome<T>> {
  return outcome<D, T>(client.mutation(document, variables).toPromise(), pick);
}

export function query<D, V extends AnyVariables, T>(document: TypedDocumentNode<D, V>, variables: V, pick: (data: D) => T): Promise<Outcome<T>> {
  return outcome<D, T>(client.query(document, variables, { requestPolicy: 'network-only' }).toPromise(), pick);
}

/** Activation and reset both end signed in: the viewer is the one the answer names. */
async function signedIn(result: Promise<Outcome<Viewer>>): Promise<Outcome<Viewer>> {
  const done = await result;
  if (done.ok) viewer.adopt(done.data);
  return done;
}

export const activateAccount = (phone: string, code: string, password: string) =>
  signedIn(mutate(ActivateAccountDocument, { phone, code, password }, (d) => d.activateAccount));

export const resetPassword = (phone: string, code: string, password: string) =>
  signedIn(mutate(ResetPasswordDocument, { phone, code, password }, (d) => d.resetPassword));

export const requestPasswordReset = (phone: string) => mutate(RequestPasswordResetDocument, { phone }, (d) => d.requestPasswordReset);

export const changePassword = (current: string, next: string) => mutate(ChangePasswordDocument, { current, next }, (d) => d.changePassword);

export const mySessions = () => query(MySessionsDocument, {}, (d) => d.mySessions);

export const endSession = (id: string) => mutate(EndSessionDocument, { id }, (d) => d.endSession);

/** Switches, then loads the whole portal afresh: every cached query was the other community's. */
export async function switchCommunity(communityId: string): Promise<Outcome<true>> {
  const done = await mutate(SwitchCommunityDocument, { communityId }, () => true as const);
  if (done.ok) window.location.assign('/');
  return done;
}

export const myResidents = () => query(MyResidentsDocument, {}, (d) => d.myResidents);

export const addResident = (unitId: string, input: ResidentInput) => mutate(AddResidentDocument, { unitId, input }, (d) => d.addResident);

export const removeResident = (id: string) => mutate(RemoveResidentDocument, { id }, (d) => d.removeResident);

export const issueActivationCodes = (personIds: string[]) => mutate(IssueActivationCodesDocument, { personIds }, (d) => d.issueActivationCodes);
