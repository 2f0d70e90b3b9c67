import { registerEnumType } from 'type-graphql';

export enum ProposalCategory {
  SERVICE = 'SERVICE',
  FACILITIES = 'FACILITIES',
  SAFETY = 'SAFETY',
  ENVIRONMENT = 'ENVIRONMENT',
  COMMUNITY = 'COMMUNITY',
  EFFICIENCY = 'EFFICIENCY',
}

export enum ProposalStatus {
  OPEN = 'OPEN',
  UNDER_REVIEW = 'UNDER_REVIEW',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  IN_PROGRESS = 'IN_PROGRESS',
  IMPLEMENTED = 'IMPLEMENTED',
  REWARDED = 'REWARDED',
}

export enum ProposalOrder {
  HOT = 'HOT',
  NEW = 'NEW',
  TOP = 'TOP',
}

/** What a viewer may do next on a proposal, named after the mutation (as TicketAction is). */
export enum ProposalAction {
  supportProposal = 'supportProposal',
  withdrawSupport = 'withdrawSupport',
  commentOnProposal = 'commentOnProposal',
  advanceProposal = 'advanceProposal',
  mergeProposal = 'mergeProposal',
  openDecision = 'openDecision',
  /** Hide a comment on it (the committee's moderation). */
  hideComment = 'hideComment',
  /** Close its running owners' vote before its time. */
  closeDecision = 'closeDecision',
}

export enum ProposalEventKind {
  SUBMITTED = 'SUBMITTED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  THRESHOLD_REACHED = 'THRESHOLD_REACHED',
  MERGED_IN = 'MERGED_IN',
  MERGED_INTO = 'MERGED_INTO',
  COMMENT_HIDDEN = 'COMMENT_HIDDEN',
  DECISION_OPENED = 'DECISION_OPENED',
  DECISION_CLOSED = 'DECISION_CLOSED',
}

registerEnumType(ProposalCategory, {
  name: 'ProposalCategory',
  description: '服务 service, 设施 facilities, 安全 safety, 环境 environment, 社区生活 community life, 效率/成本 efficiency',
});
registerEnumType(ProposalStatus, { name: 'ProposalStatus' });
registerEnumType(ProposalOrder, { name: 'ProposalOrder', description: 'HOT: support weighed by recency; NEW: newest first; TOP: most supported.' });
registerEnumType(ProposalEventKind, { name: 'ProposalEventKind' });
registerEnumType(ProposalAction, { name: 'ProposalAction', description: 'What the viewer may do next on a proposal.' });
