import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestApp, type TestApp } from '../support/harness.js';

let app: TestApp;
let results: AuditResult[];

beforeAll(async () => {
  app = await startTestApp();
  const audits = serverAudits({ url: `${app.url}/graphql`, fetchFn: fetch });
  results = [];
  for (const audit of audits) results.push(await audit.fn());
});
afterAll(async () => {
  await app?.close();
});

const failures = (level: 'MUST' | 'SHOULD') =>
  results.filter((r) => r.name.startsWith(`${level} `) && r.status !== 'ok').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);

describe('the GraphQL over HTTP server audits (graphql-http)', () => {
  it('pass every MUST', () => {
    expect(failures('MUST')).toEqual([]);
  });

  it('pass at least 18 SHOULDs', () => {
    const should = results.filter((r) => r.name.startsWith('SHOULD '));
    const failed = failures('SHOULD');
    if (failed.length) console.log(`SHOULD audits not passed (${failed.length} of ${should.length}):\n  ${failed.join('\n  ')}`);
    expect(should.length - failed.length).toBeGreaterThanOrEqual(18);
  });
});
