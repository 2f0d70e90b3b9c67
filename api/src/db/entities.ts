import { Session } from '../auth/session.entity.js';
import { Account } from '../auth/account.entity.js';
import { OneTimeCode } from '../auth/one-time-code.entity.js';
import { Company } from '../community/company.entity.js';
import { Resident } from '../community/resident.entity.js';
import { LoginThrottle } from '../auth/login-throttle.entity.js';
import { Building } from '../community/building.entity.js';
import { Community } from '../community/community.entity.js';
import { Ownership } from '../community/ownership.entity.js';
import { Person } from '../community/person.entity.js';
import { Unit } from '../community/unit.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { NotificationDelivery } from '../notifications/delivery.entity.js';
import { NotificationPreference, NotificationSettings } from '../notifications/preference.entity.js';
import { TicketEvent } from '../tickets/ticket-event.entity.js';
import { TicketSolution } from '../tickets/ticket-solution.entity.js';
import { Ticket } from '../tickets/ticket.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ProposalSupport } from '../proposals/proposal-support.entity.js';
import { ProposalComment } from '../proposals/proposal-comment.entity.js';
import { ProposalEvent } from '../proposals/proposal-event.entity.js';
import { Decision } from '../decisions/decision.entity.js';
import { DecisionElector } from '../decisions/decision-elector.entity.js';
import { AuditEntry } from '../audit/audit.entity.js';
import { StoredFile } from '../files/stored-file.entity.js';
import { RegisterImport } from '../register/register-import.entity.js';
import { Objection, Review, ReviewPanelist, ReviewSheet, RewardLedgerEntry } from '../reviews/review.entity.js';
import { TicketFollowUp } from '../tickets/ticket-follow-up.entity.js';
import { TicketMeToo } from '../tickets/ticket-me-too.entity.js';
import { CannedAnswer } from '../knowledge/canned-answer.entity.js';

export const entities = [
  Company,
  Account,
  OneTimeCode,
  Resident,
  Community,
  Building,
  Unit,
  Person,
  Ownership,
  Session,
  LoginThrottle,
  Ticket,
  TicketEvent,
  TicketSolution,
  TicketFollowUp,
  TicketMeToo,
  Notification,
  Proposal,
  ProposalSupport,
  ProposalComment,
  ProposalEvent,
  Decision,
  DecisionElector,
  AuditEntry,
  Review,
  ReviewPanelist,
  ReviewSheet,
  Objection,
  RewardLedgerEntry,
  StoredFile,
  RegisterImport,
  CannedAnswer,
];

/** Entities whose rows belong to one community; the per-request filter scopes these. */
export const communityScoped = [
  OneTimeCode,
  Resident,
  Building,
  Unit,
  Person,
  Ownership,
  Session,
  Ticket,
  TicketEvent,
  TicketSolution,
  TicketMeToo,
  Notification,
  Proposal,
  ProposalSupport,
  ProposalComment,
  ProposalEvent,
  Decision,
  DecisionElector,
  Review,
  ReviewPanelist,
  ReviewSheet,
  Objection,
  RewardLedgerEntry,
  StoredFile,
  RegisterImport,
  CannedAnswer,
];

// The notification outbox and preferences (not community-scoped by the filter: reads scope explicitly).
(entities as object[]).push(NotificationDelivery, NotificationPreference, NotificationSettings);
