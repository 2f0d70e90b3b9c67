// Prints the schema built from the resolvers to schema/schema.graphql, and the error reasons to
// schema/src/reasons.ts (what clients word); with --check, fails if a committed file differs.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from '../schema.js';
import type { Services } from '../services.js';
import { ERROR_REASONS } from '../shared/reasons.js';

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema');
const schema = await createSchema({} as Services);
const outputs = [
  {
    file: path.join(schemaDir, 'schema.graphql'),
    text: `# Generated from the API's resolvers by \`npm run schema\`. Do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`,
  },
  {
    file: path.join(schemaDir, 'src/reasons.ts'),
    text:
      `// Generated from api/src/shared/reasons.ts by \`npm run schema\`. Do not edit by hand.\n` +
      `// Every API error carries one of these in extensions.reason; clients word each in their reader's language.\n\n` +
      `export const ERROR_REASONS = [\n${ERROR_REASONS.map((r) => `  '${r}',`).join('\n')}\n] as const;\n\n` +
      `export type ErrorReason = (typeof ERROR_REASONS)[number];\n`,
  },
];

if (process.argv.includes('--check')) {
  let stale = false;
  for (const { file, text } of outputs) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== text) {
      console.error(`${path.relative(process.cwd(), file)} is stale: run \`npm run schema\` and commit the result.`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
  console.log('schema/schema.graphql and schema/src/reasons.ts are up to date.');
} else {
  for (const { file, text } of outputs) {
    fs.writeFileSync(file, text);
    console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  }
}
