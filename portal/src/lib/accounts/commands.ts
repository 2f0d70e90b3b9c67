import type { AnyVariables, TypedDocumentNode } from '@urql/core';
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
import { read, send, type Outcome as Answer, type Refusal } from '$lib/core/operations';
import { viewer, type Viewer } from '$lib/viewer';
import { accountProblem, unknownProblem, type AccountProblem } from './problems';

export type Outcome<T> = Answer<T, AccountProblem>;
export type Session = MySessionsQuery['mySessions'][number];
export type Resident = MyResidentsQuery['myResidents'][number];
export type AddedResident = AddResidentMutation['addResident'];
export type Letter = IssueActivationCodesMutation['issueActivationCodes'][number];

/** Accounts and people word a refusal with the password estimator's advice. */
export const accountRefusal: Refusal<AccountProblem> = { problemOf: accountProblem, unknown: unknownProblem };

export const mutate = <D, V extends AnyVariables, T>(document: TypedDocumentNode<D, V>, variables: V, pick: (data: D) => T): Promise<Outcome<T>> =>
  send(document, variables, pick, accountRefusal);

export const query = <D, V extends AnyVariables, T>(document: TypedDocumentNode<D, V>, variables: V, pick: (data: D) => T): Promise<Outcome<T>> =>
  read(document, variables, pick, accountRefusal);

/** Activation and reset both end signed in: the viewer is the one the answer names. */
async function signedIn(result: Promise<Outcome<Viewer>>): Promise<Outcome<Viewer>> {
  const done = await result;
  if (done.ok) viewer.adopt(done.value);
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
