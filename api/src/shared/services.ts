import { AuthService } from '../auth/auth.service.js';
import { CommunityService } from '../community/community.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { TicketService } from '../tickets/ticket.service.js';
import type { Clock } from './clock.js';
import type { EventBus } from './events.js';

/** The use cases of one server instance, handed to every resolver by the container. */
export interface Services {
  clock: Clock;
  events: EventBus;
  auth: AuthService;
  community: CommunityService;
  notifications: NotificationService;
  tickets: TicketService;
}

export function createServices(clock: Clock, events: EventBus): Services {
  const notifications = new NotificationService(clock, events);
  return {
    clock,
    events,
    auth: new AuthService(clock),
    community: new CommunityService(),
    notifications,
    tickets: new TicketService(clock, events, notifications),
  };
}
