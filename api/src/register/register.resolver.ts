import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../community/community.enums.js';
import { requireViewer, type Context } from '../context.js';
import { pageSize, type Page } from '../shared/pagination.js';
import type { Services } from '../services.js';
import { listBuildings, listImports, listUnits } from './register.queries.js';
import { ImportMode } from './register.rules.js';
import {
  BuildingView,
  RegisterExportFormat,
  RegisterExportView,
  RegisterImportConnection,
  RegisterImportView,
  UnitConnection,
  UnitFilter,
  type UnitView,
} from './register.types.js';

@Resolver()
export class RegisterResolver {
  constructor(private readonly services: Services) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => RegisterImportView, {
    description:
      'Admin: check an uploaded register file (dryRun: true) or apply it. Applying refuses, changing nothing, while any problem is an ERROR; it is all or nothing.',
  })
  importRegister(
    @Ctx() ctx: Context,
    @Arg('fileId', () => ID) fileId: string,
    @Arg('dryRun', () => Boolean) dryRun: boolean,
    @Arg('mode', () => ImportMode, { nullable: true, defaultValue: ImportMode.MERGE }) mode: ImportMode | null,
  ): Promise<RegisterImportView> {
    return this.services.register.importRegister(ctx.em, requireViewer(ctx), fileId, { dryRun, mode: mode ?? ImportMode.MERGE });
  }

  @Authorized(Role.CUSTOMER_SERVICE, Role.COMMITTEE)
  @Query(() => UnitConnection, { description: 'The register: units with their owners, in building-entrance-room order (owners masked for the committee).' })
  units(
    @Ctx() ctx: Context,
    @Arg('filter', () => UnitFilter, { nullable: true }) filter: UnitFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Page<UnitView>> {
    return listUnits(ctx.em, requireViewer(ctx), filter ?? {}, pageSize(first, 50), after);
  }

  @Authorized(Role.CUSTOMER_SERVICE, Role.COMMITTEE)
  @Query(() => [BuildingView], { description: 'The register’s buildings in number order (for filtering the units by building).' })
  buildings(@Ctx() ctx: Context): Promise<BuildingView[]> {
    return listBuildings(ctx.em, requireViewer(ctx).communityId);
  }

  @Authorized(Role.ADMIN)
  @Query(() => RegisterImportConnection, { description: 'Admin: the register’s imports, dry runs included, newest first.' })
  registerImports(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Page<RegisterImportView>> {
    return listImports(ctx.em, requireViewer(ctx).communityId, pageSize(first), after);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RegisterExportView, { description: 'Admin: the whole register as CSV or XLSX, unmasked; the export is on the audit chain.' })
  exportRegister(@Ctx() ctx: Context, @Arg('format', () => RegisterExportFormat) format: RegisterExportFormat): Promise<RegisterExportView> {
    return this.services.register.exportRegister(ctx.em, requireViewer(ctx), format);
  }
}
