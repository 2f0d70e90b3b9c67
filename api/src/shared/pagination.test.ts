import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCursor, encodeCursor, pageOf, pageSize } from './pagination.js';

const ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const AT = '2026-11-28T20:44:02.123Z';
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const refused = { extensions: { code: 'BAD_USER_INPUT', field: 'after', reason: 'CURSOR_INVALID' } };

describe('decodeCursor', () => {
  it('gives back what the list handed out, typed by position', () => {
    expect(decodeCursor(encodeCursor([AT, 12.5, ID]), ['timestamp', 'number', 'uuid'])).toEqual([AT, 12.5, ID]);
    expect(decodeCursor(encodeCursor([3, AT, ID]), ['int', 'timestamp', 'uuid'])).toEqual([3, AT, ID]);
    expect(decodeCursor(encodeCursor([null, ID]), ['timestamp?', 'uuid'])).toEqual([null, ID]);
    expect(decodeCursor(encodeCursor(['123456789012345678']), ['serial'])).toEqual(['123456789012345678']);
    expect(decodeCursor(encodeCursor([2147483647]), ['int'])).toEqual([2147483647]);
  });

  it('treats no cursor as the first page', () => {
    expect(decodeCursor(null, ['int'])).toBeNull();
    expect(decodeCursor(undefined, ['int'])).toBeNull();
    expect(decodeCursor('', ['int'])).toBeNull();
  });

  it.each([
    ['wrong element types', encodeCursor([ID, AT]), ['timestamp', 'uuid']],
    ['an object where a value goes', encodeCursor([{ $ne: null }]), ['serial']],
    ['a nested array', encodeCursor([[AT], ID]), ['timestamp', 'uuid']],
    ['too few values', encodeCursor([AT]), ['timestamp', 'uuid']],
    ['too many values', encodeCursor([AT, ID, 1]), ['timestamp', 'uuid']],
    ['not an array', encodeCursor({ 0: AT, 1: ID } as never), ['timestamp', 'uuid']],
    ['null where null is not allowed', encodeCursor([null, ID]), ['timestamp', 'uuid']],
    ['a date that does not exist', encodeCursor(['2026-02-30T00:00:00.000Z', ID]), ['timestamp', 'uuid']],
    ['a date in another format', encodeCursor(['2026-11-28 20:44:02', ID]), ['timestamp', 'uuid']],
    ['a number as a string', encodeCursor(['12']), ['int']],
    ['a fraction where an integer goes', encodeCursor([1.5]), ['int']],
    ['an integer past the column', encodeCursor([2 ** 31]), ['int']],
    ['a serial with a sign', encodeCursor(['-1']), ['serial']],
    ['a serial past bigint', encodeCursor(['9'.repeat(19)]), ['serial']],
    ['not base64url', '!!!not-a-cursor', ['int']],
    ['base64 with padding', `${encodeCursor([1])}==`, ['int']],
    ['base64url that is not JSON', b64('[1,'), ['int']],
    ['bytes that are not UTF-8', Buffer.from([0x5b, 0xff, 0x5d]).toString('base64url'), ['int']],
    ['a non-canonical encoding', `${encodeCursor([1]).slice(0, -1)}F`, ['int']],
    ['something very long', encodeCursor(['x'.repeat(1000)]), ['uuid']],
  ] as const)('refuses %s as BAD_USER_INPUT naming after', (_what, cursor, schema) => {
    expect(() => decodeCursor(cursor, schema)).toThrow(expect.objectContaining(refused));
  });

  it('never lets anything but a matching cursor through, and never throws anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map(b64),
          fc.jsonValue().map((v) => encodeCursor([v, v])),
        ),
        (cursor) => {
          try {
            const values = decodeCursor(cursor, ['timestamp', 'uuid']);
            if (values) {
              expect(new Date(values[0]).toISOString()).toBe(values[0]);
              expect(values[1]).toMatch(/^[0-9a-f-]{36}$/i);
            }
          } catch (error) {
            expect(error).toMatchObject(refused);
          }
        },
      ),
      { seed: 13, numRuns: 2000 },
    );
  });
});

describe('pageSize', () => {
  it('keeps every page between 1 and 100', () => {
    expect(pageSize(null)).toBe(20);
    for (const bad of [0, -1, 101, 2 ** 31 - 1, -(2 ** 31)])
      expect(() => pageSize(bad)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first', reason: 'OUT_OF_RANGE', min: 1, max: 100 } }),
      );
  });
});

describe('pageOf', () => {
  const view = (n: number) => ({ label: `#${n}` });
  const cursorOf = (node: { label: string }, row: number) => `${node.label}@${row}`;

  it('keeps the page, says a next page is there when the list read one row more, and ends on the last edge’s cursor', () => {
    const page = pageOf([1, 2, 3], 2, view, cursorOf, 7);
    expect(page.edges).toEqual([
      { cursor: '#1@1', node: { label: '#1' } },
      { cursor: '#2@2', node: { label: '#2' } },
    ]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: '#2@2' });
    expect(page.totalCount).toBe(7);
  });

  it('has no next page when the rows fit, and no cursor when there are none', () => {
    expect(pageOf([1, 2], 2, view, cursorOf, 2).pageInfo).toEqual({ hasNextPage: false, endCursor: '#2@2' });
    expect(pageOf([], 20, view, cursorOf, 0)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });
});
