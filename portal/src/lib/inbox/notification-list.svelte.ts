import { NotificationsDocument, type NotificationFieldsFragment } from '@cocreate/schema';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { readPage } from '$lib/core/operations';
import type { IconName } from '$lib/components/icons';

export type Notification = NotificationFieldsFragment;

export class NotificationList extends PagedList<Notification> {
  constructor(unreadOnly: () => boolean) {
    super((after): Promise<Fetched<Notification>> => readPage(NotificationsDocument, { first: 20, after, unreadOnly: unreadOnly() }, (d) => d.notifications));
  }
}

const KNOWN = new Set([
  'TICKET_OPENED',
  'TICKET_RECORDED_FOR_YOU',
  'TICKET_ANSWERED',
  'TICKET_DISPATCHED',
  'TICKET_REDISPATCHED',
  'TICKET_ACCEPTED_FOR_INVESTIGATION',
  'TICKET_OWNER_MESSAGE',
  'TICKET_UPDATE',
  'TICKET_SOLUTION_PROPOSED',
  'TICKET_SOLUTION_ACCEPTED',
  'TICKET_SOLUTION_REJECTED',
  'TICKET_RESOLVED',
  'TICKET_RATED',
  'TICKET_ESCALATED_TO_HEAD',
  'TICKET_ESCALATED_TO_MANAGEMENT',
  'TICKET_CANCELLED',
  'TICKET_URGED',
  'TICKET_REOPENED',
  'TICKET_FOLLOW_UP',
  'TICKET_FOLLOWED_UP',
  'TICKET_ASSIGNED',
  'TICKET_UNASSIGNED',
  'TICKET_ME_TOO',
  'TICKET_ME_TOO_RESOLVED',
  'TICKET_CLOSED',
  'PROPOSAL_UNDER_REVIEW',
  'PROPOSAL_COMMENTED',
  'PROPOSAL_MERGED',
  'PROPOSAL_OPEN',
  'PROPOSAL_ACCEPTED',
  'PROPOSAL_DECLINED',
  'PROPOSAL_IN_PROGRESS',
  'PROPOSAL_IMPLEMENTED',
  'PROPOSAL_REWARDED',
  'DECISION_OPENED',
  'DECISION_APPROVED',
  'DECISION_NOT_APPROVED',
  'REVIEW_OPENED',
  'REVIEW_NOTICE',
  'REVIEW_FINAL',
  'REVIEW_OBJECTION',
  'OBJECTION_UPHELD',
  'OBJECTION_NOT_UPHELD',
] as const);

export type NoticeKind = typeof KNOWN extends Set<infer K> ? K : never;

/** The dictionary key for a notification's kind; kinds this portal does not know yet read "新消息". */
export function noticeKey(kind: string): `notice.${NoticeKind}` | 'notice.other' {
  return (KNOWN as Set<string>).has(kind) ? (`notice.${kind as NoticeKind}` as const) : 'notice.other';
}

/** Where a notification leads: the exact thing, as the API says (`link`). */
export function noticeHref(notification: Pick<Notification, 'link'>): string | null {
  return notification.link.startsWith('/') && !notification.link.startsWith('//') ? notification.link : null;
}

// One picture per kind of news, so a list reads at a glance; the words come with it (colour-blind safe).
const ICONS: [RegExp, IconName][] = [
  [/^TICKET_SOLUTION_PROPOSED$/, 'lightbulb'],
  [/^TICKET_(RESOLVED|RATED)$/, 'star'],
  [/^TICKET_ME_TOO$/, 'users'],
  [/^TICKET_(ME_TOO_RESOLVED|CLOSED)$/, 'checkCircle'],
  [/^TICKET_ESCALATED_/, 'alert'],
  [/^TICKET_(URGED|REOPENED|FOLLOW_UP)$/, 'flag'],
  [/^TICKET_(ASSIGNED|UNASSIGNED|DISPATCHED|REDISPATCHED)$/, 'forward'],
  [/^TICKET_(OWNER_MESSAGE|UPDATE|ANSWERED)$/, 'message'],
  [/^TICKET_SOLUTION_(ACCEPTED|REJECTED)$/, 'checkCircle'],
  [/^TICKET_CANCELLED$/, 'x'],
  [/^TICKET_/, 'ticket'],
  [/^PROPOSAL_COMMENTED$/, 'chat'],
  [/^PROPOSAL_/, 'lightbulb'],
  [/^DECISION_/, 'ballot'],
  [/^(REVIEW_OBJECTION|OBJECTION_)/, 'megaphone'],
  [/^REVIEW_/, 'award'],
];

export function noticeIcon(kind: string): IconName {
  return ICONS.find(([pattern]) => pattern.test(kind))?.[1] ?? 'bell';
}
