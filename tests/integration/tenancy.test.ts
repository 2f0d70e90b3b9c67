import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditLogDocument,
  MeDocument,
  MyPersonalDataDocument,
  NotificationsDocument,
  OpenTicketDocument,
  OwnersDocument,
  ProposalDocument,
  ProposalsDocument,
  RewardOutcomesDocument,
  SupportProposalDocument,
  TicketDocument,
  TicketsDocument,
} from '@cocreate/schema';
import { createCommunity } from '@cocreate/api/seed/community';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';

// A second community on the same deployment sees nothing of 湖畔花园, and the other way round.
let app: TestApp;
let outsider: Client;
let outsiderCs: Client;
beforeAll(async () => {
  app = await startTestApp();
  await createCommunity(
    app.orm.em.fork(),
    {
      name: '星河湾',
      timezone: 'Asia/Shanghai',
      buildings: [{ number: 1, name: '1号楼' }],
      units: [{ building: 1, label: '1-1-101', area: '88.00' }],
      people: [
        { email: 'owner@xinghe.test', displayName: '赵星', phone: '13900000001', roles: ['OWNER'], department: null, units: ['1-1-101'] },
        { email: 'cs@xinghe.test', displayName: '客服 星', phone: '13900000002', roles: ['CUSTOMER_SERVICE'], department: 'CUSTOMER_SERVICE', units: [] },
      ],
    },
    'another-password',
  );
  [outsider, outsiderCs] = await Promise.all([app.signIn('owner@xinghe.test', 'another-password'), app.signIn('cs@xinghe.test', 'another-password')]);
});
afterAll(async () => {
  await app?.close();
});

describe('tenancy', () => {
  it('scopes every list and lookup to the viewer’s community', async () => {
    expect((await outsider.run(MeDocument)).me!.community.name).toBe('星河湾');
    expect((await outsiderCs.run(TicketsDocument, { first: 100 })).tickets.totalCount).toBe(0);
    expect((await outsider.run(ProposalsDocument, { first: 100 })).proposals.totalCount).toBe(0);
    expect((await outsider.run(RewardOutcomesDocument, {})).rewardOutcomes.totalCount).toBe(0);
    expect((await outsider.run(AuditLogDocument, {})).auditLog.totalCount).toBe(0);
    expect((await outsider.run(NotificationsDocument, {})).notifications.totalCount).toBe(0);
    expect((await outsiderCs.run(OwnersDocument, { search: '' })).owners.map((o) => o.email)).toEqual(['owner@xinghe.test']);

    const lakeside = await app.signIn('cs@lakeside.test');
    const ticketId = (await lakeside.run(TicketsDocument, { first: 1 })).tickets.edges[0]!.node.id;
    expect((await outsiderCs.fail(TicketDocument, { id: ticketId })).extensions?.code).toBe('NOT_FOUND');
    const proposalId = (await lakeside.run(ProposalsDocument, { first: 1 })).proposals.edges[0]!.node.id;
    expect((await outsider.fail(ProposalDocument, { id: proposalId })).extensions?.code).toBe('NOT_FOUND');
    expect((await outsider.fail(SupportProposalDocument, { id: proposalId })).extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses to file a ticket for another community’s unit or owner', async () => {
    const owner1 = await app.signIn('owner1@lakeside.test');
    const unitId = (await owner1.run(MeDocument)).me!.units[0]!.id;
    const error = await outsider.fail(OpenTicketDocument, { input: { kind: 'REPAIR', title: '别处的房子', description: 'x', unitId } });
    expect(error.extensions?.code).toBe('FORBIDDEN');
    const owner1Id = (await owner1.run(MeDocument)).me!.id;
    const onBehalf = await outsiderCs.fail(OpenTicketDocument, {
      input: { kind: 'REPAIR', title: '别处的业主', description: 'x', unitId, onBehalfOfOwnerId: owner1Id },
    });
    expect(onBehalf.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('personal data', () => {
  it('shows an owner everything held about them, and nothing about anyone else', async () => {
    const owner1 = await app.signIn('owner1@lakeside.test');
    const data = JSON.parse((await owner1.run(MyPersonalDataDocument)).myPersonalData) as Record<string, unknown[] | Record<string, unknown>>;
    expect(data.profile).toMatchObject({ email: 'owner1@lakeside.test', display_name: '王丽' });
    expect((data.units as unknown[]).length).toBe(2);
    expect((data.tickets as { contact_phone: string }[]).length).toBeGreaterThan(0);
    const other = JSON.parse((await outsider.run(MyPersonalDataDocument)).myPersonalData) as { tickets: unknown[]; profile: { email: string } };
    expect(other.profile.email).toBe('owner@xinghe.test');
    expect(other.tickets).toEqual([]);
  });
});
