import 'reflect-metadata';
import { buildSchema, type ContainerType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { authChecker } from './auth/auth.checker.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { TicketEventResolver, TicketResolver } from './tickets/ticket.resolver.js';
import { NotificationResolver } from './notifications/notification.resolver.js';
import { HomeResolver } from './home/home.resolver.js';
import { CommunityResolver } from './community/community.resolver.js';
import { CommunitySettingsResolver } from './settings.resolver.js';
import { SlaCalendarResolver } from './tickets/sla-calendar.resolver.js';
import { CommentResolver, ProposalResolver } from './proposals/proposal.resolver.js';
import { BallotResolver, DecisionResolver, ProposalDecisionResolver, RollUnitResolver } from './decisions/decision.resolver.js';
import { ObjectionResolver, ProposalRewardResolver, ReviewResolver } from './reviews/review.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { RegisterResolver } from './register/register.resolver.js';
import { PeopleResolver } from './people/people.resolver.js';
import { KnowledgeResolver } from './knowledge/knowledge.resolver.js';
import type { Services } from './services.js';
import { cleanArguments } from './shared/text.js';

export const resolvers = [
  AuthResolver,
  CommunityResolver,
  CommunitySettingsResolver,
  TicketResolver,
  SlaCalendarResolver,
  TicketEventResolver,
  NotificationResolver,
  HomeResolver,
  ProposalResolver,
  CommentResolver,
  DecisionResolver,
  BallotResolver,
  RollUnitResolver,
  ProposalDecisionResolver,
  ReviewResolver,
  ObjectionResolver,
  ProposalRewardResolver,
  AuditResolver,
  RegisterResolver,
  PeopleResolver,
  KnowledgeResolver,
] as const;

/** Resolvers are built once per server with that server's services. */
function container(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>();
  return {
    get(someClass: new (services: Services) => unknown) {
      if (!instances.has(someClass)) instances.set(someClass, new someClass(services));
      return instances.get(someClass);
    },
  };
}

export function createSchema(services: Services) {
  return buildSchema({
    resolvers,
    authChecker,
    globalMiddlewares: [cleanArguments],
    container: container(services),
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Subscriptions subscribe through the LISTEN/NOTIFY event bus; publishing goes through it too.
    pubSub: {
      publish: () => {
        throw new Error('Publish through services.events, which crosses processes.');
      },
      subscribe: (topic: string, id?: string) => services.events.subscribe(topic as never, id!),
    },
    emitSchemaFile: false,
  });
}
