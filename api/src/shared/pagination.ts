import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors.js';
import { isUuid } from './ids.js';

export const MAX_PAGE = 100;

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Relay-style connection for any node type: edges { cursor node }, pageInfo, totalCount. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The one way a connection is built: from the rows a list read (one more than the page, which says
 * whether there is a next page), the view of a row, the cursor of a row's view and the total.
 */
export function pageOf<R, T>(rows: readonly R[], size: number, view: (row: R) => T, cursorOf: (node: T, row: R) => string, totalCount: number): Page<T> {
  const edges = rows.slice(0, size).map((row) => {
    const node = view(row);
    return { cursor: cursorOf(node, row), node };
  });
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** An empty page. */
export const emptyPage = <T>(): Page<T> => ({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE)
    throw badInput('first', `must be between 1 and ${MAX_PAGE}`, { reason: 'OUT_OF_RANGE', min: 1, max: MAX_PAGE });
  return n;
}

/** Opaque keyset cursors: the sort key values of the last row seen. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What may stand at one position of a cursor. Each is exactly what the list hands out, so a
 * decoded value can go into SQL as a parameter of the column's type: `int` fits an integer column,
 * `timestamp` is a `toISOString()`, `serial` a bigint id in decimal. A trailing `?` allows null.
 */
export type CursorKind = 'int' | 'number' | 'timestamp' | 'uuid' | 'serial';
export type CursorPart = CursorKind | `${CursorKind}?`;

interface KindValue {
  int: number;
  number: number;
  timestamp: string;
  uuid: string;
  serial: string;
}
export type CursorValues<S extends readonly CursorPart[]> = {
  -readonly [K in keyof S]: S[K] extends `${infer B extends CursorKind}?` ? KindValue[B] | null : S[K] extends CursorKind ? KindValue[S[K]] : never;
};

const INT_MAX = 2 ** 31 - 1;
const CHECKS: Record<CursorKind, (v: unknown) => boolean> = {
  int: (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT_MAX,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  timestamp: (v) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v,
  uuid: (v) => typeof v === 'string' && isUuid(v),
  serial: (v) => typeof v === 'string' && /^\d{1,18}$/.test(v),
};
/** Longer than any cursor a list hands out (three values: a timestamp, a float, a UUID). */
const MAX_CURSOR_LENGTH = 256;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parse(cursor: string): unknown {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  // Only the canonical encoding: Buffer skips stray characters and padding bits that encodeCursor never writes.
  if (bytes.toString('base64url') !== cursor) return undefined;
  try {
    return JSON.parse(strictUtf8.decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The values of a cursor this list handed out, checked position by position against its schema;
 * anything else (another list's cursor, wrong types, nested arrays or objects, another arity,
 * something that is not base64url JSON) is BAD_USER_INPUT naming `after`, before any SQL is built.
 */
export function decodeCursor<const S extends readonly CursorPart[]>(cursor: string | null | undefined, schema: S): CursorValues<S> | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  const values = parse(cursor);
  const fits =
    Array.isArray(values) &&
    values.length === schema.length &&
    schema.every((part, i) => {
      const nullable = part.endsWith('?');
      const value: unknown = values[i];
      return (nullable && value === null) || CHECKS[(nullable ? part.slice(0, -1) : part) as CursorKind](value);
    });
  if (!fits) throw badInput('after', 'is not a cursor this list handed out', { reason: 'CURSOR_INVALID' });
  return values as CursorValues<S>;
}
