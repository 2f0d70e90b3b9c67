import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchTicketDocument, MeDocument, OpenTicketDocument, PostTicketUpdateDocument, TicketChangedDocument } from '@cocreate/schema';
import { Client, cloneTemplate } from '../support/harness.js';
import { freePort } from '../support/postgres.js';
import { runMain, type Started } from '../support/process.js';
import { collect, wsClient } from '../support/ws.js';

// Two separate API processes on one database: an event caused through one reaches a
// subscriber connected to the other, through PostgreSQL LISTEN/NOTIFY.
let a: { url: string; run: Started };
let b: { url: string; run: Started };
beforeAll(async () => {
  const databaseUrl = await cloneTemplate();
  const start = async () => {
    const port = await freePort();
    const run = await runMain({ DATABASE_URL: databaseUrl, PORT: String(port), SEED_DEMO: '0', NODE_ENV: 'test' });
    return { url: `http://127.0.0.1:${port}`, run };
  };
  [a, b] = await Promise.all([start(), start()]);
});
afterAll(async () => {
  for (const p of [a, b]) {
    p?.run.child.kill('SIGTERM');
    await p?.run.exited;
  }
});

async function signIn(url: string, email: string) {
  const client = new Client(url);
  await client.run('mutation { login(email: "' + email + '", password: "cocreate-demo") { id } }');
  return client;
}

describe('ticketChanged across processes', () => {
  it('delivers a change made on process B to the owner subscribed on process A, without internal notes', async () => {
    const ownerOnA = await signIn(a.url, 'owner1@lakeside.test');
    const csOnB = await signIn(b.url, 'cs@lakeside.test');
    const { me } = await ownerOnA.run(MeDocument);
    const { openTicket } = await ownerOnA.run(OpenTicketDocument, {
      input: { kind: 'REPAIR', title: '电梯异响', description: '2 号电梯运行时有异响', unitId: me!.units[0]!.id },
    });

    const ws = wsClient(a.url, ownerOnA.cookie);
    const live = collect(ws, TicketChangedDocument, { id: openTicket.id });
    await new Promise((r) => setTimeout(r, 500)); // let the subscription reach the server
    await csOnB.run(DispatchTicketDocument, { id: openTicket.id, input: { urgency: 'HIGH', department: 'MAINTENANCE' } });
    const dispatched = await live.next((d) => d.ticketChanged.status === 'INVESTIGATING');
    expect(dispatched.ticketChanged).toMatchObject({ department: 'MAINTENANCE', urgency: 'HIGH' });

    await csOnB.run(PostTicketUpdateDocument, { id: openTicket.id, message: '内部：联系电梯维保公司', internal: true });
    await csOnB.run(PostTicketUpdateDocument, { id: openTicket.id, message: '已联系电梯维保公司，今天下午检修' });
    const updated = await live.next((d) => d.ticketChanged.events.some((e) => e.message?.startsWith('已联系')));
    expect(updated.ticketChanged.events.some((e) => e.internal)).toBe(false);
    live.stop();
    await ws.dispose();
  });

  it('refuses to subscribe to another owner’s ticket', async () => {
    const owner1 = await signIn(a.url, 'owner1@lakeside.test');
    const { me } = await owner1.run(MeDocument);
    const { openTicket } = await owner1.run(OpenTicketDocument, {
      input: { kind: 'INQUIRY', title: '快递柜', description: '快递柜在哪里？', unitId: me!.units[0]!.id },
    });
    const owner2 = await signIn(a.url, 'owner2@lakeside.test');
    const ws = wsClient(a.url, owner2.cookie);
    const live = collect(ws, TicketChangedDocument, { id: openTicket.id });
    await expect.poll(() => live.errors.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(JSON.stringify(live.errors)).toMatch(/NOT_FOUND|not found/);
    live.stop();
    await ws.dispose();
  });
});
