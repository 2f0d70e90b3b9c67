import { ExportRegisterDocument, ImportRegisterDocument, RegisterImportsDocument, type ImportMode, type RegisterExportFormat } from '@cocreate/schema';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import type { Problem } from '$lib/core/problem';
import { readPage, send } from '$lib/core/operations';
import type { RegisterImport } from './report';

export async function importRegister(fileId: string, dryRun: boolean, mode: ImportMode): Promise<{ run: RegisterImport } | { problem: Problem }> {
  const done = await send(ImportRegisterDocument, { fileId, dryRun, mode }, (d) => d.importRegister);
  return done.ok ? { run: done.value } : { problem: done.problem };
}

export async function exportRegister(format: RegisterExportFormat) {
  const done = await send(ExportRegisterDocument, { format }, (d) => d.exportRegister);
  return done.ok ? { file: done.value } : { problem: done.problem };
}

/** The history of imports, dry runs included, newest first. */
export class ImportHistory extends PagedList<RegisterImport> {
  constructor(pageSize = 10) {
    super((after): Promise<Fetched<RegisterImport>> => readPage(RegisterImportsDocument, { first: pageSize, after }, (d) => d.registerImports));
  }
}
