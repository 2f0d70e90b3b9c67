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
import { read, readPage, readRecord, send, type Outcome } from '$lib/core/operations';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import type { Review } from './review';

export type { Outcome };
export type LedgerEntry = MyRewardsQuery['myRewards'][number];
export type AuditEntry = AuditLogQuery['auditLog']['edges'][number]['node'] & { id: string };
export type Verification = VerifyAuditLogQuery['verifyAuditLog'];

export const OUTCOMES_PAGE = 10;
export const AUDIT_PAGE = 20;
/** Proposals a review can be opened on. */
export const REVIEWABLE: readonly ProposalStatus[] = ['ACCEPTED', 'IN_PROGRESS', 'IMPLEMENTED'];

/** The review as it is now; null when there is none (or it belongs to another community). */
export const fetchReview = (id: string): Promise<Outcome<Review | null>> => readRecord(ReviewDocument, { id }, (d) => d.review);

export const fetchReviewsToScore = () => read(ReviewsToScoreDocument, {}, (d) => d.reviewsToScore.edges.map((e) => e.node));
export const fetchMyRewards = () => read(MyRewardsDocument, {}, (d) => d.myRewards);
export const verifyAuditLog = () => read(VerifyAuditLogDocument, {}, (d) => d.verifyAuditLog);

/** Outcomes in their notice period, for the committee's to-do list (the first hundred published). */
export const fetchNoticeOutcomes = () => read(RewardOutcomesDocument, { first: 100 }, (d) => d.rewardOutcomes.edges.map((e) => e.node));

/** Proposals a review may be opened on (accepted, being carried out, or carried out). */
export async function fetchReviewable(): Promise<Outcome<ProposalCardFragment[]>> {
  const answers = await Promise.all(
    REVIEWABLE.map((status) => read(ProposalsDocument, { filter: { status }, orderBy: 'NEW', first: 50 }, (d) => d.proposals.edges.map((e) => e.node))),
  );
  const failed = answers.find((a) => !a.ok);
  if (failed && !failed.ok) return failed;
  return { ok: true, value: answers.flatMap((a) => (a.ok ? a.value : [])) };
}

/** 公示: published outcomes, newest first. */
export class OutcomeList extends PagedList<Review> {
  constructor(size = OUTCOMES_PAGE) {
    super((after): Promise<Fetched<Review>> => readPage(RewardOutcomesDocument, { first: size, after }, (d) => d.rewardOutcomes));
  }
}

/** The audit log, newest entry first. */
export class AuditList extends PagedList<AuditEntry> {
  constructor(size = AUDIT_PAGE) {
    super((after): Promise<Fetched<AuditEntry>> =>
      readPage(AuditLogDocument, { first: size, after }, ({ auditLog: { edges, ...rest } }) => ({
        ...rest,
        edges: edges.map((edge) => ({ node: { ...edge.node, id: String(edge.node.sequence) } })),
      })),
    );
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
