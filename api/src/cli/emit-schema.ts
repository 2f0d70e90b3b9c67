// Prints the schema built from the resolvers to schema/schema.graphql; with --check, fails if the committed file differs.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from '../schema.js';
import type { Services } from '../shared/services.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema/schema.graphql');
const schema = await createSchema({} as Services);
const text = `# Generated from the API's resolvers by \`npm run schema\`. Do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;

if (process.argv.includes('--check')) {
  const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (committed !== text) {
    console.error('schema/schema.graphql is stale: run `npm run schema` and commit the result.');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date.');
} else {
  fs.writeFileSync(target, text);
  console.log(`Wrote ${path.relative(process.cwd(), target)}`);
}
