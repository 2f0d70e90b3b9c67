import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProposalChangedDocument, SubmitProposalDocument, SupportProposalDocument, WithdrawSupportDocument } from '@cocreate/schema';
import type { EventBus } from '@cocreate/api/shared/events';
import { startTestApp, type TestApp } from '../support/harness.js';
import { collect, wsClient } from '../support/ws.js';

// Change events are NOTIFYs sent inside the transaction that makes the change: PostgreSQL delivers
// them at commit and drops them on rollback. So when anything fails on the way — here the link to
// the database drops right after the event is sent — the client is told it failed, and it did:
// nothing was stored and no subscriber heard of it.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const outage = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

/** Makes the event bus send its event, then lose the database, until the returned undo is called. */
function failAfterPublishing(events: EventBus): () => void {
  const publish = events.publish.bind(events);
  events.publish = async (...args) => {
    await publish(...args);
    throw outage();
  };
  return () => {
    events.publish = publish;
  };
}

describe('change events and the transaction', () => {
  it('an event bus used outside a transaction refuses, so no caller can publish after its commit', async () => {
    const em = app.orm.em.fork();
    await expect(app.server.services.events.publish(em, 'PROPOSAL_CHANGED', '00000000-0000-0000-0000-000000000000')).rejects.toThrow(/inside the transaction/);
  });

  it('a proposal whose change event could not be completed is not stored, and the client hears 503', async () => {
    const owner = await app.signIn('owner1@lakeside.test');
    const undo = failAfterPublishing(app.server.services.events);
    try {
      const { status, body } = await owner.raw(SubmitProposalDocument, {
        input: { title: '楼道加装感应灯（中断测试）', body: '夜里楼道太暗，建议加装感应灯。', category: 'FACILITIES' },
      });
      expect(status).toBe(503);
      expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      undo();
    }
    const rows = await app.sql('select id from proposal where title = $1', ['楼道加装感应灯（中断测试）']);
    expect(rows).toEqual([]);
  });

  it('a subscriber hears a support, never hears of a withdrawal that was rolled back, and hears the one that was kept', async () => {
    const author = await app.signIn('owner1@lakeside.test');
    const { submitProposal } = await author.run(SubmitProposalDocument, {
      input: { title: '小区门口加装雨棚', body: '雨天等车没有遮挡，建议加装雨棚。', category: 'FACILITIES' },
    });
    const watcher = wsClient(app.url, author.cookie);
    const live = collect(watcher, ProposalChangedDocument, { id: submitProposal.id });
    const supports = async () =>
      (await app.sql<{ n: number }>('select count(*)::int as n from proposal_support where proposal_id = $1', [submitProposal.id]))[0]!.n;
    try {
      // Let the subscription reach the server before anything happens.
      await new Promise((r) => setTimeout(r, 300));
      const supporter = await app.signIn('owner2@lakeside.test');
      // A support is one statement that stores it and sends its event together.
      await supporter.run(SupportProposalDocument, { id: submitProposal.id });
      await live.next((e) => e.proposalChanged.supportCount === 1);

      const undo = failAfterPublishing(app.server.services.events);
      try {
        const error = await supporter.fail(WithdrawSupportDocument, { id: submitProposal.id });
        expect(error.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      } finally {
        undo();
      }
      expect(await supports()).toBe(1);
      await new Promise((r) => setTimeout(r, 500));
      expect(live.results).toHaveLength(1);

      await supporter.run(WithdrawSupportDocument, { id: submitProposal.id });
      const event = await live.next((e) => e.proposalChanged.supportCount === 0);
      expect(event.proposalChanged.id).toBe(submitProposal.id);
      expect(live.results).toHaveLength(2);
      expect(await supports()).toBe(0);
    } finally {
      live.stop();
      await watcher.dispose();
    }
  });
});
