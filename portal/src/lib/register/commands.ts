import { ExportRegisterDocument, ImportRegisterDocument, RegisterImportsDocument, type ImportMode, type RegisterExportFormat } from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import { PagedList, type Fetched } from '$lib/graphql/paged-list.svelte';
import { problemOf, type Problem } from '$lib/tickets/problems';
import type { RegisterImport } from './report';

const unknown: Problem = { code: 'unknown', field: null, message: '' };

export async function importRegister(fileId: string, dryRun: boolean, mode: ImportMode): Promise<{ run: RegisterImport } | { problem: Problem }> {
  const result = await client.mutation(ImportRegisterDocument, { fileId, dryRun, mode }).toPromise();
  if (result.error || !result.data) return { problem: result.error ? problemOf(result.error) : unknown };
  return { run: result.data.importRegister };
}

export async function exportRegister(format: RegisterExportFormat) {
  const result = await client.mutation(ExportRegisterDocument, { format }).toPromise();
  if (result.error || !result.data) return { problem: result.error ? problemOf(result.error) : unknown };
  return { file: result.data.exportRegister };
}

/** The history of imports, dry runs included, newest first. */
export class ImportHistory extends PagedList<RegisterImport> {
  constructor(pageSize = 10) {
    super(async (after): Promise<Fetched<RegisterImport>> => {
      const result = await client.query(RegisterImportsDocument, { first: pageSize, after }, { requestPolicy: 'network-only' }).toPromise();
      if (result.error || !result.data) return { problem: result.error ? problemOf(result.error) : unknown };
      const { edges, pageInfo, totalCount } = result.data.registerImports;
      return { items: edges.map((edge) => edge.node), totalCount, hasNextPage: pageInfo.hasNextPage, endCursor: pageInfo.endCursor };
    });
  }
}
