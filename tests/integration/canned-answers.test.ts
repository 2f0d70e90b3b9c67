import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnswerTicketOnTheSpotDocument,
  ApproveCannedAnswerDocument,
  CannedAnswerDocument,
  CannedAnswerPickerDocument,
  CannedAnswersDocument,
  DeleteCannedAnswerDocument,
  FaqDocument,
  PostTicketUpdateDocument,
  SaveCannedAnswerDocument,
  TicketDocument,
  type CannedAnswerDetailFragment,
  type SaveCannedAnswerInput,
} from '@cocreate/schema';
import { startTestApp, type Client, type TestApp } from '../support/harness.js';
import { cast, ticketIn, type Cast } from '../support/tickets.js';
import { countStatements } from '../support/sql-counter.js';

// 常用答复 (#12): staff write, a reviewer approves, the picker offers approved words in the owner's
// language, using one counts it, and every change is on the audit chain. One community's answers are
// invisible to another's staff.

let app: TestApp;
let c: Cast;
let manager: Client;
let otherCs: Client;
let committee: Client;
let security: Client;

const PARKING: SaveCannedAnswerInput = {
  title: '停车卡怎么办理？',
  bodyZh: '请携带身份证和行驶证到物业服务中心办理停车卡，工作日 9:00–17:00。',
  bodyEn: 'Bring your ID card and vehicle licence to the property service centre, weekdays 9:00–17:00.',
  note: '月租车位满了先登记排队。',
  kind: 'INQUIRY',
  public: true,
};

const save = (client: Client, input: SaveCannedAnswerInput) => client.run(SaveCannedAnswerDocument, { input }).then((r) => r.saveCannedAnswer);
const approve = (client: Client, a: { id: string; version: number }) =>
  client.run(ApproveCannedAnswerDocument, { id: a.id, version: a.version }).then((r) => r.approveCannedAnswer);
const list = (client: Client, search?: string, extra: { status?: 'DRAFT' | 'APPROVED' | 'CHANGED' } = {}) =>
  client.run(CannedAnswersDocument, { search, first: 100, ...extra }).then((r) => r.cannedAnswers);
const titles = (page: { edges: { node: { title: string } }[] }) => page.edges.map((e) => e.node.title);
const audit = (id: string) =>
  app.sql<{ action: string; actor_name: string; payload: string }>(
    `select action, actor_name, payload from audit_entry where subject_type = 'CANNED_ANSWER' and subject_id = $1 order by seq`,
    [id],
  );

beforeAll(async () => {
  app = await startTestApp();
  c = await cast(app);
  [manager, otherCs, committee, security] = await Promise.all(['manager', 'cs2', 'owner2', 'security'].map((who) => app.signIn(`${who}@lakeside.test`)));
});
afterAll(async () => {
  await app?.close();
});

