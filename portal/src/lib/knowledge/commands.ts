import {
  ApproveCannedAnswerDocument, CannedAnswerDocument, CannedAnswerPickerDocument, CannedAnswersDocument, DeleteCannedAnswerDocument, SaveCannedAnswerDocument,
  type CannedAnswerDetailFragment, type CannedAnswerPickerQuery, type CannedAnswerStatus, type SaveCannedAnswerInput,
} from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { problemOf } from '$lib/tickets/problems';
import { send, type Outcome } from '$lib/tickets/commands';

export type CannedAnswer = CannedAnswerDetailFragment;
export type PickerAnswer = CannedAnswerPickerQuery['cannedAnswers']['edges'][number]['node'];

export interface KnowledgeFilter {
  search: string;
  status: CannedAnswerStatus | null;
}

/** The staff knowledge base, newest change first, a page at a time; the filter is read afresh on every load. */
export class CannedAnswerList extends PagedList<CannedAnswer> {
  constructor(filter: () => KnowledgeFilter, pageSize = 20) {
    super(async (after): Promise<Fetched<CannedAnswer>> => {
      const { search, status } = filter();
      const result = await client.query(CannedAnswersDocument, { search: search || null, status, first: pageSize, after }, { requestPolicy: 'network-only' }).toPromise();
      if (result.error || !result.data) return { problem: result.error ? problemOf(result.error) : { code: 'unknown', field: null, message: '' } };
      const { edges, pageInfo, totalCount } = result.data.cannedAnswers;
      return { items: edges.map((e) => e.node), totalCount, hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor };
    });
  }
}

/** The picker on a ticket: approved answers for its kind, most used first, words in its owner's language. */
export async function pickerAnswers(ticketId: string, search: string): Promise<Outcome<{ items: PickerAnswer[]; totalCount: number }>> {
  const result = await client.query(CannedAnswerPickerDocument, { ticketId, search: search || null }, { requestPolicy: 'network-only' }).toPromise();
  if (result.error || !result.data) return { ok: false, problem: result.error ? problemOf(result.error) : { code: 'unknown', field: null, message: '' } };
  const page = result.data.cannedAnswers;
  return { ok: true, value: { items: page.edges.map((e) => e.node), totalCount: page.totalCount } };
}

export async function fetchCannedAnswer(id: string): Promise<Outcome<CannedAnswer | null>> {
  const result = await client.query(CannedAnswerDocument, { id }, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) {
    const problem = problemOf(result.error);
    return problem.code === 'notFound' ? { ok: true, value: null } : { ok: false, problem };
  }
  return { ok: true, value: result.data?.cannedAnswer ?? null };
}

export const knowledge = {
  save: (input: SaveCannedAnswerInput) => send(SaveCannedAnswerDocument, { input }, (d) => d.saveCannedAnswer),
  approve: (id: string, version: number) => send(ApproveCannedAnswerDocument, { id, version }, (d) => d.approveCannedAnswer),
  remove: (id: string) => send(DeleteCannedAnswerDocument, { id }, (d) => d.deleteCannedAnswer),
};
