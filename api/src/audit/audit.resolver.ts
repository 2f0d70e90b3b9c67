import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../context.js';
import { decodeCursor, encodeCursor, pageOf, pageSize, type Page } from '../shared/pagination.js';
import type { Services } from '../services.js';
import { AuditEntryConnection, AuditEntryView, AuditVerificationView } from './audit.types.js';

@Resolver()
export class AuditResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => AuditEntryConnection, { description: 'The community’s audit log, newest first.' })
  async auditLog(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Page<AuditEntryView>> {
    const size = pageSize(first);
    const cursor = decodeCursor(after, ['int']);
    const { rows, total } = await this.services.audit.list(ctx.em, requireViewer(ctx).communityId, size, cursor ? cursor[0] : null);
    return pageOf(
      rows,
      size,
      (e) => ({
        sequence: e.seq,
        at: e.at,
        actorName: e.actorName,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        payload: e.payload,
        prevHash: e.prevHash,
        hash: e.hash,
      }),
      (node) => encodeCursor([node.sequence]),
      total,
    );
  }

  @Authorized()
  @Query(() => AuditVerificationView, { description: 'Recomputes the whole chain now and reports the first broken sequence, if any.' })
  async verifyAuditLog(@Ctx() ctx: Context): Promise<AuditVerificationView> {
    const result = await this.services.audit.verify(ctx.em, requireViewer(ctx).communityId);
    return { ...result, checkedAt: ctx.clock.now() };
  }
}
