import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { UnitUse } from '../community/community.enums.js';
import { Connection } from '../shared/pagination.js';
import { ImportMode, PROBLEM_REASONS, type ProblemReason, type ProblemSeverity } from './register.rules.js';

registerEnumType(ImportMode, {
  name: 'ImportMode',
  valuesConfig: {
    MERGE: { description: 'Add and update what the file has; leave everything else.' },
    REPLACE: { description: 'Also remove units and owners the file lacks (a unit with tickets or votes is kept and reported).' },
  },
});

export enum RegisterExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(RegisterExportFormat, { name: 'RegisterExportFormat' });

/** The problem codes as a GraphQL enum, so the portal's translations are checked against them. */
export const RegisterProblemReason = Object.fromEntries(PROBLEM_REASONS.map((r) => [r, r])) as { [K in ProblemReason]: K };
registerEnumType(RegisterProblemReason, { name: 'RegisterProblemReason', description: 'What is wrong, as a stable code the portal translates.' });

export enum RegisterProblemSeverity {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
}
registerEnumType(RegisterProblemSeverity, {
  name: 'RegisterProblemSeverity',
  valuesConfig: { ERROR: { description: 'The import cannot be applied until it is fixed.' }, WARNING: { description: 'Reported; does not stop the import.' } },
});

@ObjectType('RegisterProblem', { description: 'One thing wrong with the file, by row and column, in plain words.' })
export class RegisterProblemView {
  @Field(() => Int, {
    nullable: true,
    description: 'Row in the file as a spreadsheet numbers it (the header is row 1 when it is the first row); null for the whole file.',
  })
  row!: number | null;

  @Field(() => String, { nullable: true, description: 'The column’s header as the file writes it.' })
  column!: string | null;

  @Field(() => String, { description: 'In English; translate by reason.' })
  message!: string;

  @Field(() => RegisterProblemReason)
  reason!: ProblemReason;

  @Field(() => RegisterProblemSeverity)
  severity!: ProblemSeverity;
}

@ObjectType('RegisterImportSummary', { description: 'What the import changes (dry run) or changed. Owners count register entries: one owner of one unit.' })
export class RegisterSummaryView {
  @Field(() => Int) unitsCreated!: number;
  @Field(() => Int) unitsUpdated!: number;
  @Field(() => Int) unitsUnchanged!: number;
  @Field(() => Int) unitsRemoved!: number;
  @Field(() => Int) ownersCreated!: number;
  @Field(() => Int) ownersUpdated!: number;
  @Field(() => Int) ownersUnchanged!: number;
  @Field(() => Int) ownersRemoved!: number;
  @Field(() => Int, { description: 'People new to the community: register owners without an account.' })
  peopleCreated!: number;
}

@ObjectType('RegisterImport', { description: 'One import of the register from a file: a dry run, or applied.' })
export class RegisterImportView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  fileId!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => String, { description: 'SHA-256 of the file, hex.' })
  fileSha256!: string;

  @Field(() => String, { description: 'How the file was read, e.g. "CSV (GB18030)" or "XLSX".' })
  fileFormat!: string;

  @Field(() => ImportMode)
  mode!: ImportMode;

  @Field(() => Boolean)
  dryRun!: boolean;

  @Field(() => Boolean, { description: 'Whether the register was changed: never on a dry run, never when a problem is an ERROR.' })
  applied!: boolean;

  @Field(() => RegisterSummaryView)
  summary!: RegisterSummaryView;

  @Field(() => [RegisterProblemView], { description: 'The first 1,000 problems in file order; problemCount has them all.' })
  problems!: RegisterProblemView[];

  @Field(() => Int)
  problemCount!: number;

  @Field(() => String, { description: 'The admin who ran it.' })
  byName!: string;

  @Field(() => Date)
  at!: Date;
}

export const RegisterImportConnection = Connection(RegisterImportView, 'RegisterImport');

@ObjectType('Building')
export class BuildingView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  number!: number;

  @Field(() => String)
  name!: string;
}

@ObjectType('UnitOwner', { description: 'An owner of a unit as the register records them; name and phone masked for the committee.' })
export class UnitOwnerView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => Boolean, { description: 'Signs in to the portal; an owner without an account votes on paper.' })
  hasAccount!: boolean;

  @Field(() => String, { nullable: true, description: '不动产权证号.' })
  certificateRef!: string | null;
}

@ObjectType('Unit', { description: 'A unit of the register with its owners.' })
export class UnitView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Building-entrance-room, e.g. 3-2-1201.' })
  label!: string;

  @Field(() => Float, { description: '专有部分面积, m², two decimals.' })
  area!: number;

  @Field(() => UnitUse)
  use!: UnitUse;

  @Field(() => BuildingView)
  building!: BuildingView;

  @Field(() => [UnitOwnerView])
  owners!: UnitOwnerView[];

  @Field(() => Boolean, { description: 'Whether owners’ names and phones are masked for this viewer.' })
  personalDataMasked!: boolean;
}

export const UnitConnection = Connection(UnitView, 'Unit');

@InputType('UnitFilter')
export class UnitFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Part of a label (3-2-12), an owner’s name or phone (names and phones: customer service and admin only).',
  })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  buildingId?: string | null;
}

@ObjectType('RegisterExport', { description: 'The register as a file: unmasked, and the export is on the audit chain.' })
export class RegisterExportView {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => String, { description: 'The file’s bytes, base64.' })
  base64!: string;

  @Field(() => Int)
  units!: number;

  @Field(() => Int)
  owners!: number;
}
