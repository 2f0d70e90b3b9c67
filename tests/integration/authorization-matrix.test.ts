import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type GraphQLResult, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';
import { loadSchema, rootFields, type RootKind } from '../support/fuzz.js';
import { createOtherCommunity, OTHER_COMMUNITY } from '../support/matrix/other-community.js';
import { cells, outcomeOf, PERSONAS, signedIn, subscribeOutcome, type Expectations, type Observed, type Persona } from '../support/matrix/cells.js';

// Every Query, Mutation and Subscription field in schema/schema.graphql has a row: a minimal valid
// operation and what each persona gets. A field without a row fails the suite.

interface Fixtures {
  ticket: string;
  unitId: string;
  ownerId: string;
  /** The maintenance head (the "staff" persona): someone a maintenance ticket can be assigned to. */
  staffId: string;
  proposal: string;
  decision: string;
  scoringReview: string;
  noticeReview: string;
  objection: string;
  comment: string;
  implementedProposal: string;
  /** The committee as seeded (setCommittee is given the same members, so no persona changes roles). */
  committeeIds: string[];
  /** A register owner of 湖畔花园 without an account. */
  accountlessOwner: string;
  lakesideId: string;
}

interface Row {
  kind: RootKind;
  query: string;
  /** Variables for one cell; a function that makes a fresh object when the operation changes state. */
  vars?: (f: Fixtures, persona: Persona) => Record<string, unknown> | Promise<Record<string, unknown>>;
  expect: Expectations;
  /** Personas entitled to other people's names and phones in this answer (everyone else is scanned). */
  entitled?: Persona[];
  /** Board, reviews and the audit log publish names by design (公示); only phones are scanned there. */
  namesPublic?: boolean;
}

let app: TestApp;
let c: Cast;
let fx: Fixtures;
const clients = {} as Record<Persona, Client | null>;
const ownName = {} as Record<Persona, { name: string; phone: string } | null>;
let people: { name: string; phone: string }[] = [];
/** Owners' names are their personal data; staff names (actors on a timeline) are not, and are cut out before scanning. */
let ownerNames: string[] = [];
let staffNames: string[] = [];

const TICKET = `id ownerName contactPhone personalDataMasked commonArea meTooCount meTooByMe`;
/** Who sees the fixture ticket's owner in full: the owner, customer service, the handling department, admins. */
const HANDLERS: Persona[] = ['owner', 'cs', 'staff', 'admin'];
const fresh = {
  ticket: async (state: Parameters<typeof ticketIn>[1]) => (await ticketIn(c, state)).id,
  /** An open common-area ticket filed by the owner persona (同报: the others may join it). */
  commonAreaTicket: async () =>
    (
      await clients.owner!.run<{ openTicket: { id: string } }, Record<string, never>>(
        `mutation { openTicket(input: { kind: REPAIR, title: "矩阵电梯", description: "权限矩阵", commonArea: "矩阵楼电梯" }) { id } }`,
      )
    ).openTicket.id,
  /** A 1-star return visit's follow-up, still to record. */
  followUp: async () => {
    const id = (await ticketIn(c, 'RESOLVED')).id;
    await c.owner.run(`mutation($id: ID!) { recordReturnVisit(id: $id, satisfaction: 1, comment: "很不满意") { id } }`, { id });
    return (await app.sql<{ id: string }>('select id from ticket_follow_up where ticket_id = $1', [id]))[0]!.id;
  },
  registerFile: async () => {
    const form = new FormData();
    form.append('file', new Blob(['房号,面积,姓名,手机\n9-9-999,80.00,矩阵,13500009999\n']), 'register.csv');
    const response = await fetch(`${app.url}/files`, {
      method: 'POST',
      headers: { cookie: clients.admin!.cookie!, 'apollo-require-preflight': 'true' },
      body: form,
    });
    return ((await response.json()) as { id: string }).id;
  },
  /** A delivery of the lakeside community that gave up (the outbox's worker is off in this file). */
  failedDelivery: async () =>
    (
      await app.sql<{ id: string }>(
        `insert into notification_delivery (id, community_id, channel, address, subject, params, status, attempts, max_attempts, run_at, created_at, updated_at)
       select gen_random_uuid(), id, 'SMS', '13800000000', '矩阵', '{}', 'FAILED', 2, 2, now(), now(), now() from community where name = '湖畔花园' returning id`,
      )
    )[0]!.id,
  /** A member of cleaning staff of 湖畔花园 without an account, to switch off (or, deactivated, on again). */
  person: async (deactivated = false) =>
    (
      await app.sql<{ id: string }>(
        `insert into person (id, community_id, display_name, phone, roles, department, leads_department, deactivated_at, created_at)
       select gen_random_uuid(), id, '保洁 矩阵', null, '{STAFF}', 'CLEANING', false, ${deactivated ? 'now()' : 'null'}, now() from community where name = '湖畔花园' returning id`,
      )
    )[0]!.id,
  /** A resident of owner1's first unit. */
  resident: async (unitId: string) =>
    (
      await app.sql<{ id: string }>(
        `with p as (insert into person (id, community_id, display_name, phone, roles, leads_department, created_at)
                  select gen_random_uuid(), community_id, '住户 矩阵', null, '{RESIDENT}', false, now() from unit where id = $1 returning id, community_id)
       insert into resident (id, community_id, unit_id, person_id, relation, added_by_id, created_at)
       select gen_random_uuid(), p.community_id, $1, p.id, 'FAMILY', (select id from person where email = 'owner1@lakeside.test'), now() from p returning id`,
        [unitId],
      )
    )[0]!.id,
  /** A draft canned answer written by the maintenance head (the staff persona) of 湖畔花园. */
  cannedAnswer: async () =>
    (
      await clients.staff!.run<{ saveCannedAnswer: { id: string; version: number } }, Record<string, never>>(
        `mutation { saveCannedAnswer(input: { title: "矩阵常用答复", bodyZh: "用于权限矩阵测试的答复。" }) { id version } }`,
      )
    ).saveCannedAnswer,
  proposal: async () =>
    (
      await clients.owner!.run<{ submitProposal: { id: string } }, Record<string, never>>(
        `mutation { submitProposal(input: { title: "矩阵测试提案", body: "用于权限矩阵测试的提案内容。", category: SERVICE }) { id } }`,
      )
    ).submitProposal.id,
};