describe('writing and approving', () => {
  let parking: CannedAnswerDetailFragment;

  it('a new answer is a draft, written by customer service, on the audit chain; drafts are not offered in a ticket', async () => {
    parking = await save(c.cs, PARKING);
    expect(parking).toMatchObject({ status: 'DRAFT', version: 1, approved: null, createdByName: '客服 李娜', useCount: 0, note: PARKING.note });
    // The writer is a reviewer, but not of their own words; the manager may approve them.
    expect(parking.canApprove).toBe(false);
    expect((await manager.run(CannedAnswerDocument, { id: parking.id })).cannedAnswer.canApprove).toBe(true);
    expect((await audit(parking.id)).map((e) => e.action)).toEqual(['CANNED_ANSWER_CREATED']);
    const ticket = await ticketIn(c, 'RECEIVED', 'INQUIRY', '停车卡办理');
    const picker = (await c.cs.run(CannedAnswerPickerDocument, { ticketId: ticket.id })).cannedAnswers;
    expect(picker.edges.map((e) => e.node.id)).not.toContain(parking.id);
    const refused = await c.cs.fail(AnswerTicketOnTheSpotDocument, { id: ticket.id, answer: parking.bodyZh, cannedAnswerId: parking.id });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ANSWER_NOT_APPROVED', field: 'cannedAnswerId' });
    // The refusal changed nothing: the ticket is still open, the answer unused.
    expect((await c.cs.run(TicketDocument, { id: ticket.id })).ticket!.status).toBe('RECEIVED');
    expect((await c.cs.run(CannedAnswerDocument, { id: parking.id })).cannedAnswer.useCount).toBe(0);
  });

  it('is approved by someone other than its writer, for the version they read', async () => {
    // The writer (head of customer service) may approve others' edits, not their own.
    expect((await c.cs.fail(ApproveCannedAnswerDocument, { id: parking.id, version: 1 })).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_EDIT' });
    // Maintenance staff write answers but do not approve them.
    expect((await c.maint.fail(ApproveCannedAnswerDocument, { id: parking.id, version: 1 })).extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'REVIEWERS_ONLY',
    });
    expect((await manager.fail(ApproveCannedAnswerDocument, { id: parking.id, version: 2 })).extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'CHANGED_MEANWHILE',
    });
    parking = await approve(manager, parking);
    expect(parking).toMatchObject({
      status: 'APPROVED',
      approved: { version: 1, title: PARKING.title, bodyEn: PARKING.bodyEn, public: true, byName: '物业经理 陈明' },
    });
    expect((await manager.fail(ApproveCannedAnswerDocument, { id: parking.id, version: 1 })).extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      reason: 'ALREADY_APPROVED',
    });
    const entries = await audit(parking.id);
    expect(entries.map((e) => [e.action, e.actor_name])).toEqual([
      ['CANNED_ANSWER_CREATED', '客服 李娜'],
      ['CANNED_ANSWER_APPROVED', '物业经理 陈明'],
    ]);
    expect(JSON.parse(entries[1]!.payload)).toMatchObject({ version: 1, bodyZh: PARKING.bodyZh, writtenBy: '客服 李娜' });
  });

  it('an edit of the words waits for review while tickets keep the approved words; a note-only edit does not', async () => {
    const edited = await save(manager, {
      ...PARKING,
      id: parking.id,
      version: parking.version,
      bodyZh: '请携带身份证、行驶证到物业服务中心（1号楼底商）办理停车卡。',
    });
    expect(edited).toMatchObject({ status: 'CHANGED', version: 2, updatedByName: '物业经理 陈明', approved: { version: 1, bodyZh: PARKING.bodyZh } });
    // Someone saving over the version they opened, after that edit, is refused rather than overwriting it.
    const stale = await c.cs.fail(SaveCannedAnswerDocument, { input: { ...PARKING, id: parking.id, version: 1, bodyZh: '旧版本上的修改。' } });
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHANGED_MEANWHILE' });
    const ticket = await ticketIn(c, 'RECEIVED', 'INQUIRY', '停车卡');
    const offered = (await c.cs.run(CannedAnswerPickerDocument, { ticketId: ticket.id, search: '停车卡' })).cannedAnswers.edges.map((e) => e.node);
    expect(offered).toEqual([expect.objectContaining({ id: parking.id, insert: { text: PARKING.bodyZh, language: 'zh-CN' } })]);
    // The manager wrote the edit, so the head of customer service reviews it.
    parking = await approve(c.cs, edited);
    expect(parking).toMatchObject({ status: 'APPROVED', approved: { version: 2, byName: '客服 李娜' } });
    const noted = await save(c.cs, { ...PARKING, id: parking.id, version: parking.version, bodyZh: parking.bodyZh, note: '满位时登记排队，电话通知。' });
    expect(noted).toMatchObject({ status: 'APPROVED', version: 2, note: '满位时登记排队，电话通知。' });
    expect((await audit(parking.id)).map((e) => e.action)).toEqual([
      'CANNED_ANSWER_CREATED',
      'CANNED_ANSWER_APPROVED',
      'CANNED_ANSWER_EDITED',
      'CANNED_ANSWER_APPROVED',
      'CANNED_ANSWER_EDITED',
    ]);
  });

  it('using an approved answer counts it, on the spot and in an update, in the owner’s language; a refused ticket command counts nothing', async () => {
    const ticket = await ticketIn(c, 'RECEIVED', 'INQUIRY', '停车卡怎么办');
    await app.sql(`insert into notification_settings (person_id, language, updated_at) select id, 'en', now() from person where email = 'owner1@lakeside.test'
                   on conflict (person_id) do update set language = 'en'`);
    const [offer] = (await c.cs.run(CannedAnswerPickerDocument, { ticketId: ticket.id, search: 'vehicle 停车卡' })).cannedAnswers.edges.map((e) => e.node);
    expect(offer).toMatchObject({ id: parking.id, insert: { text: PARKING.bodyEn, language: 'en' } });
    const edited = `${offer!.insert!.text} Call 021-5555 0000 first.`;
    const answered = (await c.cs.run(AnswerTicketOnTheSpotDocument, { id: ticket.id, answer: edited, cannedAnswerId: parking.id })).answerTicketOnTheSpot;
    expect(answered).toMatchObject({ status: 'CLOSED', answer: edited });
    const afterAnswer = (await c.cs.run(CannedAnswerDocument, { id: parking.id })).cannedAnswer;
    expect(afterAnswer.useCount).toBe(1);
    expect(afterAnswer.lastUsedAt).not.toBeNull();
    // Answering the same (now closed) ticket again is refused; the use is not counted.
    expect((await c.cs.fail(AnswerTicketOnTheSpotDocument, { id: ticket.id, answer: edited, cannedAnswerId: parking.id })).extensions?.code).toBe(
      'INVALID_TRANSITION',
    );
    const open = await ticketIn(c, 'INVESTIGATING');
    await c.maint.run(PostTicketUpdateDocument, { id: open.id, message: parking.approved!.bodyZh, internal: false, cannedAnswerId: parking.id });
    expect((await c.cs.run(CannedAnswerDocument, { id: parking.id })).cannedAnswer.useCount).toBe(2);
    await app.sql(`update notification_settings set language = 'zh-CN' where person_id = (select id from person where email = 'owner1@lakeside.test')`);
  });

  it('a crafted, unknown or deleted id is NOT_FOUND wherever it is given', async () => {
    const ticket = await ticketIn(c, 'RECEIVED', 'INQUIRY', '咨询');
    for (const id of ['not-an-id', '00000000-0000-0000-0000-000000000000', "'; drop table canned_answer; --"]) {
      expect((await c.cs.fail(CannedAnswerDocument, { id })).extensions?.code, id).toBe('NOT_FOUND');
      expect((await manager.fail(ApproveCannedAnswerDocument, { id, version: 1 })).extensions?.code, id).toBe('NOT_FOUND');
      expect((await manager.fail(DeleteCannedAnswerDocument, { id })).extensions?.code, id).toBe('NOT_FOUND');
      expect((await c.cs.fail(AnswerTicketOnTheSpotDocument, { id: ticket.id, answer: '好的', cannedAnswerId: id })).extensions?.code, id).toBe('NOT_FOUND');
    }
    expect((await c.cs.run(TicketDocument, { id: ticket.id })).ticket!.status).toBe('RECEIVED');
  });
});

