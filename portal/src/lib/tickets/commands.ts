import {
  AddMeTooDocument,
  AnswerTicketOnTheSpotDocument,
  AssignTicketDocument,
  DepartmentStaffDocument,
  CancelTicketDocument,
  ReopenTicketDocument,
  UrgeTicketDocument,
  CommunitySettingsDocument,
  DispatchTicketDocument,
  PostTicketUpdateDocument,
  ProposeSolutionDocument,
  RecordFollowUpDocument,
  RecordReturnVisitDocument,
  RespondToSolutionDocument,
  ResolveTicketDocument,
  TicketDocument,
  type Department,
  type DepartmentStaffQuery,
  type DispatchTicketInput,
  type SlaPolicyFieldsFragment,
  type TicketDetailFragment,
} from '@cocreate/schema';
import { read, readRecord, send, type Outcome as Answer } from '$lib/core/operations';

export type Ticket = TicketDetailFragment;
export type Outcome<T = Ticket> = Answer<T>;

/** The ticket as it is now, bypassing any cached copy. */
export const fetchTicket = (id: string): Promise<Outcome<Ticket | null>> => readRecord(TicketDocument, { id }, (d) => d.ticket);

// One function per command the ticket page offers; each answers with the ticket as it now is.
export const commands = {
  /** cannedAnswerId: the 常用答复 the words came from (edited or not), counted by the server. */
  answerOnTheSpot: (id: string, answer: string, cannedAnswerId: string | null = null) =>
    send(AnswerTicketOnTheSpotDocument, { id, answer, cannedAnswerId }, (d) => d.answerTicketOnTheSpot),
  dispatch: (id: string, input: DispatchTicketInput) => send(DispatchTicketDocument, { id, input }, (d) => d.dispatchTicket),
  proposeSolution: (id: string, solution: string, attachmentIds: string[] = []) =>
    send(ProposeSolutionDocument, { id, solution, attachmentIds }, (d) => d.proposeSolution),
  respond: (id: string, accept: boolean, reason: string | null) => send(RespondToSolutionDocument, { id, accept, reason }, (d) => d.respondToSolution),
  resolve: (id: string, summary: string, attachmentIds: string[] = []) => send(ResolveTicketDocument, { id, summary, attachmentIds }, (d) => d.resolveTicket),
  /** solved false: "it is not fixed", the comment says what is not (no rating then). */
  recordReturnVisit: (id: string, satisfaction: number | null, comment: string | null, solved = true) =>
    send(RecordReturnVisitDocument, { id, satisfaction, comment, solved }, (d) => d.recordReturnVisit),
  recordFollowUp: (id: string, action: string) => send(RecordFollowUpDocument, { id, action }, (d) => d.recordFollowUp),
  cancel: (id: string, reason: string) => send(CancelTicketDocument, { id, reason }, (d) => d.cancelTicket),
  urge: (id: string) => send(UrgeTicketDocument, { id }, (d) => d.urgeTicket),
  reopen: (id: string, reason: string) => send(ReopenTicketDocument, { id, reason }, (d) => d.reopenTicket),
  assign: (id: string, assigneeId: string) => send(AssignTicketDocument, { id, assigneeId }, (d) => d.assignTicket),
  /** 同报: the viewer has the same problem with this common area. */
  meToo: (id: string) => send(AddMeTooDocument, { ticketId: id }, (d) => d.addMeToo),
  /** Answers with the new event only: the page reloads the ticket (or the subscription brings it). */
  postUpdate: (id: string, message: string, internal: boolean, attachmentIds: string[] = [], cannedAnswerId: string | null = null) =>
    send(PostTicketUpdateDocument, { id, message, internal, attachmentIds, cannedAnswerId }, (d) => d.postTicketUpdate),
};

export type StaffMember = DepartmentStaffQuery['departmentStaff'][number];

/** The people of a department one may assign a ticket to (派工). */
export const departmentStaff = (department: Department): Promise<Outcome<StaffMember[]>> =>
  read(DepartmentStaffDocument, { department }, (d) => d.departmentStaff);

let policy: Promise<SlaPolicyFieldsFragment | null> | null = null;

/** The community's published SLA policy (for the dispatch form's hints); asked for once per visit. */
export function slaPolicy(): Promise<SlaPolicyFieldsFragment | null> {
  policy ??= read(CommunitySettingsDocument, {}, (d) => d.community.settings.sla).then((done) => (done.ok ? done.value : null));
  return policy;
}
