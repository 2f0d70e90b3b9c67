import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnswerTicketOnTheSpotDocument,
  CommunitySettingsDocument,
  InboxChangedDocument,
  MarkNotificationsReadDocument,
  NotificationsDocument,
  OwnersDocument,
  ProposeSolutionDocument,
  TicketDocument,
  UnreadNotificationCountDocument,
  UpdateCommunitySettingsDocument,
} from '@cocreate/schema';
import { startTestApp, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';
import { collect, wsClient } from '../support/ws.js';

let app: TestApp;
let c: Cast;
beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app, 'owner9@lakeside.test');
});
afterAll(async () => {
  await app?.close();
});

describe('inbox', () => {
  it('tells the owner when a solution is proposed, live, and marks items read', async () => {
    const t = await ticketIn(c, 'INVESTIGATING');
    const before = (await c.owner.run(UnreadNotificationCountDocument)).unreadNotificationCount;
    const ws = wsClient(app.url, c.owner.cookie);
    const live = collect(ws, InboxChangedDocument, {});
    await new Promise((r) => setTimeout(r, 300));
    await c.maint.run(ProposeSolutionDocument, { id: t.id, solution: '更换阀芯' });
    const pushed = await live.next((d) => d.inboxChanged === before + 1);
    expect(pushed.inboxChanged).toBe(before + 1);

    const inbox = (await c.owner.run(NotificationsDocument, { first: 10 })).notifications;
    expect(inbox.edges[0]!.node).toMatchObject({ kind: 'TICKET_SOLUTION_PROPOSED', subjectType: 'TICKET', subjectId: t.id, readAt: null });
    expect(inbox.edges[0]!.node.text).toContain('厨房水龙头漏水');

    expect((await c.owner.run(MarkNotificationsReadDocument, { ids: [inbox.edges[0]!.node.id] })).markNotificationsRead).toBe(1);
    expect((await c.owner.run(UnreadNotificationCountDocument)).unreadNotificationCount).toBe(before);
    // Opening the ticket clears what was about it, and only that.
    const other = await ticketIn(c, 'RECEIVED');
    await c.cs.run(AnswerTicketOnTheSpotDocument, { id: other.id, answer: '已答复' });
    const unread = (await c.owner.run(UnreadNotificationCountDocument)).unreadNotificationCount;
    const cleared = (await c.owner.run(MarkNotificationsReadDocument, { subjectId: t.id })).markNotificationsRead;
    expect(cleared).toBeGreaterThanOrEqual(1);
    expect((await c.owner.run(UnreadNotificationCountDocument)).unreadNotificationCount).toBe(unread - cleared);
    const left = (await c.owner.run(NotificationsDocument, { unreadOnly: true, first: 100 })).notifications.edges.map((e) => e.node.subjectId);
    expect(left).not.toContain(t.id);
    expect(left).toContain(other.id);
    await c.owner.run(MarkNotificationsReadDocument, {});
    expect((await c.owner.run(UnreadNotificationCountDocument)).unreadNotificationCount).toBe(0);
    expect((await c.owner.run(NotificationsDocument, { unreadOnly: true })).notifications.totalCount).toBe(0);
    live.stop();
    await ws.dispose();
  });

  it('never shows one person another’s notifications', async () => {
    const other = await app.signIn('owner10@lakeside.test');
    const mine = (await c.owner.run(NotificationsDocument, { first: 100 })).notifications.edges.map((e) => e.node.id);
    expect(mine.length).toBeGreaterThan(0);
    expect((await other.run(MarkNotificationsReadDocument, { ids: mine })).markNotificationsRead).toBe(0);
    const theirs = (await other.run(NotificationsDocument, { first: 100 })).notifications.edges.map((e) => e.node.id);
    expect(theirs.filter((id) => mine.includes(id))).toEqual([]);
  });
});

describe('owner search at the desk', () => {
  it('finds owners by unit label, name or phone for customer service only', async () => {
    const byUnit = (await c.cs.run(OwnersDocument, { search: '1-1-101' })).owners;
    expect(byUnit.map((o) => o.email)).toEqual(['owner1@lakeside.test']);
    expect(byUnit[0]!.units.map((u) => u.label)).toEqual(['1-1-101', '1-1-102']);
    const byName = (await c.cs.run(OwnersDocument, { search: '王丽' })).owners;
    expect(byName.map((o) => o.email)).toContain('owner1@lakeside.test');
    expect((await c.owner.fail(OwnersDocument, { search: '王' })).extensions?.code).toBe('FORBIDDEN');
    expect((await c.maint.fail(OwnersDocument, { search: '王' })).extensions?.code).toBe('FORBIDDEN');
    expect((await c.cs.run(OwnersDocument, { search: '%' })).owners).toEqual([]);
  });
});

describe('SLA policy', () => {
  it('is published to everyone and editable by the admin only, with validation naming the problem', async () => {
    const { community } = await c.owner.run(CommunitySettingsDocument);
    expect(community.name).toBe('湖畔花园');
    expect(community.settings.sla.targets.find((t) => t.urgency === 'URGENT')).toMatchObject({
      responseMinutes: 15,
      solutionMinutes: 60,
      resolutionMinutes: 240,
    });
    expect(community.settings.sla.returnVisitHours).toBe(72);

    const admin = await app.signIn('admin@lakeside.test');
    const waiting = await ticketIn(c, 'RECEIVED');
    const input = {
      sla: { returnVisitHours: 48, targets: [{ urgency: 'NORMAL' as const, responseMinutes: 60, solutionMinutes: 720, resolutionMinutes: 2880 }] },
    };
    expect((await c.cs.fail(UpdateCommunitySettingsDocument, { input })).extensions?.code).toBe('FORBIDDEN');
    const updated = (await admin.run(UpdateCommunitySettingsDocument, { input })).updateCommunitySettings;
    expect(updated.settings.sla.returnVisitHours).toBe(48);
    expect(updated.settings.sla.targets.find((t) => t.urgency === 'NORMAL')).toMatchObject({ responseMinutes: 60 });
    expect(updated.settings.sla.targets.find((t) => t.urgency === 'URGENT')).toMatchObject({ responseMinutes: 15 });

    const t = await ticketIn(c, 'RECEIVED');
    const fresh = (await c.owner.run(TicketDocument, { id: t.id })).ticket!;
    expect(new Date(fresh.dueAt!).getTime() - new Date(fresh.createdAt).getTime()).toBe(60 * 60_000);
    // A ticket already open is held to the new policy too.
    const moved = (await c.owner.run(TicketDocument, { id: waiting.id })).ticket!;
    expect(new Date(moved.dueAt!).getTime() - new Date(moved.createdAt).getTime()).toBe(60 * 60_000);

    const bad = await admin.fail(UpdateCommunitySettingsDocument, {
      input: { sla: { returnVisitHours: 48, targets: [{ urgency: 'HIGH', responseMinutes: 500, solutionMinutes: 100, resolutionMinutes: 2000 }] } },
    });
    expect(bad).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'sla' } });
    expect(bad.message).toMatch(/HIGH/);
  });
});
