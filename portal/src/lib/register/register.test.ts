import { describe, expect, it } from 'vitest';
import { en } from '$lib/i18n/en';
import { zhCN } from '$lib/i18n/zh-CN';
import { bytesOf } from './download';
import { canApply, reasonKey, type RegisterImport } from './report';
import { byteSize, uploadFile, uploadProblemOf } from './upload';

const err = (code: string, message = '', extra: Record<string, unknown> = {}) => ({ errors: [{ message, extensions: { code, ...extra } }] });

describe('upload refusals', () => {
  it.each([
    [413, err('PAYLOAD_TOO_LARGE', 'The file is larger than 20 MB.', { maxBytes: 20 * 1024 * 1024 }), 'tooLarge'],
    [401, err('UNAUTHENTICATED'), 'unauthenticated'],
    [400, err('BAD_USER_INPUT', 'The file is empty.', { field: 'file' }), 'empty'],
    [400, err('BAD_USER_INPUT', 'The file is neither a spreadsheet (XLSX) nor text (CSV).', { field: 'file' }), 'wrongType'],
    [429, err('TOO_MANY_REQUESTS'), 'tooSoon'],
    [500, null, 'unknown'],
  ])('%i %j → %s', (status, body, code) => {
    expect(uploadProblemOf(status, body).code).toBe(code);
  });

  it('keeps the limit for the message', () => {
    expect(uploadProblemOf(413, err('PAYLOAD_TOO_LARGE', '', { maxBytes: 1024 }))).toMatchObject({ maxBytes: 1024 });
  });

  it('sends the preflight header and the file in the field "file"', async () => {
    let seen: RequestInit | undefined;
    const fake = (async (_url: string, init?: RequestInit) => {
      seen = init;
      return new Response(JSON.stringify({ id: 'f1', name: 'a.csv', size: 3, contentType: 'text/csv' }), { status: 201 });
    }) as typeof fetch;
    const result = await uploadFile(new File(['a,b'], 'a.csv'), fake);
    expect(result).toEqual({ file: { id: 'f1', name: 'a.csv', size: 3, contentType: 'text/csv' } });
    expect(seen?.headers).toEqual({ 'apollo-require-preflight': 'true' });
    expect(seen?.credentials).toBe('same-origin');
    expect((seen?.body as FormData).get('file')).toBeInstanceOf(File);
  });

  it('says network when the request never arrives', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await uploadFile(new File(['x'], 'x.csv'), down)).toMatchObject({ problem: { code: 'network' } });
  });
});

describe('the dry-run report', () => {
  it('translates every reason it knows in both languages, and falls back for a new one', () => {
    const key = reasonKey('PHONE_INVALID');
    expect(key).toBe('register.reason.PHONE_INVALID');
    expect(zhCN[key!]).toContain('手机号');
    expect(en[key!]).toContain('mobile');
    expect(reasonKey('SOMETHING_NEW')).toBeNull();
  });

  const run = (problems: RegisterImport['problems'], extra: Partial<RegisterImport> = {}) =>
    ({ dryRun: true, applied: false, problems, problemCount: problems.length, ...extra }) as RegisterImport;
  const problem = (severity: 'ERROR' | 'WARNING') => ({ row: 2, column: '面积', message: '', reason: 'AREA_NOT_A_NUMBER' as const, severity });

  it('offers Apply only for a dry run without errors', () => {
    expect(canApply(run([]))).toBe(true);
    expect(canApply(run([problem('WARNING')]))).toBe(true);
    expect(canApply(run([problem('ERROR')]))).toBe(false);
    expect(canApply(run([problem('WARNING')], { problemCount: 1001 }))).toBe(false); // errors beyond the kept ones
    expect(canApply(run([], { dryRun: false, applied: true }))).toBe(false);
    expect(canApply(null)).toBe(false);
  });
});

it('decodes an export', () => {
  expect([...bytesOf(btoa('ab'))]).toEqual([97, 98]);
});

it('sizes a file as people read it', () => {
  expect([byteSize(12), byteSize(64 * 1024), byteSize(20 * 1024 * 1024)]).toEqual(['12 B', '64 KB', '20 MB']);
});
