import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import type { EventBus } from '../shared/events.js';
import { Notification } from './notification.entity.js';

export interface Notice {
  recipientIds: string[];
  kind: string;
  subjectType: 'TICKET' | 'PROPOSAL' | 'REVIEW' | 'DECISION';
  subjectId: string;
  text: string;
}

export class NotificationService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  /** Adds inbox items inside the caller's unit of work; `announce` after the flush tells live inboxes. */
  queue(em: EntityManager, communityId: string, notice: Notice): string[] {
    const recipients = [...new Set(notice.recipientIds)];
    for (const recipientId of recipients) {
      em.create(Notification, {
        community: communityId,
        recipient: recipientId,
        kind: notice.kind,
        subjectType: notice.subjectType,
        subjectId: notice.subjectId,
        text: notice.text.slice(0, 200),
        createdAt: this.clock.now(),
      });
    }
    return recipients;
  }

  async announce(em: EntityManager, recipientIds: Iterable<string>): Promise<void> {
    for (const id of new Set(recipientIds)) await this.events.publish(em, 'INBOX_CHANGED', id);
  }
}
