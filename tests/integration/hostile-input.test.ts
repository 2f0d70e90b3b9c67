import http from 'node:http';
import zlib from 'node:zlib';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommentOnProposalDocument,
  ProposalsDocument,
  SetHolidayCalendarDocument,
  SubmitProposalDocument,
  UpdateCommunitySettingsDocument,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';

let app: TestApp;
let owner: Client;
beforeAll(async () => {
  app = await startTestApp();
  owner = await app.signIn('owner1@lakeside.test');
});
afterAll(async () => {
  await app?.close();
});

const body = '详细说明：这个提案的背景、做法和预期效果。';

describe('hostile text', () => {
  it('refuses a NUL in a title, a body or a search as BAD_USER_INPUT naming the field', async () => {
    expect(await owner.fail(SubmitProposalDocument, { input: { title: '加装\u0000雨棚', body, category: 'SERVICE' } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'title' },
    });
    expect(await owner.fail(SubmitProposalDocument, { input: { title: '加装雨棚', body: `${body}\u0000`, category: 'SERVICE' } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'body' },
    });
    const search = await owner.fail(ProposalsDocument, { filter: { search: '\u0000' } });
    expect(search.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('measures a title as the column does: 120 emoji with variation selectors are 240 characters, refused, not a 500', async () => {
    const wide = await owner.fail(SubmitProposalDocument, { input: { title: '❤️'.repeat(120), body, category: 'SERVICE' } });
    expect(wide).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['title'] } });
    const fits = (await owner.run(SubmitProposalDocument, { input: { title: '❤️'.repeat(60), body, category: 'SERVICE' } })).submitProposal;
    expect(fits.title).toBe('❤️'.repeat(60));
  });

  it('trims whitespace and zero-width characters before validating, so an invisible title or comment is refused, not stored empty', async () => {
    const blank = await owner.fail(SubmitProposalDocument, { input: { title: ' \u200b\u200b\u3000 \ufeff', body, category: 'SERVICE' } });
    expect(blank).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['title'] } });
    const p = (await owner.run(SubmitProposalDocument, { input: { title: '\u200b  单元门口加装雨棚 \u200b', body, category: 'SERVICE' } })).submitProposal;
    expect(p.title).toBe('单元门口加装雨棚');
    const comment = await owner.fail(CommentOnProposalDocument, { id: p.id, body: '\u200b\u200d \u2060' });
    expect(comment.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('hostile calendar input', () => {
  const holiday = (name: string | null, date = '2030-10-01') => ({ year: 2030, days: [{ date, kind: 'HOLIDAY' as const, name }] });
  const hours = (start: string, end: string, weekday = 1) => ({
    input: { workingHours: [{ department: 'CLEANING' as const, days: [{ weekday, intervals: [{ start, end }] }] }] },
  });

  it('refuses NUL, direction overrides, long names and huge or crafted dates in the holiday calendar, each with its reason', async () => {
    const admin = await app.signIn('admin@lakeside.test');
    const cases: [Record<string, unknown>, string][] = [
      [holiday('国庆\u0000'), 'CONTROL_CHARACTER'],
      [holiday('国庆\u202e节'), 'CONTROL_CHARACTER'],
      [holiday('🎉'.repeat(21)), 'TOO_LONG'],
      [holiday(null, '2'.repeat(700_000)), 'TEXT_LENGTH'],
      [holiday(null, "2030-10-01' or 1=1"), 'TEXT_LENGTH'],
      [holiday(null, '2030-1-1'), 'DATE_INVALID'],
      [{ year: 2030, days: Array.from({ length: 121 }, (_, i) => ({ date: `2030-01-01`, kind: 'HOLIDAY', name: String(i) })) }, 'LIST_TOO_LONG'],
    ];
    for (const [variables, reason] of cases) {
      const error = await admin.fail(SetHolidayCalendarDocument, variables as never);
      expect(error.extensions, JSON.stringify(variables).slice(0, 80)).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    }
    // 20 emoji are 20 characters: a name that fits.
    expect((await admin.run(SetHolidayCalendarDocument, holiday('🎉'.repeat(20)))).setHolidayCalendar.days[0]!.name).toBe('🎉'.repeat(20));
    const year = await admin.fail(SetHolidayCalendarDocument, { year: 2 ** 31, days: [] });
    expect(year.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses crafted working hours: NUL in a time, weekday 0 or 8, too many periods', async () => {
    const admin = await app.signIn('admin@lakeside.test');
    expect((await admin.fail(UpdateCommunitySettingsDocument, hours('8\u0000:3', '17:30'))).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CONTROL_CHARACTER',
    });
    expect((await admin.fail(UpdateCommunitySettingsDocument, hours('08:30', '17:30', 0))).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'OUT_OF_RANGE',
    });
    expect((await admin.fail(UpdateCommunitySettingsDocument, hours('08:30', '17:30', 8))).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'OUT_OF_RANGE',
    });
    expect((await admin.fail(UpdateCommunitySettingsDocument, hours('08:30:00', '17:30'))).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TEXT_LENGTH',
    });
    const many = {
      input: {
        workingHours: [
          {
            department: 'CLEANING' as const,
            days: [{ weekday: 1, intervals: ['01', '03', '05', '07', '09'].map((h) => ({ start: `${h}:00`, end: `${h}:30` })) }],
          },
        ],
      },
    };
    expect((await admin.fail(UpdateCommunitySettingsDocument, many)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LIST_TOO_LONG' });
  });
});

describe('protective headers', () => {
  it('forbid framing and sniffing and keep full URLs from other sites, on every answer', async () => {
    for (const path of ['/healthz', '/graphql']) {
      const res = await fetch(`${app.url}${path}`, {
        method: path === '/graphql' ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json' },
        body: path === '/graphql' ? '{"query":"{ me { id } }"}' : undefined,
      });
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
  });
});

/** One POST over node:http, which (unlike fetch) hands back the body exactly as it was sent. */
function post(url: string, body: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, bytes: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('compressed answers', () => {
  it('sends a board page brotli- or gzip-compressed to a browser that takes it, the same JSON once decompressed, and plain to one that does not', async () => {
    const body = JSON.stringify({ query: print(ProposalsDocument), variables: { first: 20, orderBy: 'HOT' } });
    const cookie = owner.cookie!;
    const plain = await post(`${app.url}/graphql`, body, { cookie, 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(plain.bytes.toString('utf8')) as { data?: { proposals: { edges: unknown[] } } };
    expect(json.data?.proposals.edges.length).toBeGreaterThan(0);

    const br = await post(`${app.url}/graphql`, body, { cookie, 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(zlib.brotliDecompressSync(br.bytes).toString('utf8'))).toEqual(json);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 2);

    const gzip = await post(`${app.url}/graphql`, body, { cookie, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gzip.bytes).toString('utf8'))).toEqual(json);
  });

  it('leaves a tiny answer as it is (compressing it would only add bytes)', async () => {
    const tiny = await post(`${app.url}/graphql`, '{"query":"{ __typename }"}', { 'accept-encoding': 'gzip, br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(tiny.bytes.toString('utf8'))).toEqual({ data: { __typename: 'Query' } });
  });
});
