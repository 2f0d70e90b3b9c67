import { NotificationsDocument, type NotificationFieldsFragment } from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { problemOf } from '$lib/tickets/problems';

export type Notification = NotificationFieldsFragment;

export class NotificationList extends PagedList<Notification> {
  constructor(unreadOnly: () => boolean) {
    super(async (after): Promise<Fetched<Notification>> => {
      const result = await client
        .query(NotificationsDocument, { first: 20, after, unreadOnly: unreadOnly() }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error || !result.data) {
        return { problem: result.error ? problemOf(result.error) : { code: 'unknown', field: null, message: '' } };
      }
      const { edges, pageInfo, totalCount } = result.data.notifications;
      return { items: edges.map((edge) => edge.node), totalCount, hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor };
    });
  }
}

const KNOWN = new Set([
  'TICKET_OPENED', 'TICKET_RECORDED_FOR_YOU', 'TICKET_ANSWERED', 'TICKET_DISPATCHED', 'TICKET_REDISPATCHED',
  'TICKET_ACCEPTED_FOR_INVESTIGATION', 'TICKET_OWNER_MESSAGE', 'TICKET_UPDATE', 'TICKET_SOLUTION_PROPOSED',
  'TICKET_SOLUTION_ACCEPTED', 'TICKET_SOLUTION_REJECTED', 'TICKET_RESOLVED', 'TICKET_RATED',
  'TICKET_ESCALATED_TO_HEAD', 'TICKET_ESCALATED_TO_MANAGEMENT', 'TICKET_CANCELLED', 'TICKET_URGED', 'TICKET_REOPENED', 'TICKET_FOLLOW_UP',
  'TICKET_ASSIGNED', 'TICKET_UNASSIGNED',
  'PROPOSAL_UNDER_REVIEW', 'PROPOSAL_COMMENTED', 'PROPOSAL_MERGED', 'DECISION_OPENED', 'DECISION_APPROVED', 'DECISION_NOT_APPROVED',
  'REVIEW_OPENED', 'REVIEW_NOTICE', 'REVIEW_FINAL', 'REVIEW_OBJECTION', 'OBJECTION_UPHELD', 'OBJECTION_NOT_UPHELD',
] as const);

export type NoticeKind = typeof KNOWN extends Set<infer K> ? K : never;

/** The dictionary key for a notification's kind; kinds this portal does not know yet read "新消息". */
export function noticeKey(kind: string): `notice.${NoticeKind}` | 'notice.other' {
  return (KNOWN as Set<string>).has(kind) ? (`notice.${kind as NoticeKind}` as const) : 'notice.other';
}

// Tickets open themselves; proposals and reviews lead to their section until those have pages of their own.
const SUBJECT_HREF: Record<string, (id: string) => string> = {
  TICKET: (id) => `/tickets/${id}`,
  PROPOSAL: () => '/board',
  DECISION: () => '/board',
  REVIEW: () => '/rewards',
};

/** Where a notification leads. */
export function noticeHref(notification: Pick<Notification, 'subjectType' | 'subjectId'>): string | null {
  return SUBJECT_HREF[notification.subjectType]?.(notification.subjectId) ?? null;
}
