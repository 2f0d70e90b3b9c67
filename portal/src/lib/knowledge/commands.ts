import {
  ApproveCannedAnswerDocument,
  CannedAnswerDocument,
  CannedAnswerPickerDocument,
  CannedAnswersDocument,
  DeleteCannedAnswerDocument,
  SaveCannedAnswerDocument,
  type CannedAnswerDetailFragment,
  type CannedAnswerPickerQuery,
  type CannedAnswerStatus,
  type SaveCannedAnswerInput,
} from '@cocreate/schema';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { read, readPage, readRecord, send, type Outcome } from '$lib/core/operations';

export type CannedAnswer = CannedAnswerDetailFragment;
export type PickerAnswer = CannedAnswerPickerQuery['cannedAnswers']['edges'][number]['node'];

export interface KnowledgeFilter {
  search: string;
  status: CannedAnswerStatus | null;
}

/** The staff knowledge base, newest change first, a page at a time; the filter is read afresh on every load. */
export class CannedAnswerList extends PagedList<CannedAnswer> {
  constructor(filter: () => KnowledgeFilter, pageSize = 20) {
    super((after): Promise<Fetched<CannedAnswer>> => {
      const { search, status } = filter();
      return readPage(CannedAnswersDocument, { search: search || null, status, first: pageSize, after }, (d) => d.cannedAnswers);
    });
  }
}

/** The picker on a ticket: approved answers for its kind, most used first, words in its owner's language. */
export const pickerAnswers = (ticketId: string, search: string): Promise<Outcome<{ items: PickerAnswer[]; totalCount: number }>> =>
  read(CannedAnswerPickerDocument, { ticketId, search: search || null }, ({ cannedAnswers: page }) => ({
    items: page.edges.map((e) => e.node),
    totalCount: page.totalCount,
  }));

export const fetchCannedAnswer = (id: string): Promise<Outcome<CannedAnswer | null>> => readRecord(CannedAnswerDocument, { id }, (d) => d.cannedAnswer);

export const knowledge = {
  save: (input: SaveCannedAnswerInput) => send(SaveCannedAnswerDocument, { input }, (d) => d.saveCannedAnswer),
  approve: (id: string, version: number) => send(ApproveCannedAnswerDocument, { id, version }, (d) => d.approveCannedAnswer),
  remove: (id: string) => send(DeleteCannedAnswerDocument, { id }, (d) => d.deleteCannedAnswer),
};
