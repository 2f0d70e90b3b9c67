import {
  AdvanceProposalDocument,
  CastBallotDocument,
  CloseDecisionDocument,
  DecisionRollDocument,
  CommentOnProposalDocument,
  HideCommentDocument,
  MergeProposalDocument,
  OpenDecisionDocument,
  ProposalDocument,
  ProposalsDocument,
  RecordPaperBallotDocument,
  SubmitProposalDocument,
  SupportProposalDocument,
  WithdrawSupportDocument,
  type BallotChoice,
  type CommentFieldsFragment,
  type DecisionRollQuery,
  type OpenDecisionInput,
  type ProposalCardFragment,
  type ProposalQuery,
  type ProposalStatus,
  type SubmitProposalInput,
} from '@cocreate/schema';
import { read, readRecord, send, type Outcome } from '$lib/core/operations';

export type ProposalPage = NonNullable<ProposalQuery['proposal']>;
export type Comment = CommentFieldsFragment;
export type RollUnit = DecisionRollQuery['decisionRoll'][number];
export type { Outcome };
export const COMMENTS_PAGE = 30;

/** The proposal as it is now (with its first comments), bypassing any cached copy; null when there is none. */
export const fetchProposal = (id: string, commentsAfter: string | null = null): Promise<Outcome<ProposalPage | null>> =>
  readRecord(ProposalDocument, { id, commentsFirst: COMMENTS_PAGE, commentsAfter }, (d) => d.proposal);

/** Proposals a duplicate may be merged into: by number ("P-0003", "3") or by words in the title or body. */
export async function findProposals(text: string): Promise<Outcome<ProposalCardFragment[]>> {
  const number = /^\s*(?:p\s*-?\s*)?(\d{1,6})\s*$/i.exec(text);
  const variables = number ? { orderBy: 'NEW' as const, first: 100 } : { filter: { search: text.trim() }, orderBy: 'TOP' as const, first: 8 };
  const done = await read(ProposalsDocument, variables, (d) => d.proposals.edges.map((edge) => edge.node));
  if (!done.ok || !number) return done;
  const found = done.value;
  const wanted = `P-${number[1]!.padStart(4, '0')}`;
  return { ok: true, value: found.filter((proposal) => proposal.number === wanted) };
}

/** Units on a vote's roll whose label contains the text, for the desk recording paper ballots. */
export const findRollUnits = (decisionId: string, search: string): Promise<Outcome<RollUnit[]>> =>
  read(DecisionRollDocument, { decisionId, search: search.trim(), first: 20 }, (d) => d.decisionRoll);

export const commands = {
  submit: (input: SubmitProposalInput) => send(SubmitProposalDocument, { input }, (d) => d.submitProposal),
  support: (id: string, supported: boolean) =>
    supported ? send(SupportProposalDocument, { id }, (d) => d.supportProposal) : send(WithdrawSupportDocument, { id }, (d) => d.withdrawSupport),
  comment: (id: string, body: string, attachmentIds: string[] = []) => send(CommentOnProposalDocument, { id, body, attachmentIds }, (d) => d.commentOnProposal),
  advance: (id: string, to: ProposalStatus, reason: string | null) => send(AdvanceProposalDocument, { id, to, reason }, (d) => d.advanceProposal),
  /** Answers with the survivor. */
  merge: (id: string, intoId: string) => send(MergeProposalDocument, { id, intoId }, (d) => d.mergeProposal),
  hideComment: (id: string, reason: string) => send(HideCommentDocument, { id, reason }, (d) => d.hideComment),
  openVote: (proposalId: string, input: OpenDecisionInput) => send(OpenDecisionDocument, { proposalId, input }, (d) => d.openDecision),
  castBallot: (decisionId: string, choice: BallotChoice) => send(CastBallotDocument, { decisionId, choice }, (d) => d.castBallot),
  closeVote: (id: string) => send(CloseDecisionDocument, { id }, (d) => d.closeDecision),
  recordPaperBallot: (decisionId: string, unitId: string, choice: BallotChoice, reference: string, attachmentIds: string[] = []) =>
    send(RecordPaperBallotDocument, { decisionId, unitId, choice, reference, attachmentIds }, (d) => d.recordPaperBallot),
};