describe('searching', () => {
  beforeAll(async () => {
    for (const input of [
      {
        title: '电梯停运怎么办？',
        bodyZh: '电梯停运时请拨打 24 小时值班电话，维修人员 30 分钟内到场。',
        bodyEn: 'Call the 24-hour duty line; a technician comes within 30 minutes.',
        department: 'MAINTENANCE' as const,
      },
      { title: '装修需要申请吗？', bodyZh: '装修前须到物业办理装修登记并缴纳押金。', kind: 'REPAIR' as const },
      { title: '快递可以代收吗？', bodyZh: '物业前台可代收快递，凭取件码领取。', bodyEn: 'The front desk takes parcels for you.' },
    ])
      await save(c.cs, input);
  });

  it('finds by Chinese words (title, body, note), by English words, every word must match, wildcards literal', async () => {
    expect(titles(await list(c.cs, '电梯'))).toEqual(['电梯停运怎么办？']);
    expect(titles(await list(c.cs, '物业 押金'))).toEqual(['装修需要申请吗？']);
    expect(titles(await list(c.cs, '排队'))).toEqual([PARKING.title]);
    expect(titles(await list(c.cs, 'PARCELS'))).toEqual(['快递可以代收吗？']);
    expect(titles(await list(c.cs, 'technician 电梯'))).toEqual(['电梯停运怎么办？']);
    expect((await list(c.cs, '电梯 parcels')).totalCount).toBe(0);
    expect((await list(c.cs, '100%')).totalCount).toBe(0);
    expect((await list(c.cs, '_')).totalCount).toBe(0);
    expect((await list(c.cs)).totalCount).toBe(4);
    expect(titles(await list(c.cs, undefined, { status: 'DRAFT' })).sort()).toEqual(['快递可以代收吗？', '电梯停运怎么办？', '装修需要申请吗？'].sort());
    expect(titles(await list(c.cs, undefined, { status: 'APPROVED' }))).toEqual([PARKING.title]);
  });

  it('pages newest change first, with cursors this list handed out', async () => {
    const first = (await c.cs.run(CannedAnswersDocument, { first: 3 })).cannedAnswers;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await c.cs.run(CannedAnswersDocument, { first: 3, after: first.pageInfo.endCursor })).cannedAnswers;
    expect([...titles(first), ...titles(rest)]).toEqual(titles(await list(c.cs)));
    expect((await c.cs.fail(CannedAnswersDocument, { first: 3, after: 'bm90IGEgY3Vyc29y' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CURSOR_INVALID',
    });
    expect((await c.cs.fail(CannedAnswersDocument, { first: 101 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OUT_OF_RANGE' });
  });

  it('the picker offers answers for the ticket’s kind and for any kind, most used first', async () => {
    const repair = await ticketIn(c, 'RECEIVED', 'REPAIR', '装修');
    const elevator = (await list(c.cs, '电梯')).edges[0]!.node;
    const renovation = (await list(c.cs, '装修')).edges[0]!.node;
    await approve(manager, elevator);
    await approve(manager, renovation);
    const offered = (await c.cs.run(CannedAnswerPickerDocument, { ticketId: repair.id })).cannedAnswers.edges.map((e) => e.node.approved!.title);
    // The parking answer is for inquiries; the elevator and renovation answers are for any kind and repairs.
    expect(offered.sort()).toEqual(['电梯停运怎么办？', '装修需要申请吗？'].sort());
  });

  it('is served by the trigram index on a large knowledge base (EXPLAIN)', async () => {
    await app.sql(`
      insert into canned_answer (id, community_id, title, body_zh, created_by_id, created_at, updated_by_id, updated_at)
      select gen_random_uuid(), community_id, '问题 ' || md5(g::text), '答复 ' || md5((g * 7)::text), created_by_id, now(), created_by_id, now()
        from (select * from canned_answer limit 1) a, generate_series(1, 20000) g`);
    // As autovacuum would: rows inserted after the index was built wait in GIN's pending list until a vacuum.
    await app.sql('vacuum analyze canned_answer');
    const run = await countStatements(() => c.cs.run(CannedAnswersDocument, { search: '电梯停运', first: 20 }));
    for (const statement of run.statements.filter((s) => /from canned_answer c/.test(s))) {
      const plan = (await app.sql<{ 'QUERY PLAN': string }>(`explain ${statement}`)).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan, plan).toMatch(/canned_answer_search_text_trgm/);
      expect(plan).not.toMatch(/Seq Scan on canned_answer/);
    }
    expect(titles(await list(c.cs, '电梯停运'))).toEqual(['电梯停运怎么办？']);
    await app.sql(`delete from canned_answer where title like '问题 %'`);
  }, 60_000);
});

describe('who sees what', () => {
  it('owners and the committee are refused the staff knowledge base; the FAQ gives them approved public words only', async () => {
    for (const client of [c.owner, committee]) {
      expect((await client.fail(CannedAnswersDocument, { first: 10 })).extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect((await client.fail(SaveCannedAnswerDocument, { input: { title: '业主写的', bodyZh: '业主写的答复' } })).extensions).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const faq = (await c.owner.run(FaqDocument, { first: 20 })).faq;
    expect(faq.edges.map((e) => e.node.title)).toEqual([PARKING.title]);
    const [entry] = faq.edges.map((e) => e.node);
    expect(JSON.stringify(entry)).not.toMatch(/排队/);
    // A pending edit's words are not found through the FAQ, nor the note.
    const parking = (await list(c.cs, PARKING.title)).edges[0]!.node;
    await save(c.cs, { ...PARKING, id: parking.id, version: parking.version, bodyZh: '草稿：新的收费标准待定。', note: parking.note });
    expect((await c.owner.run(FaqDocument, { search: '收费标准' })).faq.totalCount).toBe(0);
    expect((await c.owner.run(FaqDocument, { search: '排队' })).faq.totalCount).toBe(0);
    expect((await c.owner.run(FaqDocument, { search: '行驶证' })).faq.totalCount).toBe(1);
  });

  it('another community’s staff see none of these answers and can change none of them', async () => {
    const ours = await list(c.cs);
    expect(ours.totalCount).toBeGreaterThan(0);
    expect((await list(otherCs)).totalCount).toBe(0);
    expect((await list(otherCs, '停车卡')).totalCount).toBe(0);
    expect((await otherCs.run(FaqDocument, {})).faq.totalCount).toBe(0);
    const target = ours.edges[0]!.node;
    expect((await otherCs.fail(CannedAnswerDocument, { id: target.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await otherCs.fail(SaveCannedAnswerDocument, { input: { ...PARKING, id: target.id } })).extensions?.code).toBe('NOT_FOUND');
    expect((await otherCs.fail(ApproveCannedAnswerDocument, { id: target.id, version: target.version })).extensions?.code).toBe('NOT_FOUND');
    expect((await otherCs.fail(DeleteCannedAnswerDocument, { id: target.id })).extensions?.code).toBe('NOT_FOUND');
    // Their own answer stays theirs: our desk does not see it.
    const theirs = await save(otherCs, { title: '雅苑的停车卡', bodyZh: '雅苑停车卡在 1 号楼办理。' });
    expect((await list(c.cs, '雅苑')).totalCount).toBe(0);
    const ticket = await ticketIn(c, 'RECEIVED', 'INQUIRY', '咨询');
    expect((await c.cs.fail(AnswerTicketOnTheSpotDocument, { id: ticket.id, answer: '好的', cannedAnswerId: theirs.id })).extensions?.code).toBe('NOT_FOUND');
  });
});

describe('deleting', () => {
  it('a writer deletes their own draft only; a reviewer deletes an approved answer; both on the audit chain', async () => {
    const draft = await save(c.maint, { title: '热水器不热怎么办？', bodyZh: '先检查燃气阀门是否打开，再重启热水器。' });
    // Security writes answers too, but is neither the writer nor a reviewer.
    expect((await security.fail(DeleteCannedAnswerDocument, { id: draft.id })).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REVIEWERS_ONLY' });
    expect((await c.maint.run(DeleteCannedAnswerDocument, { id: draft.id })).deleteCannedAnswer).toBe(draft.id);
    const approved = (await list(c.cs, '电梯')).edges[0]!.node;
    expect(approved.canDelete).toBe(true);
    expect((await c.maint.fail(DeleteCannedAnswerDocument, { id: approved.id })).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REVIEWERS_ONLY' });
    await manager.run(DeleteCannedAnswerDocument, { id: approved.id });
    expect((await list(c.cs, '电梯')).totalCount).toBe(0);
    expect((await c.cs.fail(CannedAnswerDocument, { id: approved.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await audit(draft.id)).map((e) => [e.action, e.actor_name])).toEqual([
      ['CANNED_ANSWER_CREATED', '维修 张师傅'],
      ['CANNED_ANSWER_DELETED', '维修 张师傅'],
    ]);
    expect((await audit(approved.id)).at(-1)).toMatchObject({ action: 'CANNED_ANSWER_DELETED', actor_name: '物业经理 陈明' });
  });
});

describe('hostile input', () => {
  const ok = { title: '垃圾分类时间？', bodyZh: '每天 7:00–9:00、18:00–20:00 定时定点投放。' };

  it('refuses a NUL in any text, and in a search, naming the field', async () => {
    for (const [field, input] of [
      ['title', { ...ok, title: '垃圾\u0000分类' }],
      ['bodyZh', { ...ok, bodyZh: `${ok.bodyZh}\u0000` }],
      ['bodyEn', { ...ok, bodyEn: 'Sort\u0000it' }],
      ['note', { ...ok, note: '\u0000' }],
    ] as const) {
      expect((await c.cs.fail(SaveCannedAnswerDocument, { input })).extensions, field).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'CONTROL_CHARACTER',
        field,
      });
    }
    expect((await c.cs.fail(CannedAnswersDocument, { search: '垃圾\u0000' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    expect((await c.owner.fail(FaqDocument, { search: '\u0000' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
  });

  it('measures text as the column does: emoji with variation selectors count twice; emoji are kept as typed', async () => {
    const wide = await c.cs.fail(SaveCannedAnswerDocument, { input: { ...ok, title: '♻️'.repeat(61) } });
    expect(wide.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['title'] });
    const saved = await save(c.cs, { ...ok, title: `${'♻️'.repeat(59)}？`, bodyZh: '分类投放 🗑️♻️，谢谢配合 🙏' });
    expect(saved).toMatchObject({ title: `${'♻️'.repeat(59)}？`, bodyZh: '分类投放 🗑️♻️，谢谢配合 🙏' });
    expect(titles(await list(c.cs, '🙏'))).toEqual([saved.title]);
  });

  it('refuses what is too long, too short or invisible, with the limits', async () => {
    const cases = [
      ['bodyZh', { ...ok, bodyZh: '长'.repeat(4001) }, 4000],
      ['bodyEn', { ...ok, bodyEn: 'x'.repeat(4001) }, 4000],
      ['note', { ...ok, note: '注'.repeat(2001) }, 2000],
      ['title', { ...ok, title: '题'.repeat(121) }, 120],
      ['title', { ...ok, title: ' \u200b\u3000\ufeff ' }, 120],
      ['bodyZh', { ...ok, bodyZh: '好' }, 4000],
    ] as const;
    for (const [field, input, max] of cases) {
      const error = await c.cs.fail(SaveCannedAnswerDocument, { input });
      expect(error.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', fields: [field], reason: 'TEXT_LENGTH', max });
    }
    expect((await c.cs.fail(CannedAnswersDocument, { search: '搜'.repeat(101) })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TEXT_LENGTH',
      field: 'search',
    });
    // A megabyte body is refused by size before it reaches a validator, not with a 500.
    const huge = await c.cs.raw(SaveCannedAnswerDocument, { input: { ...ok, bodyZh: '大'.repeat(400_000) } });
    expect(huge.status).not.toBe(500);
    expect(huge.body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|PAYLOAD_TOO_LARGE/);
  });

  it('refuses crafted ids and versions as input errors, and unknown enum values before any SQL', async () => {
    expect((await c.cs.fail(SaveCannedAnswerDocument, { input: { ...ok, id: "1' or '1'='1" } })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['id'],
    });
    for (const version of [0, -1]) {
      expect((await c.cs.fail(SaveCannedAnswerDocument, { input: { ...ok, id: '00000000-0000-4000-8000-000000000000', version } })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['version'],
      });
    }
    expect((await c.cs.fail(SaveCannedAnswerDocument, { input: { ...ok, id: '00000000-0000-4000-8000-000000000000' } })).extensions?.code).toBe('NOT_FOUND');
    const bigVersion = await c.cs.raw(`mutation { approveCannedAnswer(id: "00000000-0000-4000-8000-000000000000", version: 99999999999) { id } }`);
    expect(bigVersion.body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    const badKind = await c.cs.raw(`mutation { saveCannedAnswer(input: { title: "标题", bodyZh: "内容内容", kind: DROP_TABLE }) { id } }`);
    expect(badKind.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const open = await ticketIn(c, 'INVESTIGATING');
    expect((await c.maint.fail(PostTicketUpdateDocument, { id: open.id, message: '进展', cannedAnswerId: '../../etc/passwd' })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await c.cs.fail(CannedAnswerPickerDocument, { ticketId: 'T-00001' })).extensions?.code).toBe('NOT_FOUND');
  });
});
