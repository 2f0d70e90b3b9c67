import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSchema, parse, validate, Kind, type DocumentNode } from 'graphql';
import { LIMITS, parseOptions, validationRules } from './limits.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema');
const schema = buildSchema(fs.readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
const messages = (query: string) => validate(schema, parse(query, parseOptions), validationRules()).map((e) => e.message);

/** Each operation of the portal, with the fragments it uses, as the portal sends it. */
function portalOperations(): { name: string; document: DocumentNode }[] {
  const dir = path.join(root, 'operations');
  const all = parse(
    fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n'),
  );
  const fragments = all.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return all.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => ({ name: op.name?.value ?? '?', document: { kind: Kind.DOCUMENT, definitions: [op, ...fragments] } as DocumentNode }));
}

describe('operation limits', () => {
  it('let every operation the portal sends through', () => {
    const operations = portalOperations();
    expect(operations.length).toBeGreaterThan(20);
    for (const { name, document } of operations) {
      // Unused fragments are the concatenation's doing, not the portal's.
      const errors = validate(schema, document, validationRules()).filter((e) => !/is never used/.test(e.message));
      expect(errors.map((e) => `${name}: ${e.message}`)).toEqual([]);
    }
  });

  it('refuse thousands of aliases of a list field, naming the limit', () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: proposals(first: 100) { totalCount }`).join(' ');
    const errors = messages(`{ ${aliases} }`);
    expect(errors).toContain(`Aliases limit of ${LIMITS.aliases} exceeded, found 300.`);
  });

  it(`allow ${LIMITS.aliases} aliases and refuse one more`, () => {
    const query = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect(messages(query(LIMITS.aliases)).filter((m) => /Aliases/.test(m))).toEqual([]);
    expect(messages(query(LIMITS.aliases + 1))).toContain(`Aliases limit of ${LIMITS.aliases} exceeded, found ${LIMITS.aliases + 1}.`);
  });

  it('count root fields through fragments and inline fragments', () => {
    const fields = Array.from({ length: LIMITS.rootFields + 1 }, () => 'me { id }');
    const half = Math.ceil(fields.length / 2);
    const query = `query { ...F ... on Query { ${fields.slice(half).join(' ')} } } fragment F on Query { ${fields.slice(0, half).join(' ')} }`;
    expect(messages(query)).toContain(`Operation asks for more than ${LIMITS.rootFields} top-level fields; the limit is ${LIMITS.rootFields}.`);
    expect(messages(`{ ${fields.slice(1).join(' ')} }`).filter((m) => /top-level/.test(m))).toEqual([]);
  });

  it('refuse an operation whose estimated cost passes the limit', () => {
    // Wide and deep without aliases: every scalar of a proposal page, repeated through fragments.
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment P${i} on Proposal { id title body status supportCount createdAt author { id displayName } }`,
    ).join(' ');
    const spreads = Array.from({ length: 40 }, (_, i) => `...P${i}`).join(' ');
    const errors = messages(`{ proposals(first: 100) { edges { node { ${spreads} } } } } ${fragments}`);
    expect(errors.some((m) => /^Query Cost limit of 5000 exceeded, found \d+\.$/.test(m))).toBe(true);
  });

  it('stop parsing a document of too many tokens', () => {
    const huge = `{ ${'me { id } '.repeat(LIMITS.tokens)} }`;
    expect(() => parse(huge, parseOptions)).toThrow(/more that 5000 tokens/);
  });
});