const ROWS: Record<string, Row> = {
  // ------------------------------------------------------------------ queries
  'Query.me': { kind: 'Query', query: `{ me { id displayName } }`, expect: cells('allow') },
  'Query.community': {
    kind: 'Query',
    query: `{ community { id name timezone settings { workingHours { department days { weekday intervals { start end } } } sla { targets { countsWorkingTimeOnly updateCadenceMinutes } } } } }`,
    expect: signedIn('allow'),
  },
  // The holiday calendar is one of the rules everyone is held to: every member reads it.
  'Query.holidayCalendar': { kind: 'Query', query: `{ holidayCalendar(year: 2026) { year days { date kind name } } }`, expect: signedIn('allow') },
  'Query.myPersonalData': { kind: 'Query', query: `{ myPersonalData }`, expect: signedIn('allow') },
  'Query.myRewards': { kind: 'Query', query: `{ myRewards { id } }`, expect: signedIn('allow') },
  'Query.notifications': { kind: 'Query', query: `{ notifications(first: 20) { totalCount edges { node { id text } } } }`, expect: signedIn('allow') },
  'Query.unreadNotificationCount': { kind: 'Query', query: `{ unreadNotificationCount }`, expect: signedIn('allow') },
  'Query.waitingForMe': { kind: 'Query', query: `{ waitingForMe { kind count link } }`, expect: signedIn('allow') },
  'Query.notificationPreferences': { kind: 'Query', query: `{ notificationPreferences { digest rules { kind channels } } }`, expect: signedIn('allow') },
  'Query.deliveryFailures': {
    kind: 'Query',
    query: `{ deliveryFailures(first: 20) { totalCount edges { node { id recipientName lastError } } } }`,
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'allow' }),
    entitled: ['admin', 'otherAdmin'],
  },
  'Query.owners': {
    kind: 'Query',
    query: `{ owners(search: "", first: 50) { id displayName phone } }`,
    expect: signedIn('FORBIDDEN', { cs: 'allow', admin: 'allow', otherAdmin: 'allow' }),
    entitled: ['cs', 'admin', 'otherAdmin'],
  },
  'Query.ticket': {
    kind: 'Query',
    query: `query($id: ID!) { ticket(id: $id) { ${TICKET} events { actorName message internal attachments { id name url thumbnailUrl } } } }`,
    vars: (f) => ({ id: f.ticket }),
    expect: signedIn('NOT_FOUND', { owner: 'allow', cs: 'allow', staff: 'allow', otherStaff: 'masked', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Query.tickets': {
    kind: 'Query',
    query: `{ tickets(first: 100) { totalCount edges { node { ${TICKET} } } } }`,
    expect: signedIn('allow'),
    entitled: ['cs', 'staff', 'otherStaff', 'admin'],
  },
  'Query.departmentStats': {
    kind: 'Query',
    query: `query($from: DateTime!, $to: DateTime!) { departmentStats(from: $from, to: $to) { department } }`,
    vars: () => ({ from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date().toISOString() }),
    expect: signedIn('allow', { owner: 'FORBIDDEN', otherOwner: 'FORBIDDEN', committee: 'FORBIDDEN' }),
  },
  // Whom to assign from: customer service, admins (each of their own community), the department's head.
  'Query.departmentStaff': {
    kind: 'Query',
    query: `{ departmentStaff(department: MAINTENANCE) { id displayName } }`,
    expect: signedIn('FORBIDDEN', { cs: 'allow', staff: 'allow', admin: 'allow', otherAdmin: 'allow' }),
  },
  'Query.people': {
    kind: 'Query',
    query: `{ people(first: 100) { totalCount edges { node { id displayName phone } } } }`,
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'allow' }),
    entitled: ['admin', 'otherAdmin'],
  },
  'Query.person': {
    kind: 'Query',
    query: `query($id: ID!) { person(id: $id) { id displayName phone } }`,
    vars: (f) => ({ id: f.ownerId }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'NOT_FOUND' }),
    entitled: ['admin'],
  },
  'Query.openWork': {
    kind: 'Query',
    query: `query($id: ID!) { openWork(personId: $id) { headOf tickets { id } } }`,
    vars: (f) => ({ id: f.staffId }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  // The household: an owner sees the residents of their own units (whose numbers they entered).
  'Query.myResidents': {
    kind: 'Query',
    query: `{ myResidents { id displayName phone } }`,
    expect: signedIn('allow', { cs: 'FORBIDDEN', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN' }),
    entitled: ['owner'],
  },
  'Query.mySessions': { kind: 'Query', query: `{ mySessions { id device current } }`, expect: signedIn('allow') },
  // The company view: the company admin and management (no persona here is either).
  'Query.companyOverview': { kind: 'Query', query: `{ companyOverview { communityId openTickets } }`, expect: signedIn('FORBIDDEN') },
  // 个人绩效: management and admins see all staff, a head their department, anyone else their own row.
  'Query.staffStats': {
    kind: 'Query',
    query: `{ staffStats(from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { person { id displayName } resolved } }`,
    expect: signedIn('FORBIDDEN', { cs: 'allow', staff: 'allow', otherStaff: 'allow', admin: 'allow', otherAdmin: 'allow' }),
  },
  'Query.proposal': {
    kind: 'Query',
    query: `query($id: ID!) { proposal(id: $id) { id title availableActions advanceTargets author { displayName } attachments { id url } comments(first: 50) { edges { node { body attachments { id url } } } } } }`,
    vars: (f) => ({ id: f.proposal }),
    expect: signedIn('allow', { otherAdmin: 'NOT_FOUND' }),
    namesPublic: true,
  },
  'Query.proposals': {
    kind: 'Query',
    query: `{ proposals(first: 50) { totalCount edges { node { id availableActions advanceTargets author { displayName } } } } }`,
    expect: signedIn('allow'),
    namesPublic: true,
  },
  'Query.decision': {
    kind: 'Query',
    query: `query($id: ID!) { decision(id: $id) { id status viewerBallot { channel attachments { id url } } } }`,
    vars: (f) => ({ id: f.decision }),
    expect: signedIn('allow', { otherAdmin: 'NOT_FOUND' }),
  },
  'Query.review': {
    kind: 'Query',
    query: `query($id: ID!) { review(id: $id) { id status availableActions objections { id attachments { id url } } } }`,
    vars: (f) => ({ id: f.noticeReview }),
    expect: signedIn('allow', { otherAdmin: 'NOT_FOUND' }),
    namesPublic: true,
  },
  // The committee's workspace list, but what it lists (reviews, blind until scored) anyone in the community may open.
  'Query.reviewsToScore': { kind: 'Query', query: `{ reviewsToScore { totalCount } }`, expect: signedIn('allow'), namesPublic: true },
  'Query.rewardOutcomes': {
    kind: 'Query',
    query: `{ rewardOutcomes(first: 20) { totalCount edges { node { id } } } }`,
    expect: signedIn('allow'),
    namesPublic: true,
  },
  'Query.auditLog': {
    kind: 'Query',
    query: `{ auditLog(first: 100) { totalCount edges { node { actorName action payload } } } }`,
    expect: signedIn('allow'),
    namesPublic: true,
  },
  'Query.verifyAuditLog': { kind: 'Query', query: `{ verifyAuditLog { valid } }`, expect: signedIn('allow') },

  // ------------------------------------------------------------------ subscriptions (handshake over the socket)
  'Subscription.ticketChanged': {
    kind: 'Subscription',
    query: `subscription($id: ID!) { ticketChanged(id: $id) { id } }`,
    vars: (f) => ({ id: f.ticket }),
    expect: signedIn('NOT_FOUND', { owner: 'allow', cs: 'allow', staff: 'allow', otherStaff: 'allow', admin: 'allow' }),
  },
  'Subscription.proposalChanged': {
    kind: 'Subscription',
    query: `subscription($id: ID!) { proposalChanged(id: $id) { id } }`,
    vars: (f) => ({ id: f.proposal }),
    expect: signedIn('allow', { otherAdmin: 'NOT_FOUND' }),
  },
  'Query.decisionRoll': {
    kind: 'Query',
    query: `query($id: ID!) { decisionRoll(decisionId: $id, first: 50) { unitId label hasAccount channel attachments { id url } } }`,
    vars: (f) => ({ id: f.decision }),
    expect: signedIn('FORBIDDEN', { cs: 'allow', committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Subscription.decisionChanged': {
    kind: 'Subscription',
    query: `subscription($id: ID!) { decisionChanged(id: $id) { id } }`,
    vars: (f) => ({ id: f.decision }),
    expect: signedIn('allow', { otherAdmin: 'NOT_FOUND' }),
  },
  'Subscription.reviewChanged': {
    kind: 'Subscription',
    query: `subscription($id: ID!) { reviewChanged(id: $id) { id } }`,
    vars: (f) => ({ id: f.noticeReview }),
    expect: signedIn('allow', { otherAdmin: 'NOT_FOUND' }),
  },
  'Subscription.inboxChanged': { kind: 'Subscription', query: `subscription { inboxChanged }`, expect: signedIn('allow') },

  // ------------------------------------------------------------------ ticket mutations (a fresh ticket per cell)
  'Mutation.openTicket': {
    kind: 'Mutation',
    query: `mutation($input: OpenTicketInput!) { openTicket(input: $input) { ${TICKET} } }`,
    vars: (f, p) => ({
      input: { kind: 'REPAIR', title: '矩阵测试', description: '权限矩阵', unitId: f.unitId, ...(p === 'cs' ? { onBehalfOfOwnerId: f.ownerId } : {}) },
    }),
    // Admin is not customer service: it files for no one.
    expect: signedIn('FORBIDDEN', { owner: 'allow', cs: 'allow' }),
    entitled: HANDLERS,
  },
  'Mutation.answerTicketOnTheSpot': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { answerTicketOnTheSpot(id: $id, answer: "已当场解答。") { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.ticket('RECEIVED') }),
    expect: signedIn('NOT_FOUND', { owner: 'FORBIDDEN', cs: 'allow', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Mutation.dispatchTicket': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { dispatchTicket(id: $id, input: { urgency: NORMAL, department: MAINTENANCE }) { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.ticket('RECEIVED') }),
    expect: signedIn('NOT_FOUND', { owner: 'FORBIDDEN', cs: 'allow', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Mutation.postTicketUpdate': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { postTicketUpdate(id: $id, message: "进展", internal: false) { id } }`,
    vars: (f) => ({ id: f.ticket }),
    expect: signedIn('NOT_FOUND', { owner: 'allow', cs: 'allow', staff: 'allow', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Mutation.proposeSolution': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { proposeSolution(id: $id, solution: "更换阀芯。") { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.ticket('INVESTIGATING') }),
    expect: signedIn('NOT_FOUND', { owner: 'FORBIDDEN', cs: 'FORBIDDEN', staff: 'allow', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Mutation.respondToSolution': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { respondToSolution(id: $id, accept: true) { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.ticket('SOLUTION_PROPOSED') }),
    expect: signedIn('NOT_FOUND', { owner: 'allow', cs: 'allow', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Mutation.resolveTicket': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { resolveTicket(id: $id, summary: "已修好。") { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.ticket('IN_PROGRESS') }),
    expect: signedIn('NOT_FOUND', { owner: 'FORBIDDEN', cs: 'FORBIDDEN', staff: 'allow', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Query.followUps': {
    kind: 'Query',
    query: `{ followUps { id ticket { number } satisfaction comment action } }`,
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'allow' }),
    entitled: ['admin', 'otherAdmin'],
  },
  // 常用答复: the staff knowledge base (drafts, notes) is for staff; the FAQ for everyone signed in.
  'Query.cannedAnswers': {
    kind: 'Query',
    query: `{ cannedAnswers(search: "矩阵", first: 20) { totalCount edges { node { id title note createdByName approved { byName } } } } }`,
    expect: signedIn('FORBIDDEN', { cs: 'allow', staff: 'allow', otherStaff: 'allow', admin: 'allow', otherAdmin: 'allow' }),
  },
  'Query.cannedAnswer': {
    kind: 'Query',
    query: `query($id: ID!) { cannedAnswer(id: $id) { id title note } }`,
    vars: async () => ({ id: (await fresh.cannedAnswer()).id }),
    expect: signedIn('FORBIDDEN', { cs: 'allow', staff: 'allow', otherStaff: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Query.faq': { kind: 'Query', query: `{ faq(first: 20) { totalCount edges { node { id title bodyZh } } } }`, expect: signedIn('allow') },
  'Mutation.saveCannedAnswer': {
    kind: 'Mutation',
    query: `mutation { saveCannedAnswer(input: { title: "矩阵常用答复", bodyZh: "用于权限矩阵测试的答复。" }) { id status } }`,
    expect: signedIn('FORBIDDEN', { cs: 'allow', staff: 'allow', otherStaff: 'allow', admin: 'allow', otherAdmin: 'allow' }),
  },
  'Mutation.approveCannedAnswer': {
    kind: 'Mutation',
    query: `mutation($id: ID!, $version: Int!) { approveCannedAnswer(id: $id, version: $version) { id status } }`,
    vars: async () => fresh.cannedAnswer(),
    // The head of customer service, management or an admin, never the writer (the staff persona wrote it).
    expect: signedIn('FORBIDDEN', { cs: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.deleteCannedAnswer': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { deleteCannedAnswer(id: $id) }`,
    vars: async () => ({ id: (await fresh.cannedAnswer()).id }),
    // Reviewers, and the writer of a never-approved draft (the staff persona).
    expect: signedIn('FORBIDDEN', { cs: 'allow', staff: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.recordFollowUp': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { recordFollowUp(id: $id, action: "已电话向业主道歉。") { id action } }`,
    vars: async () => ({ id: await fresh.followUp() }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.recordReturnVisit': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { recordReturnVisit(id: $id, satisfaction: 5) { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.ticket('RESOLVED') }),
    expect: signedIn('NOT_FOUND', { owner: 'allow', cs: 'allow', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Mutation.cancelTicket': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { cancelTicket(id: $id, reason: "业主撤销。") { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.ticket('INVESTIGATING') }),
    expect: signedIn('NOT_FOUND', { owner: 'allow', cs: 'allow', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Mutation.urgeTicket': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { urgeTicket(id: $id) { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.ticket('INVESTIGATING') }),
    // 催办 is the owner's alone.
    expect: signedIn('NOT_FOUND', { owner: 'allow', cs: 'FORBIDDEN', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN', admin: 'FORBIDDEN' }),
    entitled: HANDLERS,
  },
  'Mutation.reopenTicket': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { reopenTicket(id: $id, reason: "还是没有修好。") { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.ticket('CLOSED') }),
    expect: signedIn('NOT_FOUND', { owner: 'allow', cs: 'allow', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  // 同报: any owner or resident of the community but the filer (a CONFLICT for them, past authorization); staff may not.
  'Mutation.addMeToo': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { addMeToo(ticketId: $id) { ${TICKET} } }`,
    vars: async () => ({ id: await fresh.commonAreaTicket() }),
    expect: signedIn('FORBIDDEN', { owner: 'allow', otherOwner: 'masked', committee: 'masked', otherAdmin: 'NOT_FOUND' }),
    entitled: HANDLERS,
  },
  'Mutation.assignTicket': {
    kind: 'Mutation',
    query: `mutation($id: ID!, $assigneeId: ID!) { assignTicket(id: $id, assigneeId: $assigneeId) { ${TICKET} assignee { id displayName } } }`,
    vars: async (f) => ({ id: await fresh.ticket('INVESTIGATING'), assigneeId: f.staffId }),
    // 派工: the handling department's head (the staff persona leads maintenance), customer service, admins.
    expect: signedIn('NOT_FOUND', { owner: 'FORBIDDEN', cs: 'allow', staff: 'allow', otherStaff: 'FORBIDDEN', admin: 'allow' }),
    entitled: HANDLERS,
  },
  'Mutation.markNotificationsRead': { kind: 'Mutation', query: `mutation { markNotificationsRead(ids: ["1"]) }`, expect: signedIn('allow') },
  'Mutation.updateNotificationPreferences': {
    kind: 'Mutation',
    query: `mutation { updateNotificationPreferences(input: { kind: "PROPOSAL_COMMENTED", channels: [INBOX, EMAIL] }) { digest } }`,
    expect: signedIn('allow'),
  },
  'Mutation.updateNotificationSettings': {
    kind: 'Mutation',
    query: `mutation { updateNotificationSettings(input: { digest: false }) { digest } }`,
    expect: signedIn('allow'),
  },
  'Mutation.unbindWeChat': {
    kind: 'Mutation',
    query: `mutation { unbindWeChat { wechatBound wechatConfigured } }`,
    expect: signedIn('allow'),
  },
  'Mutation.retryDelivery': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { retryDelivery(id: $id) { id } }`,
    vars: async () => ({ id: await fresh.failedDelivery() }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },

  // ------------------------------------------------------------------ board
  'Mutation.submitProposal': {
    kind: 'Mutation',
    query: `mutation { submitProposal(input: { title: "矩阵提案", body: "权限矩阵测试的提案内容。", category: SERVICE }) { id } }`,
    expect: signedIn('allow'),
  },
  'Mutation.supportProposal': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { supportProposal(id: $id) { id } }`,
    vars: (f) => ({ id: f.proposal }),
    // Only owners support (staff and admins propose and review instead).
    expect: signedIn('FORBIDDEN', { owner: 'allow', otherOwner: 'allow', committee: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.withdrawSupport': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { withdrawSupport(id: $id) { id } }`,
    vars: (f) => ({ id: f.proposal }),
    // Only owners support (staff and admins propose and review instead).
    expect: signedIn('FORBIDDEN', { owner: 'allow', otherOwner: 'allow', committee: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.commentOnProposal': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { commentOnProposal(id: $id, body: "矩阵评论") { id } }`,
    vars: (f) => ({ id: f.proposal }),
    expect: signedIn('allow', { otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.hideComment': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { hideComment(id: $id, reason: "矩阵测试") { id } }`,
    vars: (f) => ({ id: f.comment }),
    expect: signedIn('FORBIDDEN', { committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.advanceProposal': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { advanceProposal(id: $id, to: UNDER_REVIEW) { id } }`,
    vars: async () => ({ id: await fresh.proposal() }),
    expect: signedIn('FORBIDDEN', { committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.mergeProposal': {
    kind: 'Mutation',
    query: `mutation($id: ID!, $into: ID!) { mergeProposal(id: $id, intoId: $into) { id } }`,
    vars: async (f) => ({ id: await fresh.proposal(), into: f.proposal }),
    expect: signedIn('FORBIDDEN', { committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.openDecision': {
    kind: 'Mutation',
    query: `mutation($id: ID!, $input: OpenDecisionInput!) { openDecision(proposalId: $id, input: $input) { id } }`,
    vars: async () => ({
      id: await fresh.proposal(),
      input: { matter: 'ORDINARY', question: '是否同意？', closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    }),
    expect: signedIn('FORBIDDEN', { committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.castBallot': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { castBallot(decisionId: $id, choice: ABSTAIN) { id } }`,
    vars: (f) => ({ id: f.decision }),
    // Only owners on the roll vote; the role is checked before the decision is looked up.
    expect: signedIn('FORBIDDEN', { owner: 'allow', otherOwner: 'allow', committee: 'allow' }),
  },

  'Mutation.recordPaperBallot': {
    kind: 'Mutation',
    query: `mutation($id: ID!, $unit: ID!, $ref: String!) { recordPaperBallot(decisionId: $id, unitId: $unit, choice: FOR, reference: $ref) { id } }`,
    // Each persona its own reference; after the first, the elector's paper stands (CONFLICT: allowed through, refused by the rule).
    vars: (f, persona) => ({ id: f.decision, unit: f.unitId, ref: `MATRIX-${persona}` }),
    expect: signedIn('FORBIDDEN', { cs: 'allow', committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },

  // ------------------------------------------------------------------ reviews
  'Mutation.openReview': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { openReview(proposalId: $id) { id } }`,
    vars: (f) => ({ id: f.implementedProposal }),
    expect: signedIn('FORBIDDEN', { committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.declareConflict': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { declareConflict(reviewId: $id, reason: "矩阵测试") { id } }`,
    vars: (f) => ({ id: f.scoringReview }),
    // Only a committee member on the review's panel can recuse themselves; an admin is not on it.
    expect: signedIn('FORBIDDEN', { committee: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.submitScores': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { submitScores(reviewId: $id, scores: [{ criterionId: "innovation", score: 5 }]) { id } }`,
    vars: (f) => ({ id: f.scoringReview }),
    // Only eligible panel members score: the committee persona (owner2) is recused from the seeded review, an admin is not on the panel.
    expect: signedIn('FORBIDDEN', { otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.raiseObjection': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { raiseObjection(reviewId: $id, body: "矩阵测试的异议内容") { id } }`,
    vars: (f) => ({ id: f.noticeReview }),
    expect: signedIn('allow', { otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.answerObjection': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { answerObjection(objectionId: $id, upheld: false, answer: "维持原评分。") { id } }`,
    vars: (f) => ({ id: f.objection }),
    expect: signedIn('FORBIDDEN', { committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.finalizeReview': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { finalizeReview(reviewId: $id) { id } }`,
    vars: (f) => ({ id: f.scoringReview }),
    expect: signedIn('FORBIDDEN', { committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.publishOutcome': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { publishOutcome(reviewId: $id) { id } }`,
    vars: (f) => ({ id: f.noticeReview }),
    expect: signedIn('FORBIDDEN', { committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },

  // ------------------------------------------------------------------ the register
  'Query.buildings': {
    kind: 'Query',
    query: `{ buildings { id number name } }`,
    expect: signedIn('FORBIDDEN', { cs: 'allow', committee: 'allow', admin: 'allow', otherAdmin: 'allow' }),
  },
  'Query.units': {
    kind: 'Query',
    query: `{ units(first: 100) { totalCount edges { node { id label owners { displayName phone hasAccount } } } } }`,
    // The committee sees who owns what only masked (not entitled: its answer is scanned).
    expect: signedIn('FORBIDDEN', { cs: 'allow', committee: 'allow', admin: 'allow', otherAdmin: 'allow' }),
    entitled: ['cs', 'admin', 'otherAdmin'],
  },
  'Query.registerImports': {
    kind: 'Query',
    query: `{ registerImports(first: 20) { totalCount edges { node { id fileName } } } }`,
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'allow' }),
  },
  'Mutation.importRegister': {
    kind: 'Mutation',
    query: `mutation($fileId: ID!) { importRegister(fileId: $fileId, dryRun: true) { applied problemCount } }`,
    // The file is the lakeside admin's upload: another community's admin cannot name it.
    vars: async () => ({ fileId: await fresh.registerFile() }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.exportRegister': {
    kind: 'Mutation',
    query: `mutation { exportRegister(format: CSV) { name units owners } }`,
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'allow' }),
  },

  'Mutation.addStaff': {
    kind: 'Mutation',
    query: `mutation($phone: String!) { addStaff(input: { displayName: "保洁 矩阵", phone: $phone, department: CLEANING, roles: [STAFF], headOfDepartment: false }) { id } }`,
    vars: (_f, persona) => ({ phone: `136500000${String(PERSONAS.indexOf(persona)).padStart(2, '0')}` }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'allow' }),
  },
  'Mutation.updatePerson': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { updatePerson(id: $id, input: { displayName: "维修 张师傅" }) { id } }`,
    vars: (f) => ({ id: f.staffId }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.setCommittee': {
    kind: 'Mutation',
    query: `mutation($ids: [ID!]!) { setCommittee(personIds: $ids) { id } }`,
    vars: (f) => ({ ids: f.committeeIds }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'NOT_FOUND' }),
    namesPublic: true,
  },
  'Mutation.deactivatePerson': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { deactivatePerson(id: $id, reason: "矩阵测试") { id active } }`,
    vars: async () => ({ id: await fresh.person() }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.reactivatePerson': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { reactivatePerson(id: $id) { id active } }`,
    vars: async () => ({ id: await fresh.person(true) }),
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  // Codes at the desk: customer service (owners and residents) and admins; the answer names the owner.
  'Mutation.issueActivationCodes': {
    kind: 'Mutation',
    query: `mutation($ids: [ID!]!) { issueActivationCodes(personIds: $ids) { person { displayName } phoneMasked units } }`,
    vars: (f) => ({ ids: [f.accountlessOwner] }),
    expect: signedIn('FORBIDDEN', { cs: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
    entitled: ['cs', 'admin'],
  },
  'Mutation.addResident': {
    kind: 'Mutation',
    query: `mutation($unitId: ID!, $phone: String!) { addResident(unitId: $unitId, input: { displayName: "住户 矩阵", phone: $phone, relation: FAMILY }) { id } }`,
    vars: (f, persona) => ({ unitId: f.unitId, phone: `137500000${String(PERSONAS.indexOf(persona)).padStart(2, '0')}` }),
    // Only an owner of the unit; everyone else who may hold a household is told there is no such unit.
    expect: signedIn('NOT_FOUND', { owner: 'allow', cs: 'FORBIDDEN', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN' }),
  },
  'Mutation.removeResident': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { removeResident(id: $id) }`,
    vars: async (f) => ({ id: await fresh.resident(f.unitId) }),
    expect: signedIn('NOT_FOUND', { owner: 'allow', admin: 'allow', cs: 'FORBIDDEN', staff: 'FORBIDDEN', otherStaff: 'FORBIDDEN' }),
  },
  'Mutation.createCommunity': {
    kind: 'Mutation',
    query: `mutation { createCommunity(input: { name: "矩阵小区", timezone: "Asia/Shanghai" }) { id } }`,
    expect: signedIn('FORBIDDEN'),
  },
  // Signed out or in, anyone may try a code; a wrong one is a BAD_USER_INPUT, not a denial.
  'Mutation.activateAccount': {
    kind: 'Mutation',
    query: `mutation { activateAccount(phone: "13950000001", code: "ZZZZZ-ZZZZZ", password: "Matrix-Password-77") { id } }`,
    expect: cells('allow'),
  },
  'Mutation.requestPasswordReset': { kind: 'Mutation', query: `mutation { requestPasswordReset(phone: "13950000002") }`, expect: cells('allow') },
  'Mutation.resetPassword': {
    kind: 'Mutation',
    query: `mutation { resetPassword(phone: "13950000003", code: "222222", password: "Matrix-Password-77") { id } }`,
    expect: cells('allow'),
  },
  'Mutation.changePassword': {
    kind: 'Mutation',
    query: `mutation { changePassword(current: "not-the-password", next: "Matrix-Password-77") }`,
    expect: signedIn('allow'),
  },
  'Mutation.endSession': { kind: 'Mutation', query: `mutation { endSession(id: "00000000-0000-4000-8000-000000000000") }`, expect: signedIn('NOT_FOUND') },
  'Mutation.switchCommunity': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { switchCommunity(communityId: $id) { id } }`,
    vars: (f) => ({ id: f.lakesideId }),
    expect: signedIn('allow', { otherAdmin: 'NOT_FOUND' }),
  },
  // ------------------------------------------------------------------ decisions that end things, settings, sessions: last
  'Mutation.closeDecision': {
    kind: 'Mutation',
    query: `mutation($id: ID!) { closeDecision(id: $id) { id } }`,
    vars: (f) => ({ id: f.decision }),
    expect: signedIn('FORBIDDEN', { committee: 'allow', admin: 'allow', otherAdmin: 'NOT_FOUND' }),
  },
  'Mutation.updateCommunitySettings': {
    kind: 'Mutation',
    query: `mutation { updateCommunitySettings(input: { supportThreshold: 30, workingHours: [] }) { id } }`,
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'allow' }),
  },
  // A year nobody uses, emptied: harmless for the other rows.
  'Mutation.setHolidayCalendar': {
    kind: 'Mutation',
    query: `mutation { setHolidayCalendar(year: 2030, days: []) { year days { date } } }`,
    expect: signedIn('FORBIDDEN', { admin: 'allow', otherAdmin: 'allow' }),
  },
  'Mutation.login': {
    kind: 'Mutation',
    query: `mutation { login(email: "nobody@lakeside.test", password: "wrong-password") { id } }`,
    // Anyone may try; a wrong password is UNAUTHENTICATED for everyone.
    expect: cells('UNAUTHENTICATED'),
  },
  'Mutation.logout': { kind: 'Mutation', query: `mutation { logout }`, expect: signedIn('allow') },
};

const EMAILS: Record<Exclude<Persona, 'anon' | 'otherAdmin'>, string> = {
  owner: 'owner1@lakeside.test',
  otherOwner: 'owner7@lakeside.test',
  cs: 'cs@lakeside.test',
  staff: 'maint@lakeside.test',
  otherStaff: 'security@lakeside.test',
  committee: 'owner2@lakeside.test',
  admin: 'admin@lakeside.test',
};

beforeAll(async () => {
  app = await startTestApp();
  const other = await createOtherCommunity(app);
  clients.anon = null;
  clients.otherAdmin = other.admin;
  await Promise.all(Object.entries(EMAILS).map(async ([p, email]) => (clients[p as Persona] = await app.signIn(email))));
  c = { ...(await cast(app)), owner: clients.owner!, cs: clients.cs!, maint: clients.staff! };
  const one = async (sql: string) => String((await app.sql<{ id: string }>(sql))[0]!.id);
  const lakeside = `(select id from community where name = '湖畔花园')`;
  fx = {
    ticket: await fresh.ticket('INVESTIGATING'),
    unitId: c.unitId,
    ownerId: await one(`select id from person where email = 'owner1@lakeside.test'`),
    staffId: await one(`select id from person where email = 'maint@lakeside.test'`),
    proposal: await fresh.proposal(),
    decision: await one(`select id from decision where status = 'OPEN' and community_id in ${lakeside} limit 1`),
    scoringReview: await one(`select id from review where status = 'SCORING' and community_id in ${lakeside} limit 1`),
    noticeReview: await one(`select id from review where status = 'NOTICE' and community_id in ${lakeside} limit 1`),
    objection: await one(`select o.id from review_objection o join review r on r.id = o.review_id where r.status = 'NOTICE' order by o.created_at limit 1`),
    comment: await one(`select id from proposal_comment where community_id in ${lakeside} order by id limit 1`),
    implementedProposal: await fresh.proposal(),
    committeeIds: (await app.sql<{ id: string }>(`select id from person where 'COMMITTEE' = any(roles) and community_id in ${lakeside}`)).map((r) => r.id),
    accountlessOwner: await one(
      `select id from person where account_id is null and 'OWNER' = any(roles) and phone is not null and community_id in ${lakeside} order by created_at limit 1`,
    ),
    lakesideId: await one(lakeside.slice(1, -1)),
  };
  for (const to of ['UNDER_REVIEW', 'ACCEPTED']) {
    await clients.admin!.run(`mutation($id: ID!, $to: ProposalStatus!) { advanceProposal(id: $id, to: $to, reason: "矩阵测试") { id } }`, {
      id: fx.implementedProposal,
      to,
    });
  }
  people = [
    ...(await app.sql<{ name: string; phone: string }>(`select display_name as name, phone from person`)),
    ...(await app.sql<{ name: string; phone: string }>(
      `select p.display_name as name, t.contact_phone as phone from ticket t join person p on p.id = t.owner_id`,
    )),
  ];
  ownerNames = (await app.sql<{ name: string }>(`select distinct p.display_name as name from person p join ownership o on o.person_id = p.id`)).map(
    (r) => r.name,
  );
  staffNames = (
    await app.sql<{ name: string }>(`select display_name as name from person p where not exists (select 1 from ownership o where o.person_id = p.id)`)
  ).map((r) => r.name);
  const mine = await app.sql<{ email: string; name: string; phone: string }>(`select email, display_name as name, phone from person`);
  for (const p of PERSONAS) {
    const email = p === 'anon' ? null : p === 'otherAdmin' ? OTHER_COMMUNITY.admin.email : EMAILS[p];
    ownName[p] = mine.find((m) => m.email === email) ?? null;
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** Other people's phones (and, where names are not public, their full names) found in an answer. */
function leaks(text: string, persona: Persona, namesPublic: boolean): string[] {
  const own = ownName[persona];
  const found = new Set<string>();
  for (const p of people) {
    if (p.phone && p.phone !== own?.phone && text.includes(p.phone)) found.add(`phone ${p.phone}`);
  }
  if (!namesPublic) {
    const scanned = staffNames.reduce((t, staff) => t.replaceAll(staff, ''), text);
    for (const name of ownerNames) if (name !== own?.name && scanned.includes(name)) found.add(`name ${name}`);
  }
  return [...found];
}

const ticketMasked = (data: unknown) => typeof data === 'object' && data !== null && (data as { personalDataMasked?: boolean }).personalDataMasked === true;

async function runCell(name: string, row: Row, persona: Persona): Promise<Observed> {
  const field = name.split('.')[1]!;
  const variables = (await row.vars?.(fx, persona)) ?? {};
  if (row.kind === 'Subscription') return subscribeOutcome(app.url, clients[persona], row.query, variables, row.expect[persona] !== 'allow');
  const client = clients[persona] ?? app.client();
  const { body } = await client.raw<Record<string, unknown>>(row.query, variables);
  return { outcome: outcomeOf(field, body as GraphQLResult<Record<string, unknown>>, ticketMasked), text: JSON.stringify(body) };
}

describe('authorization matrix', () => {
  it('has a row for every Query, Mutation and Subscription field in the schema, and none for fields it lacks', () => {
    const schema = loadSchema();
    const fields = (['Query', 'Mutation', 'Subscription'] as const).flatMap((k) => rootFields(schema, k).map((f) => `${k}.${f.name}`));
    expect(
      fields.filter((f) => !ROWS[f]),
      'fields without a row',
    ).toEqual([]);
    expect(
      Object.keys(ROWS).filter((r) => !fields.includes(r)),
      'rows without a field',
    ).toEqual([]);
    for (const [name, row] of Object.entries(ROWS)) expect(row.kind, name).toBe(name.split('.')[0]);
  });

  it('scans for what it should: an owner’s full name and phone are found, a masked one is not', () => {
    const owner = people.find((p) => p.name === ownerNames[0] && p.phone)!;
    expect(leaks(`${owner.name} ${owner.phone}`, 'anon', false)).toEqual([`phone ${owner.phone}`, `name ${owner.name}`]);
    expect(leaks(`${[...owner.name][0]}* ${owner.phone.slice(0, 3)}****${owner.phone.slice(-4)}`, 'anon', false)).toEqual([]);
  });

  it('gives each persona the declared outcome, and no unentitled answer carries other people’s names or phones', async () => {
    const wrong: string[] = [];
    const leaked: string[] = [];
    // Logging out ends the persona's session: it is the last row.
    for (const [name, row] of Object.entries(ROWS)) {
      // The personas of one row run at once (each cell has its own object where the operation changes state).
      const observations = await Promise.all(PERSONAS.map(async (persona) => [persona, await runCell(name, row, persona)] as const));
      for (const [persona, observed] of observations) {
        const expected = row.expect[persona];
        const got = observed.outcome.startsWith('allow (') && expected === 'allow' && row.kind === 'Mutation' ? 'allow' : observed.outcome;
        if (got !== expected) wrong.push(`${name} as ${persona}: expected ${expected}, got ${observed.outcome} ${observed.text.slice(0, 200)}`);
        if (!(row.entitled ?? []).includes(persona) || expected !== 'allow') {
          const found = leaks(observed.text, persona, row.namesPublic ?? false);
          if (found.length) leaked.push(`${name} as ${persona}: ${found.join(', ')}`);
        }
      }
    }
    expect.soft(wrong).toEqual([]);
    expect.soft(leaked).toEqual([]);
  }, 120_000);
});
