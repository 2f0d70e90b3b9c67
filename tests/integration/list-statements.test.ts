// Every paged list costs the same SQL statements for a page of one row as for a page of many
// (issue 15): a field asked per row is read for the whole page at once, never row by row. Each list
// is asked as its persona asks it in the portal (the portal's own operation documents), with
// enough rows in the database to fill the larger page.
import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApproveCannedAnswerDocument,
  AuditLogDocument,
  CannedAnswersDocument,
  CommentOnProposalDocument,
  DeliveryFailuresDocument,
  FaqDocument,
  NotificationsDocument,
  PeopleDocument,
  ProposalDocument,
  ProposalsDocument,
  RaiseObjectionDocument,
  RegisterImportsDocument,
  ReviewDocument,
  RewardOutcomesDocument,
  SaveCannedAnswerDocument,
  TicketDocument,
  TicketsDocument,
  UnitsDocument,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { countStatements } from '../support/sql-counter.js';

let app: TestApp;
const as: Record<string, Client> = {};
let proposalId: string;

beforeAll(async () => {
  app = await startTestApp();
  for (const who of ['owner1', 'owner2', 'cs', 'manager', 'admin']) as[who] = await app.signIn(`${who}@lakeside.test`);

  // Rows the demo has too few of: approved canned answers (the owners' FAQ), comments on one
  // proposal, failed deliveries and register imports.
  for (let i = 1; i <= 4; i++) {
    const draft = (
      await as.cs!.run(SaveCannedAnswerDocument, {
        input: { title: `停车卡怎么办理 ${i}`, bodyZh: `到物业服务中心办理，带上身份证和行驶证。${i}`, public: true },
      })
    ).saveCannedAnswer;
    await as.manager!.run(ApproveCannedAnswerDocument, { id: draft.id, version: draft.version });
  }
  proposalId = (await as.owner1!.run(ProposalsDocument, { first: 1 })).proposals.edges[0]!.node.id;
  for (const [i, who] of ['owner1', 'owner2', 'cs', 'owner2'].entries()) {
    await as[who]!.run(CommentOnProposalDocument, { id: proposalId, body: `第 ${i + 1} 条意见：赞成，但请先公布费用。` });
  }
  const [{ community_id: community, id: admin }] = await app.sql<{ community_id: string; id: string }>(
    `select community_id, id from person where email = 'admin@lakeside.test'`,
  );
  const people = await app.sql<{ id: string }>(`select id from person where community_id = $1 and 'OWNER' = any(roles) order by id limit 4`, [community]);
  for (const [i, person] of people.entries()) {
    await app.sql(
      `insert into notification_delivery (id, community_id, person_id, channel, address, subject, status, attempts, max_attempts, last_error, run_at, created_at, updated_at, params, template, digest)
       values ($1, $2, $3, 'SMS', '1380000000' || $4, '工单有新进展', 'FAILED', 5, 5, 'provider refused', now(), now() - ($4 || ' minutes')::interval, now() - ($4 || ' minutes')::interval, '{}', 'NOTICE', false)`,
      [randomUUID(), community, person.id, String(i)],
    );
    await app.sql(
      `insert into register_import (id, community_id, file_id, file_name, file_sha256, file_format, mode, dry_run, applied, summary, problems, problem_count, by_id, at)
       values ($1, $2, $3, $4, repeat('a', 64), 'CSV', 'MERGE', true, false, $5, '[]', 0, $6, now() - ($7 || ' minutes')::interval)`,
      [
        randomUUID(),
        community,
        randomUUID(),
        `名册-${i}.csv`,
        JSON.stringify({
          unitsCreated: i,
          unitsUpdated: 0,
          unitsUnchanged: 0,
          unitsRemoved: 0,
          ownersCreated: 0,
          ownersUpdated: 0,
          ownersUnchanged: 0,
          ownersRemoved: 0,
          peopleCreated: 0,
        }),
        admin,
        String(i),
      ],
    );
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
});

interface List {
  who: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each list's own document and variables
  document: TypedDocumentNode<any, any>;
  variables?: Record<string, unknown>;
  /** The page size's variable, when it is not `first`. */
  sizeVariable?: string;
  /** The rows of the answer. */
  rows: (data: Record<string, { edges: unknown[] }> & { proposal?: { comments: { edges: unknown[] } } }) => unknown[];
}

const edges = (field: string) => (data: Record<string, { edges: unknown[] }>) => data[field]!.edges;

const LISTS: Record<string, List> = {
  'the board (HOT)': { who: 'owner1', document: ProposalsDocument, variables: { orderBy: 'HOT' }, rows: edges('proposals') },
  'the board (newest)': { who: 'owner1', document: ProposalsDocument, variables: { orderBy: 'NEW' }, rows: edges('proposals') },
  'a proposal’s comments': { who: 'owner1', document: ProposalDocument, sizeVariable: 'commentsFirst', rows: (d) => d.proposal!.comments.edges },
  'an owner’s tickets': { who: 'owner1', document: TicketsDocument, rows: edges('tickets') },
  'the service desk’s tickets': { who: 'cs', document: TicketsDocument, rows: edges('tickets') },
  'the inbox': { who: 'owner1', document: NotificationsDocument, rows: edges('notifications') },
  'canned answers': { who: 'cs', document: CannedAnswersDocument, rows: edges('cannedAnswers') },
  'the owners’ FAQ': { who: 'owner1', document: FaqDocument, rows: edges('faq') },
  'published reviews': { who: 'owner1', document: RewardOutcomesDocument, rows: edges('rewardOutcomes') },
  people: { who: 'admin', document: PeopleDocument, rows: edges('people') },
  'the register’s units': { who: 'admin', document: UnitsDocument, rows: edges('units') },
  'register imports': { who: 'admin', document: RegisterImportsDocument, rows: edges('registerImports') },
  'failed deliveries': { who: 'admin', document: DeliveryFailuresDocument, rows: edges('deliveryFailures') },
  'the audit log': { who: 'admin', document: AuditLogDocument, rows: edges('auditLog') },
};

describe('statements per list page', () => {
  it.each(Object.entries(LISTS))('%s: a page of one row and a page of several cost the same statements', async (_name, list) => {
    const client = as[list.who]!;
    const size = list.sizeVariable ?? 'first';
    const ask = (n: number) =>
      countStatements(() => client.run(list.document, { ...list.variables, ...(list.sizeVariable ? { id: proposalId } : {}), [size]: n }));
    // Warm: the first request of a session may read what later ones keep (the session, settings).
    await ask(1);
    const one = await ask(1);
    const several = await ask(20);
    expect(list.rows(one.result)).toHaveLength(1);
    expect(list.rows(several.result).length).toBeGreaterThanOrEqual(2);
    expect(several.statements.length, several.statements.join('\n---\n')).toBe(one.statements.length);
  });
});

describe('a proposal with its owners’ vote', () => {
  it('reads the viewer’s ballot once for all the fields that need it (choice, ballot, whether they may vote)', async () => {
    const [{ id }] = await app.sql<{ id: string }>(`select proposal_id as id from decision order by opens_at desc limit 1`);
    const { result, statements } = await countStatements(() => as.owner1!.run(ProposalDocument, { id, commentsFirst: 20 }));
    expect(result.proposal?.decision?.id).toBeTruthy();
    expect(statements.filter((sql) => /from decision_elector\s+where decision_id = any/.test(sql))).toHaveLength(1);
  });
});

describe('a ticket with its timeline', () => {
  it('reads the ticket, its timeline, its solutions, its follow-up and their attachments in one statement each, however long the timeline', async () => {
    // The demo's tickets with the shortest and the longest timelines (owner1's, so owner1 may see both).
    const tickets = await app.sql<{ id: string; n: number }>(
      `select t.id, count(e.id)::int as n from ticket t join person p on p.id = t.owner_id join ticket_event e on e.ticket_id = t.id
        where p.email = 'owner1@lakeside.test' group by t.id order by n, t.id`,
    );
    const [short, long] = [tickets[0]!, tickets.at(-1)!];
    expect(long.n).toBeGreaterThan(short.n);
    const read = (id: string) => countStatements(() => as.owner1!.run(TicketDocument, { id }));
    const [a, b] = [await read(short.id), await read(long.id)];
    expect(a.result.ticket?.events.length).toBeGreaterThan(0);
    expect(b.result.ticket!.events.length).toBeGreaterThan(a.result.ticket!.events.length);
    // The session; the ticket; its timeline, solutions and follow-up; the timeline's attachments.
    expect(b.statements.length, b.statements.join('\n---\n')).toBe(a.statements.length);
    expect(a.statements.length, a.statements.join('\n---\n')).toBeLessThanOrEqual(6);
    expect(a.statements.filter((sql) => /^\s*begin/i.test(sql))).toEqual([]);
  });
});

describe('a review with its objections', () => {
  it('reads a review with many objections in the same statements as with one', async () => {
    const [{ id }] = await app.sql<{ id: string }>(
      `select r.id from review r join review_objection o on o.review_id = r.id where r.status = 'NOTICE' group by r.id having count(*) = 1 limit 1`,
    );
    const read = () => countStatements(() => as.owner2!.run(ReviewDocument, { id }));
    await read();
    const one = await read();
    expect(one.result.review!.objections).toHaveLength(1);
    for (const who of ['owner1', 'cs']) await as[who]!.run(RaiseObjectionDocument, { reviewId: id, body: `${who}：请公开评分依据。` });
    const several = await read();
    expect(several.result.review!.objections).toHaveLength(3);
    expect(several.statements.length, several.statements.join('\n---\n')).toBe(one.statements.length);
    // The session; the review; its panel and sheets; its objections; their evidence.
    expect(one.statements.length, one.statements.join('\n---\n')).toBeLessThanOrEqual(5);
    expect(one.statements.filter((sql) => /^\s*begin/i.test(sql))).toEqual([]);
  });
});
