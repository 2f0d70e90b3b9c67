import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommentOnProposalDocument, ProposalsDocument, SubmitProposalDocument } from '@cocreate/schema';
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

describe('protective headers', () => {
  it('forbid framing and sniffing and keep full URLs from other sites, on every answer', async () => {
    for (const path of ['/healthz', '/graphql']) {
      const res = await fetch(`${app.url}${path}`, { method: path === '/graphql' ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: path === '/graphql' ? '{"query":"{ me { id } }"}' : undefined });
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
  });
});
