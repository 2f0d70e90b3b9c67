import type { EntityManager } from '@mikro-orm/postgresql';
import type { ViewerContext } from '../shared/context.js';
import { badInput } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { decodeCursor, encodeCursor, type Page } from '../shared/pagination.js';
import type { NotificationView } from './notification.types.js';
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

  async list(em: EntityManager, viewer: ViewerContext, first: number, after: string | null | undefined, unreadOnly: boolean): Promise<Page<NotificationView>> {
    const where = ['recipient_id = ?'];
    const params: unknown[] = [viewer.id];
    if (unreadOnly) where.push('read_at is null');
    const countSql = `select count(*)::int as n from notification where ${where.join(' and ')}`;
    const countParams = [...params];
    const cursor = decodeCursor(after, ['serial']);
    if (cursor) (where.push('id < ?'), params.push(cursor[0]));
    const conn = em.getConnection();
    const [rows, [count]] = await Promise.all([
      conn.execute<{ id: string; kind: string; subject_type: string; subject_id: string; text: string; created_at: string; read_at: string | null }[]>(
        `select id, kind, subject_type, subject_id, text, created_at, read_at from notification
          where ${where.join(' and ')} order by id desc limit ?`,
        [...params, first + 1],
      ),
      conn.execute<{ n: number }[]>(countSql, countParams),
    ]);
    const nodes = rows.slice(0, first).map((r) => ({
      id: String(r.id), kind: r.kind, subjectType: r.subject_type, subjectId: r.subject_id, text: r.text,
      createdAt: new Date(r.created_at), readAt: r.read_at ? new Date(r.read_at) : null,
    }));
    const cursorOf = (n: NotificationView) => encodeCursor([n.id]);
    return {
      edges: nodes.map((node) => ({ cursor: cursorOf(node), node })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? cursorOf(nodes.at(-1)!) : null },
      totalCount: count!.n,
    };
  }

  async unreadCount(em: EntityManager, personId: string): Promise<number> {
    const [row] = await em.getConnection().execute<{ n: number }[]>(
      'select count(*)::int as n from notification where recipient_id = ? and read_at is null',
      [personId],
    );
    return row!.n;
  }

  async markRead(em: EntityManager, viewer: ViewerContext, ids: string[] | null, subjectId: string | null = null): Promise<number> {
    if (subjectId !== null && !isUuid(subjectId)) throw badInput('subjectId', 'is not an id');
    if (ids && ids.some((id) => !/^\d{1,18}$/.test(id))) throw badInput('ids', 'contains something that is not a notification id');
    if (ids && ids.length > 500) throw badInput('ids', 'may name at most 500 notifications at once');
    return em.transactional(async (tx) => {
      const changed = await tx.nativeUpdate(
        Notification,
        { recipient: viewer.id, readAt: null, ...(ids ? { id: { $in: ids } } : {}), ...(subjectId ? { subjectId } : {}) },
        { readAt: this.clock.now() },
      );
      if (changed) await this.announce(tx, [viewer.id]);
      return changed;
    });
  }
}
