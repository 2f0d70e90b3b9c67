import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ERROR_REASONS } from '@cocreate/schema';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** The emitted SDL: what the fuzzer (and the authorization matrix) enumerate. */
export function loadSchema(): GraphQLSchema {
  return buildSchema(fs.readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
}

export type RootKind = 'Query' | 'Mutation' | 'Subscription';

export function rootFields(schema: GraphQLSchema, kind: RootKind): GraphQLField<unknown, unknown>[] {
  const type = kind === 'Query' ? schema.getQueryType() : kind === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return type ? Object.values(type.getFields()) : [];
}

/** Ids that can name something: this community's rows, another community's, and ones that name nothing. */
export interface IdPool {
  own: string[];
  foreign: string[];
}

// ---------------------------------------------------------------- operations

export interface Operation {
  document: string;
  /** Variable name → the argument it feeds (root args by name, nested ones as `field_arg`). */
  variables: { name: string; arg: GraphQLArgument }[];
}

const PAGE_TYPES = /(Connection|Edge|PageInfo)$/;

/**
 * A selection of every scalar field, following object fields two levels down (connections all the
 * way to their nodes), with the arguments of nested fields passed as variables so they get fuzzed too.
 */
function selection(type: GraphQLOutputType, depth: number, variables: Operation['variables'], path: string): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    const inner = getNamedType(field.type);
    const leaf = isLeafType(inner);
    const paged = PAGE_TYPES.test(inner.name);
    if (!leaf && depth >= 2 && !(paged && depth < 5)) continue;
    let args = '';
    if (field.args.length) {
      if (depth > 1) continue;
      args = `(${field.args
        .map((a) => {
          const name = `${path}${field.name}_${a.name}`;
          variables.push({ name, arg: a });
          return `${a.name}: $${name}`;
        })
        .join(', ')})`;
    }
    parts.push(`${field.name}${args} ${leaf ? '' : selection(field.type, paged ? depth : depth + 1, variables, `${path}${field.name}_`)}`.trim());
  }
  return `{ ${parts.join(' ')} }`;
}

