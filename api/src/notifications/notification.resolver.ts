import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../community/community.enums.js';
import { loader, requireViewer, refreshForEvent, type Context } from '../context.js';
import { pageSize, type Page } from '../shared/pagination.js';
import type { Services } from '../services.js';
import {
  DeliveryFailureConnection,
  DeliveryFailureView,
  DeliveryView,
  NotificationConnection,
  NotificationPreferenceInput,
  NotificationPreferencesView,
  NotificationSettingsInput,
  NotificationView,
} from './notification.types.js';

@Resolver(() => NotificationView)
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

  @FieldResolver(() => [DeliveryView], { description: 'Its e-mail and SMS deliveries (none: inbox only).' })
  async deliveries(@Root() notification: NotificationView, @Ctx() ctx: Context): Promise<DeliveryView[]> {
    const map = loader(
      ctx,
      'notificationDeliveries',
      () =>
        new DataLoader<string, DeliveryView[]>(async (ids) => {
          const found = await this.services.notifications.deliveriesOf(ctx.em, ids);
          return ids.map((id) => found.get(id) ?? []);
        }),
    );
    return map.load(notification.id);
  }

  @Authorized()
  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return this.services.notifications.unreadCount(ctx.em, requireViewer(ctx).id);
  }

  @Authorized()
  @Mutation(() => Int, {
    description:
      'Marks the given notifications as read — or those about one subject (e.g. the ticket being viewed), or with neither, all. Returns how many changed.',
  })
  markNotificationsRead(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID], { nullable: true }) ids?: string[] | null,
    @Arg('subjectId', () => ID, { nullable: true }) subjectId?: string | null,
  ): Promise<number> {
    return this.services.notifications.markRead(ctx.em, requireViewer(ctx), ids ?? null, subjectId ?? null);
  }

  @Authorized()
  @Query(() => NotificationPreferencesView, { description: 'Which channels each kind reaches the viewer on, quiet hours, digest and language.' })
  notificationPreferences(@Ctx() ctx: Context): Promise<NotificationPreferencesView> {
    return this.services.notifications.preferences(ctx.em, requireViewer(ctx));
  }

  @Authorized()
  @Mutation(() => NotificationPreferencesView, {
    description: 'Sets the channels of one kind. INBOX always stays; a kind required by law keeps its default channels.',
  })
  updateNotificationPreferences(
    @Ctx() ctx: Context,
    @Arg('input', () => NotificationPreferenceInput) input: NotificationPreferenceInput,
  ): Promise<NotificationPreferencesView> {
    return this.services.notifications.updatePreference(ctx.em, requireViewer(ctx), input.kind, input.channels);
  }

  @Authorized()
  @Mutation(() => NotificationPreferencesView, { description: 'Quiet hours, the daily digest and the language of e-mail and SMS.' })
  updateNotificationSettings(
    @Ctx() ctx: Context,
    @Arg('input', () => NotificationSettingsInput) input: NotificationSettingsInput,
  ): Promise<NotificationPreferencesView> {
    return this.services.notifications.updateSettings(ctx.em, requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => NotificationPreferencesView, {
    description: 'Forgets the viewer’s WeChat openid: nothing more goes to WeChat (connect again at GET /wechat/connect).',
  })
  unbindWeChat(@Ctx() ctx: Context): Promise<NotificationPreferencesView> {
    return this.services.notifications.unbindWeChat(ctx.em, requireViewer(ctx));
  }

  @Authorized(Role.ADMIN)
  @Query(() => DeliveryFailureConnection, { description: 'Deliveries of the community that gave up, newest first.' })
  deliveryFailures(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Page<DeliveryFailureView>> {
    return this.services.notifications.failures(ctx.em, requireViewer(ctx), pageSize(first), after);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => DeliveryFailureView, { description: 'Puts a failed delivery back in the queue with a fresh set of tries.' })
  retryDelivery(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeliveryFailureView> {
    return this.services.notifications.retry(ctx.em, requireViewer(ctx), id);
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
