import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActivateAccountDocument,
  AddResidentDocument,
  AddStaffDocument,
  OwnersDocument,
  CastBallotDocument,
  ChangePasswordDocument,
  CommentOnProposalDocument,
  CompanyOverviewDocument,
  CreateCommunityDocument,
  DeactivatePersonDocument,
  EndSessionDocument,
  InboxChangedDocument,
  IssueActivationCodesDocument,
  LoginDocument,
  MeDocument,
  MyResidentsDocument,
  MySessionsDocument,
  OpenTicketDocument,
  OpenWorkDocument,
  PeopleDocument,
  ProposalsDocument,
  ReactivatePersonDocument,
  RemoveResidentDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
  SetCommitteeDocument,
  SubmitProposalDocument,
  SupportProposalDocument,
  SwitchCommunityDocument,
  TicketDocument,
  UpdatePersonDocument,
} from '@cocreate/schema';
import type { Client as WsClient } from 'graphql-ws';
import { createCommunity } from '@cocreate/api/seed/community';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { collect, wsClient } from '../support/ws.js';

const STRONG = 'Lakeside#Owner-7391';
const DAY = 86_400_000;

let app: TestApp;
let admin: Client;
let cs: Client;
beforeAll(async () => {
  app = await startTestApp();
  [admin, cs] = await Promise.all([app.signIn('admin@lakeside.test'), app.signIn('cs@lakeside.test')]);
});
afterAll(async () => {
  await app?.close();
});

/** A register owner of 湖畔花园 without an account, with a mobile number, not used by another test here. */
async function accountlessOwner(skip: number) {
  const [row] = await app.sql<{ id: string; phone: string; name: string; label: string }>(
    `select p.id, p.phone, p.display_name as name, min(u.label) as label from person p join ownership o on o.person_id = p.id join unit u on u.id = o.unit_id
      where p.account_id is null and p.community_id = (select id from community where name = '湖畔花园')
      group by p.id order by min(u.label) offset $1 limit 1`,
    [skip],
  );
  return row!;
}

async function letterFor(by: Client, personId: string) {
  const { issueActivationCodes } = await by.run(IssueActivationCodesDocument, { personIds: [personId] });
  return issueActivationCodes[0]!;
}

const reason = (e: { extensions?: Record<string, unknown> }) => e.extensions?.reason;
const auditActions = async () =>
  (
    await app.sql<{ action: string }>(`select action from audit_entry where community_id = (select id from community where name = '湖畔花园') order by seq`)
  ).map((r) => r.action);