export function operationFor(kind: RootKind, field: GraphQLField<unknown, unknown>): Operation {
  const variables: Operation['variables'] = field.args.map((arg) => ({ name: arg.name, arg }));
  const args = field.args.length ? `(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const body = `${field.name}${args} ${selection(field.type, 1, variables, '')}`.trim();
  const defs = variables.length ? `(${variables.map((v) => `$${v.name}: ${String(v.arg.type)}`).join(', ')})` : '';
  return { document: `${kind.toLowerCase()} Fuzz${defs} { ${body} }`, variables };
}

// ---------------------------------------------------------------- values

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64url');
const cursorOf = (value: unknown) => b64(JSON.stringify(value));

/** Text that has broken servers: NUL, malformed UTF-16, wide graphemes, invisible characters, numbers where text goes. */
export const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '😀\ud83d',
  '❤️'.repeat(130),
  '👨‍👩‍👧‍👦'.repeat(40),
  '🏳️‍🌈',
  'e\u0301'.repeat(200),
  '\u200b\u200d\u2060\ufeff',
  '\u202eevil',
  '\u3000',
  '',
  ' ',
  '\t\r\n',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '0x10',
  '1_000',
  "' or 1=1 --",
  '%',
  '_',
  '\\',
  '$ne',
  '{"$gt":""}',
  '[]',
  'null',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '𠮷'.repeat(2000),
  'a'.repeat(5000),
];
/** Under the 1 MB body limit even as JSON, one to a request. */
export const HUGE_TEXT = ['a'.repeat(700_000), '啊'.repeat(200_000)];

const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_TEXT), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom('电梯坏了', '单元门口加装雨棚', 'x'), weight: 2 },
  { arbitrary: fc.constantFrom(...HUGE_TEXT), weight: 1 },
);

/** Page cursors: wrong element types, nested arrays, objects, wrong arity, not base64url, not JSON. */
export function cursorArb(handedOut: string[]): fc.Arbitrary<string> {
  const json = fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...(handedOut.length ? [fc.constantFrom(...handedOut)] : []),
    fc.array(json, { maxLength: 4 }).map(cursorOf),
    fc.constantFrom(
      cursorOf([[1], 'x']),
      cursorOf([{ $ne: null }]),
      cursorOf([{ a: 1 }, [1, 2]]),
      cursorOf(['x', 'y', 'z']),
      cursorOf([null, null]),
      cursorOf([1e308, -1e308, 5e-324]),
      cursorOf(['2026-02-30T00:00:00.000Z', randomUUID()]),
      cursorOf(['+275760-09-13T00:00:00.000Z', randomUUID()]),
      cursorOf([2 ** 53, 'x', randomUUID()]),
      cursorOf({ 0: 'a' }),
      cursorOf('x'),
      cursorOf(null),
      b64('[1,'),
      b64(Buffer.from([0x5b, 0xff, 0x5d])),
      '!!!',
      '====',
      'e30',
      `${cursorOf([1])}==`,
      '\u0000',
      '\ud800',
      'a'.repeat(10_000),
    ),
    text,
  );
}

function idArb(pool: IdPool): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...pool.own), weight: 5 },
    { arbitrary: fc.constantFrom(...pool.foreign), weight: 2 },
    { arbitrary: fc.uuid().map((u) => u.toString()), weight: 1 },
    {
      arbitrary: fc.constantFrom('0', '-1', '1', '99999999999999999999', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(...pool.own).map((id) => id.toUpperCase()), weight: 1 },
    { arbitrary: fc.constantFrom(...pool.own).map((id) => `${id}\u0000`), weight: 1 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: text, weight: 2 },
  );
}

const INT_EDGES = [0, 1, -1, 5, 100, 101, 2147483647, -2147483648];
const int = fc.oneof({ arbitrary: fc.constantFrom(...INT_EDGES), weight: 3 }, { arbitrary: fc.integer(), weight: 1 });
const float = fc.oneof(fc.constantFrom(0, -0, 1.5, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 0.1 + 0.2), fc.double({ noNaN: true, noDefaultInfinity: true }));
const dateTime = fc.oneof(
  fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    new Date(Date.now() + 86_400_000).toISOString(),
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '1970-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    'yesterday',
    '',
    0,
    -1,
    8.64e15,
  ),
);
/** Anything JSON can carry: for the odd value of the wrong type. */
const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), text);

export interface FuzzEnv {
  pool: IdPool;
  cursors: string[];
}

/** A value for an input type: mostly type-correct and hostile, now and then of the wrong type entirely. */
export function valueArb(type: GraphQLInputType, name: string, env: FuzzEnv, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof({ arbitrary: valueArb(type.ofType, name, env, depth), weight: 19 }, { arbitrary: fc.constant(null), weight: 1 });
  const nullable = (arb: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: arb, weight: 4 }, { arbitrary: fc.constantFrom(null, undefined), weight: 1 });
  if (isListType(type)) {
    const item = valueArb(type.ofType, name, env, depth + 1);
    return nullable(
      fc.oneof({ arbitrary: fc.array(item, { maxLength: 4 }), weight: 9 }, { arbitrary: fc.array(item, { minLength: 300, maxLength: 600 }), weight: 1 }),
    );
  }
  return nullable(fc.oneof({ arbitrary: namedArb(type, name, env, depth), weight: 15 }, { arbitrary: anything, weight: 1 }));
}

function namedArb(type: GraphQLNamedType, name: string, env: FuzzEnv, depth: number): fc.Arbitrary<unknown> {
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return fc.oneof(
      { arbitrary: fc.constantFrom(...values), weight: 9 },
      { arbitrary: fc.constantFrom('', 'unknown', values[0]!.toLowerCase(), `${values[0]} `), weight: 1 },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    const model = Object.fromEntries(fields.map((f) => [f.name, valueArb(f.type, f.name, env, depth + 1)]));
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc.record(model, { requiredKeys: required }) as fc.Arbitrary<unknown>;
  }
  if (!isScalarType(type)) return anything;
  if (name === 'after') return cursorArb(env.cursors);
  switch (type.name) {
    case 'ID':
      return idArb(env.pool);
    case 'String':
      return text;
    case 'Int':
      return int;
    case 'Float':
      return float;
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return dateTime;
    default:
      return anything;
  }
}

export function variablesArb(op: Operation, env: FuzzEnv): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(op.variables.map((v) => [v.name, valueArb(v.arg.type, v.arg.name, env)]))).map((vars) => {
    // JSON drops undefined: an omitted variable, not a null one.
    return JSON.parse(JSON.stringify(vars)) as Record<string, unknown>;
  });
}

// ---------------------------------------------------------------- well-typed baselines (for targeted cases)

/** A plain valid value for a type, so that one hostile leaf is the only thing wrong with an operation. */
export function baseline(type: GraphQLInputType, env: FuzzEnv): unknown {
  if (isNonNullType(type)) return baseline(type.ofType, env);
  if (isListType(type)) return [baseline(type.ofType, env)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, baseline(f.type, env)]),
    );
  }
  switch (named.name) {
    case 'ID':
      return env.pool.own[0];
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return new Date(Date.now() + 86_400_000).toISOString();
    default:
      return 'x';
  }
}

/** Every text leaf (String or ID) reachable in a root field's arguments, as a path and a setter. */
export interface TextLeaf {
  path: string;
  key: string;
  set(vars: Record<string, unknown>, value: string): Record<string, unknown>;
}

export function textLeaves(field: GraphQLField<unknown, unknown>, env: FuzzEnv): TextLeaf[] {
  const leaves: TextLeaf[] = [];
  // The type at each step of the path, so that an optional object on the way is filled in validly.
  const walk = (type: GraphQLInputType, path: (string | number)[], types: GraphQLInputType[], depth: number) => {
    if (depth > 4) return;
    if (isNonNullType(type)) return walk(type.ofType, path, [...types.slice(0, -1), type.ofType], depth);
    if (isListType(type)) return walk(type.ofType, [...path, 0], [...types, type.ofType], depth + 1);
    const named = getNamedType(type);
    if (isInputObjectType(named)) {
      for (const f of Object.values(named.getFields())) walk(f.type, [...path, f.name], [...types, f.type], depth + 1);
      return;
    }
    if (isScalarType(named) && (named.name === 'String' || named.name === 'ID')) {
      const key = String([...path].reverse().find((p) => typeof p === 'string'));
      leaves.push({
        path: path.join('.'),
        key,
        set(vars, value) {
          const copy = structuredClone(vars);
          let target = copy as Record<string | number, unknown>;
          for (let i = 0; i < path.length - 1; i++) {
            target[path[i]!] ??= baseline(types[i]!, env);
            target = target[path[i]!] as Record<string | number, unknown>;
          }
          target[path.at(-1)!] = value;
          return copy;
        },
      });
    }
  };
  for (const arg of field.args) walk(arg.type, [arg.name], [arg.type], 0);
  return leaves;
}

// ---------------------------------------------------------------- answers

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  body?: { data?: unknown; errors?: { message: string; extensions?: { code?: string; reason?: unknown; field?: unknown; fields?: unknown } }[] };
}

export async function post(url: string, cookie: string | null, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, body };
}

/** Where an answer broke the rules every answer keeps, or null. */
export function problem(answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (!answer.body || !/json/.test(answer.contentType ?? '')) return `not JSON (${answer.contentType}): ${answer.text.slice(0, 200)}`;
  for (const error of answer.body.errors ?? []) {
    const code = error.extensions?.code;
    if (!code || code === 'INTERNAL_SERVER_ERROR') return `${code ?? 'no code'}: ${error.message}`;
    if (code === 'BAD_USER_INPUT' && !namesAField(error)) return `BAD_USER_INPUT naming no field: ${error.message}`;
    // Every refusal carries a reason the portal words (schema/src/reasons.ts).
    const reason = error.extensions?.reason;
    if (typeof reason !== 'string' || !(ERROR_REASONS as readonly string[]).includes(reason))
      return `${code} without a known reason (${String(reason)}): ${error.message}`;
  }
  return null;
}

/** A refusal says what was wrong: the API's `field`/`fields`, or graphql-js's "Variable "$x" got invalid value". */
export function namesAField(error: { message: string; extensions?: { field?: unknown; fields?: unknown } }, key?: string): boolean {
  const named = [
    ...(typeof error.extensions?.field === 'string' ? [error.extensions.field] : []),
    ...(Array.isArray(error.extensions?.fields) ? (error.extensions.fields as string[]) : []),
  ];
  const variable = /^Variable "\$([\w]+)"/.exec(error.message)?.[1];
  if (variable) named.push(variable);
  if (!named.length) return false;
  return key === undefined || named.some((n) => n === key || n.endsWith(`.${key}`) || n.split(/[.[\]]/).includes(key));
}
