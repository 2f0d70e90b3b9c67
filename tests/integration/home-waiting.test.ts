import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaitingForMeDocument } from '@cocreate/schema';
import { startTestApp, type TestApp } from '../support/harness.js';
import { cast, ticketIn } from '../support/tickets.js';

// The home page's "waiting for you" (#11): per role, how many and where to go — the item itself
// when there is one.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const byKind = (items: { kind: string; count: number; link: string }[]) => Object.fromEntries(items.map((i) => [i.kind, i]));

describe('waitingForMe', () => {
  it('shows an owner the solution to confirm and the ticket to rate, each opening the ticket itself', async () => {
    const c = await cast(app, 'owner21@lakeside.test');
    const before = byKind((await c.owner.run(WaitingForMeDocument)).waitingForMe);
    expect(before.SOLUTIONS_TO_CONFIRM).toBeUndefined();
    const solution = await ticketIn(c, 'SOLUTION_PROPOSED');
    const resolved = await ticketIn(c, 'RESOLVED');
    const after = byKind((await c.owner.run(WaitingForMeDocument)).waitingForMe);
    expect(after.SOLUTIONS_TO_CONFIRM).toEqual({ kind: 'SOLUTIONS_TO_CONFIRM', count: 1, link: `/tickets/${solution.id}` });
    expect(after.RETURN_VISITS_TO_RATE).toEqual({ kind: 'RETURN_VISITS_TO_RATE', count: 1, link: `/tickets/${resolved.id}` });
    await ticketIn(c, 'SOLUTION_PROPOSED');
    expect(byKind((await c.owner.run(WaitingForMeDocument)).waitingForMe).SOLUTIONS_TO_CONFIRM).toEqual({
      kind: 'SOLUTIONS_TO_CONFIRM',
      count: 2,
      link: '/tickets',
    });
    // Nothing of staff work for an owner.
    expect(after.TICKETS_TO_DISPATCH).toBeUndefined();
    expect(after.QUEUE_DUE).toBeUndefined();
  });

  it('shows customer service the tickets to take in, and a committee member the reviews to score', async () => {
    const c = await cast(app, 'owner22@lakeside.test');
    await ticketIn(c, 'RECEIVED');
    const cs = byKind((await c.cs.run(WaitingForMeDocument)).waitingForMe);
    expect(cs.TICKETS_TO_DISPATCH!.count).toBeGreaterThanOrEqual(1);
    const committee = await app.signIn('owner3@lakeside.test');
    const mine = byKind((await committee.run(WaitingForMeDocument)).waitingForMe);
    const [open] = await app.sql<{ n: number }>(
      `select count(*)::int as n from review r join review_panelist p on p.review_id = r.id join person x on x.id = p.person_id
        where x.email = 'owner3@lakeside.test' and p.recused_at is null and r.status = 'SCORING'
          and not exists (select 1 from review_sheet s where s.review_id = r.id and s.reviewer_id = x.id and s.round = r.round)`,
    );
    expect(mine.REVIEWS_TO_SCORE?.count ?? 0).toBe(open!.n);
    if (open!.n === 1) expect(mine.REVIEWS_TO_SCORE!.link).toMatch(/^\/rewards\/committee\/[0-9a-f-]{36}$/);
  });

  it('is for signed-in people only', async () => {
    expect((await app.client().fail(WaitingForMeDocument)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});