describe('activation (激活)', () => {
  it('issues a letter, refuses a weak password without using the code, activates, signs in by mobile number, and refuses the code again', async () => {
    const owner = await accountlessOwner(0);
    const letter = await letterFor(admin, owner.id);
    expect(letter).toMatchObject({ purpose: 'ACTIVATE', communityName: '湖畔花园', units: expect.arrayContaining([owner.label]) });
    expect(letter.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(letter.phoneMasked).toBe(`${owner.phone.slice(0, 3)}****${owner.phone.slice(-4)}`);
    expect(new Date(letter.expiresAt).getTime() - app.clock.now().getTime()).toBe(30 * DAY);
    // The letter also goes by SMS, through the outbox.
    const [sms] = await app.sql<{ channel: string; template: string }>(
      `select channel, template from notification_delivery where address = $1 order by created_at desc limit 1`,
      [owner.phone],
    );
    expect(sms).toEqual({ channel: 'SMS', template: 'CODE' });
    // Only the hash is kept.
    const stored = await app.sql<{ code_hash: string }>(`select code_hash from one_time_code where person_id = $1`, [owner.id]);
    expect(stored[0]!.code_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain(letter.code.replace('-', ''));

    const newcomer = app.client();
    const weak = await newcomer.fail(ActivateAccountDocument, { phone: owner.phone, code: letter.code, password: '12345678' });
    expect(weak.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password', reason: 'PASSWORD_TOO_GUESSABLE' });
    expect(weak.message).toMatch(/^password: is too easy to guess/);
    const named = await newcomer.fail(ActivateAccountDocument, { phone: owner.phone, code: letter.code, password: '湖畔花园湖畔花园2024' });
    expect(reason(named)).toBe('PASSWORD_NAMES_COMMUNITY');

    // Typed as people type it: spaces, lower case, +86.
    const typed = letter.code.toLowerCase().replace('-', ' ');
    const { activateAccount } = await newcomer.run(ActivateAccountDocument, {
      phone: `+86 ${owner.phone.slice(0, 3)} ${owner.phone.slice(3)}`,
      code: typed,
      password: STRONG,
    });
    expect(activateAccount).toMatchObject({ id: owner.id, displayName: owner.name, roles: ['OWNER'] });
    expect((await newcomer.run(MeDocument)).me!.id).toBe(owner.id);

    const byPhone = app.client();
    expect((await byPhone.run(LoginDocument, { email: owner.phone, password: STRONG })).login.id).toBe(owner.id);
    const again = await app.client().fail(ActivateAccountDocument, { phone: owner.phone, code: letter.code, password: STRONG });
    expect(reason(again)).toBe('CODE_USED');
    // The owner can now file a ticket for their unit.
    const unitId = activateAccount.units[0]!.id;
    const { openTicket } = await newcomer.run(OpenTicketDocument, { input: { kind: 'REPAIR', title: '楼道灯不亮', description: '三楼楼道灯坏了', unitId } });
    expect(openTicket.status).toBe('RECEIVED');
    // The desk now sees them as having an account.
    expect((await cs.run(OwnersDocument, { search: owner.name })).owners.find((o) => o.id === owner.id)?.hasAccount).toBe(true);
  });

  it('refuses an expired code and a wrong one, by name, and locks the number after 10 wrong codes', async () => {
    const owner = await accountlessOwner(1);
    const letter = await letterFor(cs, owner.id);
    const wrong = await app.client().fail(ActivateAccountDocument, { phone: owner.phone, code: 'ZZZZZ-ZZZZZ', password: STRONG });
    expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code', reason: 'CODE_WRONG' });
    const badPhone = await app.client().fail(ActivateAccountDocument, { phone: '12345', code: letter.code, password: STRONG });
    expect(badPhone.extensions).toMatchObject({ field: 'phone', reason: 'PHONE_INVALID' });

    app.clock.advance(31 * DAY);
    try {
      const expired = await app.client().fail(ActivateAccountDocument, { phone: owner.phone, code: letter.code, password: STRONG });
      expect(reason(expired)).toBe('CODE_EXPIRED');
    } finally {
      app.clock.advance(-31 * DAY);
    }

    const other = await accountlessOwner(2);
    await letterFor(cs, other.id);
    for (let i = 0; i < 10; i++)
      await app.client().fail(ActivateAccountDocument, { phone: other.phone, code: `AAAAA-AAAA${'23456789AB'[i]}`, password: STRONG });
    const locked = await app.client().fail(ActivateAccountDocument, { phone: other.phone, code: 'AAAAA-BBBBB', password: STRONG });
    expect(locked.extensions?.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('lets customer service issue codes for owners only; owners issue none', async () => {
    const [maint] = await app.sql<{ id: string }>(`select id from person where email = 'maint@lakeside.test'`);
    expect((await cs.fail(IssueActivationCodesDocument, { personIds: [maint!.id] })).extensions?.code).toBe('FORBIDDEN');
    const owner1 = await app.signIn('owner1@lakeside.test');
    const someone = await accountlessOwner(3);
    expect((await owner1.fail(IssueActivationCodesDocument, { personIds: [someone.id] })).extensions?.code).toBe('FORBIDDEN');
    expect((await cs.fail(IssueActivationCodesDocument, { personIds: ['00000000-0000-0000-0000-000000000000'] })).extensions?.code).toBe('NOT_FOUND');
    expect((await cs.fail(IssueActivationCodesDocument, { personIds: [] })).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('passwords and sessions', () => {
  it('changes a password with the current one and ends every other session', async () => {
    const phone = await app.signIn('owner7@lakeside.test');
    const laptop = await app.signIn('owner7@lakeside.test');
    const wrong = await phone.fail(ChangePasswordDocument, { current: 'not-it', next: STRONG });
    expect(wrong.extensions).toMatchObject({ field: 'current', reason: 'WRONG_PASSWORD' });
    const weak = await phone.fail(ChangePasswordDocument, { current: 'cocreate-demo', next: 'password1' });
    expect(weak.extensions).toMatchObject({ field: 'next', reason: 'PASSWORD_TOO_GUESSABLE' });
    expect((await phone.run(ChangePasswordDocument, { current: 'cocreate-demo', next: STRONG })).changePassword).toBe(true);
    expect((await phone.run(MeDocument)).me).not.toBeNull();
    expect((await laptop.run(MeDocument)).me).toBeNull();
    expect((await app.client().fail(LoginDocument, { email: 'owner7@lakeside.test', password: 'cocreate-demo' })).extensions?.code).toBe('UNAUTHENTICATED');
    await app.signIn('owner7@lakeside.test', STRONG);
  });

  it('lists the account’s own sessions and ends one; another person’s session is NOT_FOUND', async () => {
    const a = await app.signIn('owner8@lakeside.test');
    const b = await app.signIn('owner8@lakeside.test');
    const { mySessions } = await a.run(MySessionsDocument);
    expect(mySessions.length).toBeGreaterThanOrEqual(2);
    expect(mySessions.filter((s) => s.current)).toHaveLength(1);
    const other = mySessions.find((s) => !s.current)!;
    const stranger = await app.signIn('owner9@lakeside.test');
    expect((await stranger.fail(EndSessionDocument, { id: other.id })).extensions?.code).toBe('NOT_FOUND');
    // last seen moves with use, at most every few minutes.
    const seen = async () => (await a.run(MySessionsDocument)).mySessions.find((s) => s.current)!.lastSeenAt;
    const first = await seen();
    expect(await seen()).toBe(first);
    app.clock.advance(10 * 60_000);
    expect(new Date((await seen())!).getTime()).toBeGreaterThan(new Date(first!).getTime());
    expect((await a.run(EndSessionDocument, { id: other.id })).endSession).toBe(true);
    expect((await b.run(MeDocument)).me).toBeNull();
    expect((await a.run(MeDocument)).me).not.toBeNull();
  });

  it('answers a reset request the same for any number, and resets with a desk-issued code, ending every session', async () => {
    expect((await app.client().run(RequestPasswordResetDocument, { phone: '13912345678' })).requestPasswordReset).toBe(true);
    const [owner] = await app.sql<{ id: string; phone: string }>(`select id, phone from person where email = 'owner10@lakeside.test'`);
    expect((await app.client().run(RequestPasswordResetDocument, { phone: owner!.phone })).requestPasswordReset).toBe(true);
    // A known number gets its code by SMS; an unknown one gets nothing.
    const sent = await app.sql<{ address: string }>(`select address from notification_delivery where address in ($1, '13912345678') and template = 'CODE'`, [
      owner!.phone,
    ]);
    expect(sent.map((r) => r.address)).toEqual([owner!.phone]);
    const before = await app.signIn('owner10@lakeside.test');
    const letter = await letterFor(cs, owner!.id);
    expect(letter.purpose).toBe('RESET');
    const fresh = app.client();
    expect((await fresh.run(ResetPasswordDocument, { phone: owner!.phone, code: letter.code, password: STRONG })).resetPassword.id).toBe(owner!.id);
    expect((await before.run(MeDocument)).me).toBeNull();
    expect((await fresh.run(MeDocument)).me!.id).toBe(owner!.id);
    expect(reason(await app.client().fail(ResetPasswordDocument, { phone: owner!.phone, code: letter.code, password: STRONG }))).toBe('CODE_USED');
  });
});

describe('residents (住户)', () => {
  it('owner1 adds a tenant, who activates, files a ticket for the unit, comments, and never supports, votes or proposes', async () => {
    const owner1 = await app.signIn('owner1@lakeside.test');
    const me = (await owner1.run(MeDocument)).me!;
    const unit = me.units[0]!;
    const demo = (await owner1.run(MyResidentsDocument, {})).myResidents;
    expect(demo.map((r) => r.relation).sort()).toEqual(['FAMILY', 'TENANT']);

    const until = new Date(app.clock.now().getTime() + 200 * DAY).toISOString().slice(0, 10);
    const past = await owner1.fail(AddResidentDocument, {
      unitId: unit.id,
      input: { displayName: '租户 孙', phone: '13711112222', relation: 'TENANT', until: '2020-01-01' },
    });
    expect(past.extensions).toMatchObject({ field: 'until', reason: 'DATE_PAST' });
    const { addResident } = await owner1.run(AddResidentDocument, {
      unitId: unit.id,
      input: { displayName: '租户 孙', phone: '137 1111 2222', relation: 'TENANT', until },
    });
    expect(addResident).toMatchObject({ relation: 'TENANT', until, hasAccount: false, unit: { label: unit.label } });
    expect(addResident.activationCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);

    const tenant = app.client();
    const viewer = (await tenant.run(ActivateAccountDocument, { phone: '13711112222', code: addResident.activationCode!, password: STRONG })).activateAccount;
    expect(viewer).toMatchObject({ roles: ['RESIDENT'], units: [], residences: [{ id: unit.id }] });
    const { openTicket } = await tenant.run(OpenTicketDocument, {
      input: { kind: 'REPAIR', title: '厨房水管漏水', description: '水槽下面在滴水', unitId: unit.id },
    });
    expect((await tenant.run(TicketDocument, { id: openTicket.id })).ticket!.id).toBe(openTicket.id);
    const otherUnit = me.units[1]!;
    expect(
      (await tenant.fail(OpenTicketDocument, { input: { kind: 'REPAIR', title: '别的房子', description: '不是我住的', unitId: otherUnit.id } })).extensions
        ?.code,
    ).toBe('FORBIDDEN');

    const proposal = (await tenant.run(ProposalsDocument, { first: 5 })).proposals.edges.find((e) => e.node.status === 'OPEN')!.node;
    expect((await tenant.run(CommentOnProposalDocument, { id: proposal.id, body: '支持这个想法' })).commentOnProposal).toBeTruthy();
    expect((await tenant.fail(SupportProposalDocument, { id: proposal.id })).extensions?.code).toBe('FORBIDDEN');
    expect(
      (await tenant.fail(SubmitProposalDocument, { input: { title: '增加快递柜', body: '快递太多了，放不下。', category: 'FACILITIES' } })).extensions?.code,
    ).toBe('FORBIDDEN');
    const [decision] = await app.sql<{ id: string }>(`select id from decision where status = 'OPEN' limit 1`);
    expect(decision, 'the demo has an open owners’ vote').toBeTruthy();
    expect((await tenant.fail(CastBallotDocument, { decisionId: decision!.id, choice: 'FOR' })).extensions?.code).toBe('FORBIDDEN');

    // Removed: the tenant's live session stops working.
    expect((await owner1.run(RemoveResidentDocument, { id: addResident.id })).removeResident).toBe(true);
    expect((await tenant.run(MeDocument)).me).toBeNull();
    expect((await app.client().fail(LoginDocument, { email: '13711112222', password: STRONG })).extensions?.code).toBe('FORBIDDEN');
  });

  it('signs in the demo family member, who files a ticket for their residence; nobody else adds residents to that unit', async () => {
    const family = await app.signIn('family1@lakeside.test');
    const me = (await family.run(MeDocument)).me!;
    expect(me.roles).toEqual(['RESIDENT']);
    expect(me.residences).toHaveLength(1);
    const residence = me.residences[0]!;
    const { openTicket } = await family.run(OpenTicketDocument, {
      input: { kind: 'REPAIR', title: '卫生间灯不亮', description: '灯泡换了也不亮', unitId: residence.id },
    });
    expect(openTicket.status).toBe('RECEIVED');
    const other = await app.signIn('owner2@lakeside.test');
    expect(
      (await other.fail(AddResidentDocument, { unitId: residence.id, input: { displayName: '别人', phone: '13722223333', relation: 'FAMILY' } })).extensions
        ?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await family.fail(AddResidentDocument, { unitId: residence.id, input: { displayName: '别人', phone: '13722223333', relation: 'FAMILY' } })).extensions
        ?.code,
    ).toBe('FORBIDDEN');
  });
});

describe('staff and deactivation (离职)', () => {
  it('adds staff, who activate; role changes, committee and deactivation are audited', async () => {
    const { addStaff } = await admin.run(AddStaffDocument, {
      input: {
        displayName: '维修 周师傅',
        phone: '13655556666',
        email: 'zhou@lakeside.test',
        department: 'MAINTENANCE',
        roles: ['STAFF'],
        headOfDepartment: false,
      },
    });
    expect(addStaff).toMatchObject({ roles: ['STAFF'], department: 'MAINTENANCE', hasAccount: false, active: true });
    const duplicate = await admin.fail(AddStaffDocument, {
      input: { displayName: '维修 周', phone: '13655556666', department: 'MAINTENANCE', roles: ['STAFF'], headOfDepartment: false },
    });
    expect(duplicate.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PERSON_EXISTS' });
    const noDept = await admin.fail(AddStaffDocument, { input: { displayName: '保安 新', phone: '13655557777', roles: ['STAFF'], headOfDepartment: false } });
    expect(noDept.extensions).toMatchObject({ field: 'department', reason: 'DEPARTMENT_REQUIRED' });
    const owner = await admin.fail(AddStaffDocument, {
      input: { displayName: '业主', phone: '13655558888', department: 'MAINTENANCE', roles: ['OWNER'], headOfDepartment: false },
    });
    expect(owner.extensions).toMatchObject({ field: 'roles', reason: 'ROLE_NOT_STAFF' });
    expect(
      (
        await cs.fail(AddStaffDocument, {
          input: { displayName: '维修 李', phone: '13655559999', department: 'MAINTENANCE', roles: ['STAFF'], headOfDepartment: false },
        })
      ).extensions?.code,
    ).toBe('FORBIDDEN');

    const letter = await letterFor(admin, addStaff.id);
    const zhou = app.client();
    await zhou.run(ActivateAccountDocument, { phone: '13655556666', code: letter.code, password: STRONG });
    expect((await zhou.run(MeDocument)).me).toMatchObject({ roles: ['STAFF'], department: 'MAINTENANCE' });

    const { updatePerson } = await admin.run(UpdatePersonDocument, { id: addStaff.id, input: { headOfDepartment: true, roles: ['STAFF', 'COMMITTEE'] } });
    expect(updatePerson).toMatchObject({ roles: ['STAFF', 'COMMITTEE'], headOfDepartment: true });
    const [self] = await app.sql<{ id: string }>(`select id from person where email = 'admin@lakeside.test'`);
    expect((await admin.fail(UpdatePersonDocument, { id: self!.id, input: { roles: ['STAFF'], department: 'MANAGEMENT' } })).extensions).toMatchObject({
      reason: 'OWN_ADMIN_ROLE',
    });

    const committee = (
      await app.sql<{ id: string }>(
        `select id from person where email in ('owner2@lakeside.test', 'owner3@lakeside.test', 'manager@lakeside.test') and community_id = (select id from community where name = '湖畔花园') order by email`,
      )
    ).map((r) => r.id);
    const { setCommittee } = await admin.run(SetCommitteeDocument, { personIds: [...committee, addStaff.id], termEndsOn: '2029-06-30' });
    expect(setCommittee.map((p) => p.id).sort()).toEqual([...committee, addStaff.id].sort());
    expect(setCommittee.every((p) => p.committeeTermEndsOn === '2029-06-30')).toBe(true);
    const [owner4] = await app.sql<{ roles: string[] }>(`select roles from person where email = 'owner4@lakeside.test'`);
    expect(owner4!.roles).not.toContain('COMMITTEE');
    // A term that has ended takes the role with it.
    const owner2 = await app.signIn('owner2@lakeside.test');
    expect((await owner2.run(MeDocument)).me!.roles).toContain('COMMITTEE');
    await app.sql(`update person set committee_term_ends_on = '2020-01-01' where email = 'owner2@lakeside.test'`);
    expect((await owner2.run(MeDocument)).me!.roles).not.toContain('COMMITTEE');
    await app.sql(`update person set committee_term_ends_on = '2029-06-30' where email = 'owner2@lakeside.test'`);

    expect(await auditActions()).toEqual(expect.arrayContaining(['STAFF_ADDED', 'PERSON_ROLES_CHANGED', 'COMMITTEE_SET', 'ACCOUNT_CODES_ISSUED']));
  });

  it('needs a hand-over for assigned tickets, undoes everything when the hand-over fails, and ends the live session and its sockets', async () => {
    const [maint] = await app.sql<{ id: string }>(`select id from person where email = 'maint@lakeside.test'`);
    const [ticket] = await app.sql<{ id: string }>(
      `select id from ticket where department = 'MAINTENANCE' and status not in ('CLOSED', 'RESOLVED') and community_id = (select id from community where name = '湖畔花园') order by seq limit 1`,
    );
    const [security] = await app.sql<{ id: string }>(`select id from person where email = 'security@lakeside.test'`);
    const maintClient = await app.signIn('maint@lakeside.test');
    await maintClient.run(`mutation($id: ID!, $to: ID!) { assignTicket(id: $id, assigneeId: $to) { id } }`, { id: ticket!.id, to: maint!.id });
    const work = (await admin.run(OpenWorkDocument, { personId: maint!.id })).openWork;
    expect(work).toMatchObject({ headOf: 'MAINTENANCE' });
    expect(work.tickets.map((t) => t.id)).toContain(ticket!.id);

    const needs = await admin.fail(DeactivatePersonDocument, { id: maint!.id, reason: '离职' });
    expect(needs.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OPEN_WORK' });
    // Security staff cannot take maintenance tickets: the whole deactivation is undone.
    const failed = await admin.fail(DeactivatePersonDocument, { id: maint!.id, reason: '离职', handOverTo: security!.id });
    expect(failed.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await maintClient.run(MeDocument)).me).not.toBeNull();
    const [still] = await app.sql<{ assignee_id: string; deactivated_at: Date | null; leads_department: boolean }>(
      `select t.assignee_id, p.deactivated_at, p.leads_department from ticket t, person p where t.id = $1 and p.id = $2`,
      [ticket!.id, maint!.id],
    );
    expect(still).toMatchObject({ assignee_id: maint!.id, deactivated_at: null, leads_department: true });

    const zhou = (
      await admin.run(AddStaffDocument, {
        input: { displayName: '维修 吴师傅', phone: '13655550001', department: 'MAINTENANCE', roles: ['STAFF'], headOfDepartment: false },
      })
    ).addStaff;
    const ws: WsClient = wsClient(app.url, maintClient.cookie);
    const live = collect(ws, InboxChangedDocument, {});
    const ended = new Promise<{ code: number }>((resolve) => ws.on('closed', (e) => resolve(e as { code: number })));
    try {
      await new Promise((r) => setTimeout(r, 500));
      const { deactivatePerson } = await admin.run(DeactivatePersonDocument, { id: maint!.id, reason: '合同到期离职', handOverTo: zhou!.id });
      expect(deactivatePerson).toMatchObject({ active: false, deactivationReason: '合同到期离职', headOfDepartment: false });
      expect(await Promise.race([ended, new Promise((r) => setTimeout(() => r('timed out'), 5000))])).toMatchObject({ code: 4401 });
    } finally {
      live.stop();
      await ws.dispose();
    }
    expect((await maintClient.run(MeDocument)).me).toBeNull();
    expect((await app.client().fail(LoginDocument, { email: 'maint@lakeside.test', password: 'cocreate-demo' })).extensions?.code).toBe('FORBIDDEN');
    const [after] = await app.sql<{ assignee_id: string; head: boolean }>(
      `select t.assignee_id, (select leads_department from person where id = $2) as head from ticket t where t.id = $1`,
      [ticket!.id, zhou!.id],
    );
    expect(after).toEqual({ assignee_id: zhou!.id, head: true });
    const [assigned] = await app.sql<{ n: number }>(`select count(*)::int as n from ticket_event where ticket_id = $1 and kind = 'ASSIGNED'`, [ticket!.id]);
    expect(assigned!.n).toBeGreaterThanOrEqual(2);
    // The name stays on the record.
    const people = (await admin.run(PeopleDocument, { filter: { active: false } })).people.edges.map((e) => e.node.displayName);
    expect(people).toContain('维修 张师傅');

    const { reactivatePerson } = await admin.run(ReactivatePersonDocument, { id: maint!.id });
    expect(reactivatePerson.active).toBe(true);
    await app.signIn('maint@lakeside.test');
    expect(await auditActions()).toEqual(expect.arrayContaining(['PERSON_DEACTIVATED', 'PERSON_REACTIVATED']));
  });

  it('refuses to deactivate oneself or the last admin', async () => {
    const [self] = await app.sql<{ id: string }>(`select id from person where email = 'admin@lakeside.test'`);
    expect(reason(await admin.fail(DeactivatePersonDocument, { id: self!.id, reason: '测试' }))).toBe('SELF');
  });
});

describe('a company over its communities', () => {
  it('lets the company admin create a community, switch to it, and see every community side by side', async () => {
    const company = await app.signIn('company@lakeside.test');
    const me = (await company.run(MeDocument)).me!;
    expect(me).toMatchObject({ companyAdmin: true, companyName: '湖畔物业' });
    expect(me.communities.map((c) => c.name)).toEqual(['湖畔花园', '湖畔雅苑']);
    const { createCommunity: created } = await company.run(CreateCommunityDocument, {
      input: { name: '湖畔新城', address: '湖畔路 200 号', timezone: 'Asia/Shanghai' },
    });
    expect((await company.fail(CreateCommunityDocument, { input: { name: '湖畔新城', timezone: 'Asia/Shanghai' } })).extensions).toMatchObject({
      reason: 'NAME_TAKEN',
    });
    expect((await company.fail(CreateCommunityDocument, { input: { name: '别处', timezone: 'Mars/Olympus' } })).extensions).toMatchObject({
      reason: 'TIMEZONE_INVALID',
    });
    expect((await admin.fail(CreateCommunityDocument, { input: { name: '私建小区', timezone: 'Asia/Shanghai' } })).extensions?.code).toBe('FORBIDDEN');

    const switched = (await company.run(SwitchCommunityDocument, { communityId: created.id })).switchCommunity;
    expect(switched).toMatchObject({ community: { name: '湖畔新城' }, roles: ['ADMIN'] });
    expect((await company.run(MeDocument)).me!.community.name).toBe('湖畔新城');
    // The new community is empty and separate: its admin adds staff there.
    await company.run(AddStaffDocument, {
      input: { displayName: '客服 新城', phone: '13566667777', department: 'CUSTOMER_SERVICE', roles: ['CUSTOMER_SERVICE'], headOfDepartment: true },
    });
    expect((await company.run(PeopleDocument, {})).people.totalCount).toBe(2);

    const overview = (await company.run(CompanyOverviewDocument)).companyOverview;
    expect(overview.map((c) => c.name)).toEqual(['湖畔花园', '湖畔雅苑', '湖畔新城']);
    expect(overview[0]!.units).toBe(132);
    expect(overview[0]!.openTickets).toBeGreaterThan(0);
    expect(overview[1]).toMatchObject({ units: 12, openTickets: 0, accounts: 3 });
    expect((await (await app.signIn('owner1@lakeside.test')).fail(CompanyOverviewDocument)).extensions?.code).toBe('FORBIDDEN');
    const manager = await app.signIn('manager@lakeside.test');
    expect((await manager.run(CompanyOverviewDocument)).companyOverview).toHaveLength(3);
    expect((await manager.run(MeDocument)).me!.communities.map((c) => c.name)).toEqual(['湖畔花园', '湖畔雅苑']);
    expect((await manager.fail(SwitchCommunityDocument, { communityId: created.id })).extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps companies apart: the same email and number are separate accounts in another company', async () => {
    await createCommunity(
      app.orm.em.fork(),
      {
        company: '星河物业',
        name: '星河湾',
        timezone: 'Asia/Shanghai',
        buildings: [{ number: 1, name: '1号楼' }],
        units: [{ building: 1, label: '1-1-101', area: '88.00' }],
        people: [
          { email: 'manager@lakeside.test', displayName: '星河 经理', phone: '13900000001', roles: ['ADMIN'], department: null, companyAdmin: true, units: [] },
        ],
      },
      'another-Password-77',
    );
    const theirs = await app.signIn('manager@lakeside.test', 'another-Password-77');
    expect((await theirs.run(MeDocument)).me).toMatchObject({ community: { name: '星河湾' }, companyName: '星河物业' });
    expect((await theirs.run(CompanyOverviewDocument)).companyOverview.map((c) => c.name)).toEqual(['星河湾']);
    const ours = await app.signIn('manager@lakeside.test');
    expect((await ours.run(MeDocument)).me!.companyName).toBe('湖畔物业');
    const [lakeside] = await app.sql<{ id: string }>(`select id from community where name = '湖畔花园'`);
    expect((await theirs.fail(SwitchCommunityDocument, { communityId: lakeside!.id })).extensions?.code).toBe('NOT_FOUND');
  });
});

describe('hostile input', () => {
  it('refuses NUL, lone surrogates and oversize text by field; takes emoji names; answers crafted ids and cursors as not found or bad input', async () => {
    const staff = (displayName: string, phone = '13650001234') =>
      admin.fail(AddStaffDocument, { input: { displayName, phone, department: 'CLEANING', roles: ['STAFF'], headOfDepartment: false } });
    expect((await staff('保洁\u0000阿姨')).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await staff('保洁\ud800阿姨')).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await staff('保'.repeat(81))).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await staff('保洁 阿姨', '1'.repeat(5000))).extensions?.code).toBe('BAD_USER_INPUT');
    const { addStaff } = await admin.run(AddStaffDocument, {
      input: { displayName: '保洁 🌸阿姨', phone: '13650001235', department: 'CLEANING', roles: ['STAFF'], headOfDepartment: false },
    });
    expect(addStaff.displayName).toBe('保洁 🌸阿姨');

    for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "'; drop table person; --"]) {
      expect((await admin.fail(DeactivatePersonDocument, { id, reason: '测试' })).extensions?.code).toBe('NOT_FOUND');
      expect((await admin.fail(OpenWorkDocument, { personId: id })).extensions?.code).toBe('NOT_FOUND');
    }
    expect((await admin.fail(PeopleDocument, { after: 'garbage' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.fail(PeopleDocument, { after: Buffer.from('["x","y"]').toString('base64url') })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.fail(PeopleDocument, { first: 1000 })).extensions?.code).toBe('BAD_USER_INPUT');

    expect((await admin.fail(UpdatePersonDocument, { id: 'not-a-uuid', input: { displayName: '维修' } })).extensions?.code).toBe('NOT_FOUND');
    expect((await admin.fail(UpdatePersonDocument, { id: addStaff.id, input: { displayName: '维\u0000修' } })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.fail(SetCommitteeDocument, { personIds: ['not-a-uuid'] })).extensions?.code).toBe('NOT_FOUND');
    expect((await admin.fail(SetCommitteeDocument, { personIds: [addStaff.id], termEndsOn: '2029-02-30' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.fail(SetCommitteeDocument, { personIds: Array.from({ length: 51 }, () => addStaff.id) })).extensions?.code).toBe('BAD_USER_INPUT');
    const company = await app.signIn('company@lakeside.test');
    expect((await company.fail(CreateCommunityDocument, { input: { name: '湖\u0000畔', timezone: 'Asia/Shanghai' } })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await company.fail(CreateCommunityDocument, { input: { name: '湖'.repeat(121), timezone: 'Asia/Shanghai' } })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await company.fail(SwitchCommunityDocument, { communityId: 'x' })).extensions?.code).toBe('NOT_FOUND');

    const anon = app.client();
    expect((await anon.fail(ActivateAccountDocument, { phone: '13800138000', code: 'AB\u0000CD', password: STRONG })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await anon.fail(ActivateAccountDocument, { phone: '13800138000', code: 'x'.repeat(41), password: STRONG })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await anon.fail(LoginDocument, { email: `${'a'.repeat(300)}@x.cn`, password: 'x' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await anon.run(RequestPasswordResetDocument, { phone: '9'.repeat(5000) })).requestPasswordReset).toBe(true);
    const owner1 = await app.signIn('owner1@lakeside.test');
    const unitId = (await owner1.run(MeDocument)).me!.units[0]!.id;
    expect(
      (await owner1.fail(AddResidentDocument, { unitId, input: { displayName: '家人', phone: '13722224444', relation: 'FAMILY', until: '2027-02-30' } }))
        .extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await owner1.fail(AddResidentDocument, { unitId: 'x', input: { displayName: '家人', phone: '13722224444', relation: 'FAMILY' } })).extensions?.code,
    ).toBe('NOT_FOUND');
  });
});
