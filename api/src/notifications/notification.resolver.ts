import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Subscription } from 'type-graphql';
import { requireViewer, refreshForEvent, type Context } from '../shared/context.js';
import { pageSize, type Page } from '../shared/pagination.js';
import type { Services } from '../shared/services.js';
import { NotificationConnection, NotificationView } from './notification.types.js';

@Resolver()
export class NotificationResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => NotificationConnection, { description: 'The viewer’s inbox, newest first.' })
  notifications(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean | null,
  ): Promise<Page<NotificationView>> {
    return this.services.notifications.list(ctx.em, requireViewer(ctx), pageSize(first), after, unreadOnly ?? false);
  }

  @Authorized()
  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return this.services.notifications.unreadCount(ctx.em, requireViewer(ctx).id);
  }

  @Authorized()
  @Mutation(() => Int, {
    description: 'Marks the given notifications as read — or those about one subject (e.g. the ticket being viewed), or with neither, all. Returns how many changed.',
  })
  markNotificationsRead(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID], { nullable: true }) ids?: string[] | null,
    @Arg('subjectId', () => ID, { nullable: true }) subjectId?: string | null,
  ): Promise<number> {
    return this.services.notifications.markRead(ctx.em, requireViewer(ctx), ids ?? null, subjectId ?? null);
  }

  @Subscription(() => Int, {
    description: 'The viewer’s unread count, each time their inbox changes.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      return ctx.services.events.subscribe('INBOX_CHANGED', requireViewer(ctx).id);
    },
  })
  inboxChanged(@Ctx() ctx: Context): Promise<number> {
    refreshForEvent(ctx);
    return this.services.notifications.unreadCount(ctx.em, requireViewer(ctx).id);
  }
}
