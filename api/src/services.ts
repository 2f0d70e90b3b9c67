import { AuthService } from './auth/auth.service.js';
import { AccountService, type AccountOptions } from './auth/account.service.js';
import { CompanyService } from './community/company.service.js';
import { PeopleService } from './people/people.service.js';
import { CommunityService } from './community/community.service.js';
import { NotificationService } from './notifications/notification.service.js';
import { TicketService } from './tickets/ticket.service.js';
import { ProposalService } from './proposals/proposal.service.js';
import { DecisionService } from './decisions/decision.service.js';
import { ReviewService } from './reviews/review.service.js';
import { AuditService } from './audit/audit.service.js';
import { RegisterService } from './register/register.service.js';
import { FilesService } from './files/files.service.js';
import { KnowledgeService } from './knowledge/knowledge.service.js';
import type { FileStore } from './files/file-store.js';
import type { SizeLimits } from './files/attachment.rules.js';
import type { Clock } from './shared/clock.js';
import type { EventBus } from './shared/events.js';
import { settingsDefaults } from './settings.js';

/** The use cases of one server instance, handed to every resolver by the container. */
export interface Services {
  clock: Clock;
  events: EventBus;
  auth: AuthService;
  accounts: AccountService;
  people: PeopleService;
  company: CompanyService;
  community: CommunityService;
  notifications: NotificationService;
  tickets: TicketService;
  proposals: ProposalService;
  decisions: DecisionService;
  reviews: ReviewService;
  audit: AuditService;
  register: RegisterService;
  files: FilesService;
  knowledge: KnowledgeService;
}

/** Account settings as the config gives them; tests and seeds may leave them out. */
const DEFAULT_ACCOUNT_OPTIONS: AccountOptions = { activationCodeDays: 30, publicUrl: 'http://localhost:3000', production: false };

export function createServices(
  clock: Clock,
  events: EventBus,
  fileStore: FileStore,
  sizeLimits?: SizeLimits,
  accountOptions: AccountOptions = DEFAULT_ACCOUNT_OPTIONS,
): Services {
  const notifications = new NotificationService(clock, events);
  const files = new FilesService(clock, fileStore, sizeLimits);
  const audit = new AuditService(clock);
  const auth = new AuthService(clock);
  const services: Services = {
    clock,
    events,
    auth,
    accounts: new AccountService(clock, auth, audit, accountOptions, () => services.notifications),
    people: new PeopleService(
      clock,
      audit,
      auth,
      () => services.tickets,
      () => services.accounts,
      () => services.files,
    ),
    company: new CompanyService(audit, settingsDefaults),
    community: new CommunityService(audit, settingsDefaults),
    notifications,
    tickets: new TicketService(clock, events, notifications, files, () => services.knowledge),
    proposals: new ProposalService(clock, events, notifications, files),
    decisions: new DecisionService(clock, events, notifications, audit, files),
    reviews: new ReviewService(clock, events, notifications, audit, files),
    audit,
    register: new RegisterService(clock, audit, () => services.files),
    files,
    knowledge: new KnowledgeService(clock, audit),
  };
  return services;
}
