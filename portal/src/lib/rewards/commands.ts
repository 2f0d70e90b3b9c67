import type { AnyVariables, DocumentInput } from '@urql/core';
import {
  AnswerObjectionDocument,
  AuditLogDocument,
  DeclareConflictDocument,
  FinalizeReviewDocument,
  MyRewardsDocument,
  OpenReviewDocument,
  ProposalsDocument,
  PublishOutcomeDocument,
  RaiseObjectionDocument,
  ReviewDocument,
  ReviewsToScoreDocument,
  RewardOutcomesDocument,
  SubmitScoresDocument,
  VerifyAuditLogDocument,
  type AuditLogQuery,
  type MyRewardsQuery,
  type ProposalCardFragment,
  type ProposalStatus,
  type ScoreInput,
  type VerifyAuditLogQuery,
} from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { problemOf, type Problem } from '$lib/tickets/problems';
import type { Review } from './review';

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Problem };
export type LedgerEntry = MyRewardsQuery['myRewards'][number];
export type AuditEntry = AuditLogQuery['auditLog']['edges'][number]['node'] & { id: string };
export type Verification = VerifyAuditLogQuery['verifyAuditLog'];

const UNKNOWN: Problem = { code: 'unknown', field: null, message: '' };
export const OUTCOMES_PAGE = 10;
export const AUDIT_PAGE = 20;
/** Proposals a review can be opened on. */
export const REVIEWABLE: readonly ProposalStatus[] = ['ACCEPTED', 'IN_PROGRESS', 'IMPLEMENTED'];

async function send<Data, Vars extends AnyVariables, T>(
  document: DocumentInput<Data, Vars>,
  variables: Vars,
  pick: (data: Data) => T,
): Promise<Outcome<T>> {
  const result = await client.mutation(document, variables).toPromise();
  if (result.error) return { ok: false, problem: problemOf(result.error) };
  if (!result.data) return { ok: false, problem: UNKNOWN };
  return { ok: true, value: pick(result.data) };
}

async function read<Data, Vars extends AnyVariables, T>(
  document: DocumentInput<Data, Vars>,
  variables: Vars,
  pick: (data: Data) => T,
): Promise<Outcome<T>> {
  const result = await client.query(document, variables, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) return { ok: false, problem: problemOf(result.error) };
  if (!result.data) return { ok: false, problem: UNKNOWN };
  return { ok: true, value: pick(result.data) };
}

/** The review as it is now; null when there is none (or it belongs to another community). */
export async function fetchReview(id: string): Promise<Outcome<Review | null>> {
  const outcome = await read(ReviewDocument, { id }, (d) => d.review ?? null);
  if (!outcome.ok && outcome.problem.code === 'notFound') return { ok: true, value: null };
  return outcome;
}

export const fetchReviewsToScore = () => read(ReviewsToScoreDocument, {}, (d) => d.reviewsToScore.edges.map((e) => e.node));
export const fetchMyRewards = () => read(MyRewardsDocument, {}, (d) => d.myRewards);
export const verifyAuditLog = () => read(VerifyAuditLogDocument, {}, (d) => d.verifyAuditLog);

/** Outcomes in their notice period, for the committee's to-do list (the first hundred published). */
export const fetchNoticeOutcomes = () =>
  read(RewardOutcomesDocument, { first: 100 }, (d) => d.rewardOutcomes.edges.map((e) => e.node));

/** Proposals a review may be opened on (accepted, being carried out, or carried out). */
export async function fetchReviewable(): Promise<Outcome<ProposalCardFragment[]>> {
  const answers = await Promise.all(
    REVIEWABLE.map((status) => read(ProposalsDocument, { filter: { status }, orderBy: 'NEW', first: 50 }, (d) => d.proposals.edges.map((e) => e.node))),
  );
  const failed = answers.find((a) => !a.ok);
  if (failed && !failed.ok) return failed;
  return { ok: true, value: answers.flatMap((a) => (a.ok ? a.value : [])) };
}

function page<T extends { id: string }>(connection: {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: T }[];
}): Fetched<T> {
  return {
    items: connection.edges.map((edge) => edge.node),
    totalCount: connection.totalCount,
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor ?? null,
  };
}

/** 公示: published outcomes, newest first. */
export class OutcomeList extends PagedList<Review> {
  constructor(size = OUTCOMES_PAGE) {
    super(async (after) => {
      const outcome = await read(RewardOutcomesDocument, { first: size, after }, (d) => d.rewardOutcomes);
      return outcome.ok ? page(outcome.value) : { problem: outcome.problem };
    });
  }
}

/** The audit log, newest entry first. */
export class AuditList extends PagedList<AuditEntry> {
  constructor(size = AUDIT_PAGE) {
    super(async (after) => {
      const outcome = await read(AuditLogDocument, { first: size, after }, (d) => d.auditLog);
      if (!outcome.ok) return { problem: outcome.problem };
      const { edges, ...rest } = outcome.value;
      return page({ ...rest, edges: edges.map((edge) => ({ node: { ...edge.node, id: String(edge.node.sequence) } })) });
    });
  }
}

export const commands = {
  open: (proposalId: string) => send(OpenReviewDocument, { proposalId }, (d) => d.openReview),
  declareConflict: (reviewId: string, reason: string) => send(DeclareConflictDocument, { reviewId, reason }, (d) => d.declareConflict),
  submitScores: (reviewId: string, scores: ScoreInput[], comment: string | null) =>
    send(SubmitScoresDocument, { reviewId, scores, comment }, (d) => d.submitScores),
  finalize: (reviewId: string) => send(FinalizeReviewDocument, { reviewId }, (d) => d.finalizeReview),
  raiseObjection: (reviewId: string, body: string, attachmentIds: string[] = []) =>
    send(RaiseObjectionDocument, { reviewId, body, attachmentIds }, (d) => d.raiseObjection),
  answerObjection: (objectionId: string, answer: string, upheld: boolean) =>
    send(AnswerObjectionDocument, { objectionId, answer, upheld }, (d) => d.answerObjection),
  publish: (reviewId: string) => send(PublishOutcomeDocument, { reviewId }, (d) => d.publishOutcome),
};
