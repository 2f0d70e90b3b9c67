import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../community/community.enums.js';
import { requireViewer, type Context } from '../context.js';
import { badLength, notFound } from '../shared/errors.js';
import { pageSize, type Page } from '../shared/pagination.js';
import type { Services } from '../services.js';
import { codePointLength } from '../shared/text.js';
import { findCannedAnswer, languageOf, listCannedAnswers, listFaq, type CannedAnswerRecord, type FaqRecord } from './knowledge.queries.js';
import { CannedAnswerStatus } from './knowledge.rules.js';
import { CannedAnswerConnection, CannedAnswerView, FaqConnection, SaveCannedAnswerInput } from './knowledge.types.js';

const SEARCH_MAX = 100;
const checkSearch = (search: string | null | undefined) => {
  if (search && codePointLength(search) > SEARCH_MAX) throw badLength('search', 0, SEARCH_MAX);
};

@Resolver()
export class KnowledgeResolver {
  constructor(private readonly services: Services) {}

  private async one(ctx: Context, id: string): Promise<CannedAnswerRecord> {
    const found = await findCannedAnswer(ctx.em, requireViewer(ctx), id);
    if (!found) throw notFound('Canned answer');
    return found;
  }

  @Authorized(Role.CUSTOMER_SERVICE, Role.STAFF)
  @Query(() => CannedAnswerConnection, {
    description:
      '常用答复, staff only. Every word of `search` must match (title, words in either language, note; Chinese by trigram). With `ticketId`: the picker for that ticket — approved answers for its kind, most used first, `insert` in its owner’s language.',
  })
  async cannedAnswers(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('status', () => CannedAnswerStatus, { nullable: true }) status: CannedAnswerStatus | null,
    @Arg('usable', () => Boolean, { nullable: true, description: 'Only answers with approved words (drafts left out), most used first.' })
    usable: boolean | null,
    @Arg('ticketId', () => ID, { nullable: true }) ticketId: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Page<CannedAnswerRecord>> {
    checkSearch(search);
    const viewer = requireViewer(ctx);
    const ticket = ticketId ? await this.services.tickets.visible(ctx.em, viewer, ticketId) : null;
    const language = ticket ? await languageOf(ctx.em, ticket.owner.id) : null;
    return listCannedAnswers(
      ctx.em,
      viewer,
      { search, status, usable: usable === true || ticket !== null, kind: ticket?.kind, language },
      pageSize(first),
      after,
    );
  }

  @Authorized(Role.CUSTOMER_SERVICE, Role.STAFF)
  @Query(() => CannedAnswerView, { description: 'One canned answer, staff only; NOT_FOUND outside the viewer’s community.' })
  cannedAnswer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<CannedAnswerRecord> {
    return this.one(ctx, id);
  }

  @Authorized()
  @Query(() => FaqConnection, { description: '业主常见问题: the approved answers meant for owners (approved words only), most used first.' })
  faq(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Page<FaqRecord>> {
    checkSearch(search);
    return listFaq(ctx.em, requireViewer(ctx).communityId, search, pageSize(first), after);
  }

  @Authorized(Role.CUSTOMER_SERVICE, Role.STAFF)
  @Mutation(() => CannedAnswerView, {
    description:
      'Staff write or edit an answer. A new answer is a draft; an edit of its words (or of `public`) awaits review while tickets keep the approved words. On the audit chain.',
  })
  async saveCannedAnswer(@Ctx() ctx: Context, @Arg('input', () => SaveCannedAnswerInput) input: SaveCannedAnswerInput): Promise<CannedAnswerRecord> {
    return this.one(ctx, await this.services.knowledge.save(ctx.em, requireViewer(ctx), input));
  }

  @Authorized(Role.CUSTOMER_SERVICE, Role.STAFF)
  @Mutation(() => CannedAnswerView, {
    description:
      '审核: the head of customer service, the property manager or an admin approves the version they read (not their own edit). On the audit chain.',
  })
  async approveCannedAnswer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number): Promise<CannedAnswerRecord> {
    return this.one(ctx, await this.services.knowledge.approve(ctx.em, requireViewer(ctx), id, version));
  }

  @Authorized(Role.CUSTOMER_SERVICE, Role.STAFF)
  @Mutation(() => ID, { description: 'Reviewers delete any answer, a writer their own never-approved draft. On the audit chain. Returns the id.' })
  deleteCannedAnswer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<string> {
    return this.services.knowledge.delete(ctx.em, requireViewer(ctx), id);
  }
}
