// A company-scale dataset for the benchmark (issue 15, item 3): 5 communities, 20,000 units,
// 24,000 owners, 5,000 proposals, 1,000,000 supports, 200,000 comments, 100,000 tickets with
// about 600,000 events and 200 reviews, on top of the demo seed (its personas sign in to it).
//
//   npm run seed:large                       (root; into DATABASE_URL, else the embedded one in DATA_DIR)
//   npm run seed:large -- --scale 0.01       (a hundredth of everything)
//   npm run seed:large -- --supports 100000 --tickets 5000
//
// Every row is made by the server: `INSERT … SELECT … FROM generate_series(…)`, one statement per
// table and community. That is what COPY would load, without sending a byte of it over the wire —
// the client only says how many (pg-copy-streams, the client side of COPY FROM STDIN for `pg`, is
// not a dependency, and generating 2 million rows in Node to stream them would cost more than the
// insert). Counters the API maintains are set from the rows they count (support_count,
// comment_count, community.proposal_seq / ticket_seq); hot_rank is a generated column, so it
// follows; ticket search documents come from the table's own trigger.
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export interface LargeSizes {
  communities: number;
  units: number;
  owners: number;
  proposals: number;
  supports: number;
  comments: number;
  tickets: number;
  events: number;
  reviews: number;
}

export const DEFAULT_SIZES: LargeSizes = {
  communities: 5,
  units: 20_000,
  owners: 24_000,
  proposals: 5_000,
  supports: 1_000_000,
  comments: 200_000,
  tickets: 100_000,
  events: 600_000,
  reviews: 200,
};

/** `--scale F` multiplies every size (not the communities); `--units N` and friends set one. */
export function sizesFromArgs(argv: readonly string[], base: LargeSizes = DEFAULT_SIZES): LargeSizes {
  const sizes = { ...base };
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return null;
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number ≥ 0, got ${argv[i + 1] ?? 'nothing'}`);
    return v;
  };
  const scale = value('scale');
  if (scale !== null) {
    for (const key of Object.keys(sizes) as (keyof LargeSizes)[]) {
      if (key !== 'communities') sizes[key] = Math.max(1, Math.round(base[key] * scale));
    }
  }
  for (const key of Object.keys(sizes) as (keyof LargeSizes)[]) {
    const v = value(key);
    if (v !== null) sizes[key] = Math.round(v);
  }
  if (sizes.communities < 1) throw new Error('--communities needs at least 1 (the demo community)');
  return sizes;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '文',
  '华',
  '红',
  '建国',
  '玉兰',
  '志强',
  '海燕',
  '晓东',
  '丹',
  '鹏',
  '婷',
  '浩然',
  '子涵',
  '欣怡',
  '宇轩',
  '梓萱',
  '一诺',
  '雨桐',
  '俊杰',
  '淑珍',
  '国庆',
  '春梅',
  '秋菊',
  '凤英',
  '德华',
  '振东',
  '思远',
];
const NEW_COMMUNITIES = ['滨江苑', '翠湖湾', '金桂园', '锦绣华庭', '观澜府', '枫丹雅居', '望江台', '紫荆花园', '书香门第', '春晓苑'];
const SUBJECTS = [
  '电梯',
  '地下车库',
  '儿童游乐区',
  '垃圾分类点',
  '快递柜',
  '门禁系统',
  '中心绿地',
  '健身器材',
  '小区路灯',
  '非机动车棚',
  '消防通道',
  '楼道照明',
  '监控探头',
  '雨水管',
  '外墙',
  '充电桩',
  '宠物便溺',
  '噪音管理',
];
const ACTIONS = ['增设', '改造', '维修', '优化', '规范管理', '延长开放时间', '重新规划', '加强巡查'];
const CATEGORIES = ['SERVICE', 'FACILITIES', 'SAFETY', 'ENVIRONMENT', 'COMMUNITY', 'EFFICIENCY'];
const COMMENTS = [
  '支持！这个问题困扰我们很久了。',
  '同意，建议尽快在业委会讨论。',
  '我们楼也有同样的情况。',
  '费用由谁承担？希望公示预算。',
  '附议，晚上尤其明显。',
  '建议先做个问卷，看看大家的意见。',
  '物业上次说会处理，到现在还没动静。',
  '可以参考隔壁小区的做法。',
  '赞成，但施工时间别影响休息。',
  '老人和孩子都需要，支持。',
];
const REPAIRS: [string, string, string][] = [
  ['卫生间地漏堵塞', '主卫地漏排水很慢，洗澡时积水。', '给排水'],
  ['厨房水龙头漏水', '水龙头关紧后仍一直滴水。', '给排水'],
  ['入户门锁卡住', '门锁转动困难，钥匙经常拔不出来。', '门窗'],
  ['客厅灯不亮', '客厅吸顶灯开关后不亮，换了灯泡也不行。', '电气'],
  ['阳台窗户关不严', '刮风时窗缝漏风有啸叫声。', '门窗'],
  ['楼道灯损坏', '本层楼道声控灯一直不亮。', '公共照明'],
  ['空调外机滴水', '楼上空调冷凝水滴在我家窗台上。', '给排水'],
];
const COMPLAINTS: [string, string, string][] = [
  ['夜间装修噪音', '楼上晚上十点后还在电钻施工。', '噪音'],
  ['车位被占用', '我的固定车位连续三天被外来车辆占用。', '停车'],
  ['垃圾清运不及时', '单元门口垃圾桶满溢，气味很大。', '保洁'],
  ['陌生人进入小区', '门岗未登记就放行外卖以外的陌生人。', '安保'],
];
const INQUIRIES: [string, string, string][] = [
  ['物业费缴纳方式', '请问物业费能否按季度线上缴纳？', '收费'],
  ['装修申请流程', '准备装修，需要提交哪些材料？', '装修'],
  ['门禁卡补办', '门禁卡丢失，如何补办，费用多少？', '门禁'],
];

const sqlText = (items: readonly string[]) => `array[${items.map((s) => `'${s.replaceAll("'", "''")}'`).join(',')}]`;
/** A deterministic pick from an array literal by an integer expression (a Knuth multiplicative hash). */
const pick = (items: readonly string[], expr: string, salt = 0) =>
  `(${sqlText(items)})[1 + (((${expr})::bigint * 2654435761 + ${salt}) % ${items.length})::int]`;
const hash = (expr: string, mod: number, salt = 0) => `((((${expr})::bigint * 2654435761 + ${salt * 40503}) % 4294967296) % ${mod})`;

/** A stride coprime to n, so that `(a + j * stride) % n` visits n distinct values for j < n. */
function strideFor(n: number): number {
  for (const p of [7919, 7907, 7901, 104729, 15485863]) if (n % p !== 0) return p;
  return 1;
}

function share(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

export interface Made {
  seconds: number;
  counts: Record<string, number>;
  /** The demo community (湖畔花园) id — the personas of the demo seed sign in to it. */
  demoCommunityId: string;
}

/**
 * Adds the large dataset to a migrated database that holds the demo seed. The demo community is
 * the first of `sizes.communities`; the others are new communities of the same company, with the
 * same settings and a staff of their own.
 */
export async function seedLarge(client: pg.Client, sizes: LargeSizes, log: (line: string) => void = console.log): Promise<Made> {
  const started = Date.now();
  const q = async <R extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []) => (await client.query<R>(text, params)).rows;
  const step = async (what: string, fn: () => Promise<unknown>) => {
    const t0 = Date.now();
    await fn();
    log(`  ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };
  const [demo] = await q<{ id: string; company_id: string }>(`select id, company_id from community where name = '湖畔花园'`);
  if (!demo) throw new Error('the demo community 湖畔花园 is missing: the large seed goes on top of the demo seed');
  if ((await q(`select 1 from person where email like '%@bench.lakeside.test' limit 1`)).length) {
    throw new Error('this database already holds the large seed (people at bench.lakeside.test); start from a fresh one');
  }
  const [{ hash: passwordHash }] = await q<{ hash: string }>(`select password_hash as hash from account where email = 'owner1@lakeside.test'`);
  await q(`set synchronous_commit = off`);
  await q(`create temp table bench_unit (cid uuid, n int, id uuid, primary key (cid, n))`);
  await q(`create temp table bench_owner (cid uuid, n int, id uuid, primary key (cid, n))`);
  await q(`create temp table bench_proposal (cid uuid, n int, id uuid, created_at timestamptz, status text, primary key (cid, n))`);

  // Communities: the demo one, then new ones with its settings and their own staff.
  const communities: { id: string; name: string; k: number }[] = [{ id: demo.id, name: '湖畔花园', k: 0 }];
  for (let k = 1; k < sizes.communities; k++) {
    const name = NEW_COMMUNITIES[(k - 1) % NEW_COMMUNITIES.length]! + (k > NEW_COMMUNITIES.length ? ` ${Math.ceil(k / NEW_COMMUNITIES.length)}期` : '');
    const [row] = await q<{ id: string }>(
      `insert into community (id, name, timezone, settings, created_at, ticket_seq, proposal_seq, company_id, address)
       select gen_random_uuid(), $1, timezone, settings, now() - interval '2 years', 0, 0, company_id, $2 from community where id = $3 returning id`,
      [name, `江城市滨湖区${name}路 ${k * 100 + 8} 号`, demo.id],
    );
    communities.push({ id: row!.id, name, k });
    // A desk, a department for each kind of ticket and a manager on the committee.
    await q(
      `insert into person (id, community_id, display_name, email, roles, department, leads_department, created_at)
       select gen_random_uuid(), $1, s.name, 'staff-' || $2 || '-' || s.n || '@bench.lakeside.test', s.roles, s.dept, true, now() - interval '2 years'
         from (values (1, '客服 周婷', array['CUSTOMER_SERVICE'], 'CUSTOMER_SERVICE'), (2, '维修 刘师傅', array['STAFF'], 'MAINTENANCE'),
                      (3, '安保 吴队长', array['STAFF'], 'SECURITY'), (4, '保洁 何阿姨', array['STAFF'], 'CLEANING'),
                      (5, '物业经理 郑华', array['STAFF','COMMITTEE'], 'MANAGEMENT')) as s(n, name, roles, dept)`,
      [row!.id, k],
    );
  }

  const per = (total: number, i: number) => share(total, communities.length, i);
  const fClosed = Math.min(1, Math.max(0, (sizes.events / Math.max(1, sizes.tickets) - 3.5) / 3.5));

  for (const [i, c] of communities.entries()) {
    const U = per(sizes.units, i),
      O = per(sizes.owners, i),
      P = per(sizes.proposals, i);
    const S = per(sizes.supports, i),
      C = per(sizes.comments, i),
      T = per(sizes.tickets, i);
    log(`${c.name}: ${U} units, ${O} owners, ${P} proposals, ${S} supports, ${C} comments, ${T} tickets`);
    const staff = async (dept: string) =>
      (
        await q<{ id: string }>(
          `select id from person where community_id = $1 and department = $2 and deactivated_at is null order by leads_department desc, created_at limit 1`,
          [c.id, dept],
        )
      )[0]!.id;
    const [cs, maint, security, cleaning, manager] = [
      await staff('CUSTOMER_SERVICE'),
      await staff('MAINTENANCE'),
      await staff('SECURITY'),
      await staff('CLEANING'),
      await staff('MANAGEMENT'),
    ];

    await step('buildings and units', async () => {
      // 72 units a building: 2 entrances (单元) × 18 floors × 2 flats; labels like 12-2-1801.
      const [{ base }] = await q<{ base: number }>(`select coalesce(max(number), 0)::int as base from building where community_id = $1`, [c.id]);
      await q(
        `insert into building (id, community_id, number, name)
         select gen_random_uuid(), $1, $2 + b, ($2 + b) || '号楼' from generate_series(1, ceil($3 / 72.0)::int) b`,
        [c.id, base, U],
      );
      await q(`insert into bench_unit (cid, n, id) select $1, g, gen_random_uuid() from generate_series(1, $2::int) g`, [c.id, U]);
      await q(
        `insert into unit (id, community_id, building_id, label, area, use)
         select u.id, $1, b.id,
                b.number || '-' || (1 + ((u.n - 1) % 72) / 36) || '-' || (1 + ((u.n - 1) % 36) / 2) || lpad((1 + (u.n - 1) % 2)::text, 2, '0'),
                round((58 + ${hash('u.n', 9000, 1)} / 100.0)::numeric, 2),
                case when ${hash('u.n', 50, 2)} = 0 then 'COMMERCIAL' else 'RESIDENTIAL' end
           from bench_unit u join building b on b.community_id = $1 and b.number = $2 + 1 + (u.n - 1) / 72
          where u.cid = $1`,
        [c.id, base],
      );
    });

    await step('owners, their accounts and ownerships', async () => {
      await q(`insert into bench_owner (cid, n, id) select $1, g, gen_random_uuid() from generate_series(1, $2::int) g`, [c.id, O]);
      await q(
        `with acc as (
           insert into account (id, company_id, email, password_hash, company_admin, password_changed_at, created_at)
           select gen_random_uuid(), $2, 'owner-' || $3 || '-' || o.n || '@bench.lakeside.test', $4, false, now() - interval '1 year', now() - interval '1 year'
             from bench_owner o where o.cid = $1
           returning id, email)
         insert into person (id, community_id, display_name, email, phone, roles, created_at, account_id)
         select o.id, $1, ${pick(SURNAMES, 'o.n', 7)} || ${pick(GIVEN, 'o.n / 3 + o.n', 11)},
                acc.email, '13' || lpad(((o.n::bigint * 7919 + $3::bigint * 104729) % 1000000000)::text, 9, '0'),
                array['OWNER'], now() - interval '1 year' - (${hash('o.n', 700, 3)} || ' days')::interval, acc.id
           from bench_owner o join acc on acc.email = 'owner-' || $3 || '-' || o.n || '@bench.lakeside.test'
          where o.cid = $1`,
        [c.id, demo.company_id, c.k, passwordHash],
      );
      // Owner n owns unit n; owners beyond the units co-own one (couples on one certificate).
      await q(
        `insert into ownership (id, community_id, person_id, unit_id, since, certificate_ref)
         select gen_random_uuid(), $1, o.id, u.id, now() - interval '1 year', '江房权证字第' || lpad((o.n * 37 + $3::int)::text, 8, '0') || '号'
           from bench_owner o join bench_unit u on u.cid = $1 and u.n = 1 + (o.n - 1) % $2
          where o.cid = $1`,
        [c.id, U, c.k],
      );
    });

    await step('proposals and their history', async () => {
      const [{ seq }] = await q<{ seq: number }>(`select proposal_seq as seq from community where id = $1`, [c.id]);
      // Mostly open; a tail that went through the committee, as a board a year old has.
      await q(
        `insert into bench_proposal (cid, n, id, created_at, status)
         select $1, g, gen_random_uuid(), now() - ((($2::int - g) * 365.0 / $2::int) || ' days')::interval - (${hash('g', 1440, 4)} || ' minutes')::interval,
                case when g <= $3 then 'IMPLEMENTED' when ${hash('g', 100, 5)} < 75 then 'OPEN' when ${hash('g', 100, 5)} < 83 then 'UNDER_REVIEW' when ${hash('g', 100, 5)} < 88 then 'ACCEPTED'
                     when ${hash('g', 100, 5)} < 92 then 'DECLINED' when ${hash('g', 100, 5)} < 96 then 'IN_PROGRESS' when ${hash('g', 100, 5)} < 99 then 'IMPLEMENTED' else 'REWARDED' end
           from generate_series(1, $2::int) g`,
        // The oldest ones of the demo community are implemented, waiting for their reward review.
        [c.id, P, i === 0 ? Math.min(sizes.reviews, P) : 0],
      );
      await q(
        `insert into proposal (id, community_id, seq, title, body, category, status, author_id, by_staff, expected_benefit, estimated_cost,
                               support_count, comment_count, status_reason, created_at, updated_at, version)
         select p.id, $1, $2 + p.n, ${pick(ACTIONS, 'p.n', 21)} || ${pick(SUBJECTS, 'p.n / 7 + p.n', 22)} || '的建议',
                '目前' || ${pick(SUBJECTS, 'p.n / 7 + p.n', 22)} || '的情况给不少住户带来不便，尤其是老人和孩子。建议物业会同业委会调研后' || ${pick(ACTIONS, 'p.n', 21)} ||
                '，并在公告栏公示方案、费用和工期，听取业主意见后实施。',
                ${pick(CATEGORIES, 'p.n', 23)}, p.status, o.id, false,
                case when p.n % 3 = 0 then '方便住户出行，减少安全隐患。' end, case when p.n % 3 = 0 then (p.n % 50) * 1000 + 2000 end,
                0, 0, case when p.status = 'DECLINED' then '经业委会讨论，本期预算不足，暂缓实施。' end, p.created_at, p.created_at, 1
           from bench_proposal p join bench_owner o on o.cid = $1 and o.n = 1 + ${hash('p.n', O, 6)}
          where p.cid = $1`,
        [c.id, seq],
      );
      await q(
        `insert into proposal_event (community_id, proposal_id, at, kind, from_status, to_status, reason, actor_id)
         select $1, p.id, p.created_at, 'SUBMITTED', null, 'OPEN', null, pr.author_id
           from bench_proposal p join proposal pr on pr.id = p.id where p.cid = $1`,
        [c.id],
      );
      // Each status reached through the committee's path, one STATUS_CHANGED event a step, a day apart.
      await q(
        `insert into proposal_event (community_id, proposal_id, at, kind, from_status, to_status, reason, actor_id)
         select $1, p.id, p.created_at + (s.i || ' days')::interval, 'STATUS_CHANGED', s.path[s.i], s.path[s.i + 1],
                case when s.path[s.i + 1] = 'DECLINED' then '经业委会讨论，本期预算不足，暂缓实施。' end, $2::uuid
           from bench_proposal p
           cross join lateral (select case when p.status = 'DECLINED' then array['OPEN','UNDER_REVIEW','DECLINED']
                                           else (array['OPEN','UNDER_REVIEW','ACCEPTED','IN_PROGRESS','IMPLEMENTED','REWARDED'])[1:array_position(array['OPEN','UNDER_REVIEW','ACCEPTED','IN_PROGRESS','IMPLEMENTED','REWARDED'], p.status)] end as path) pp
           cross join lateral (select i, pp.path from generate_series(1, cardinality(pp.path) - 1) i) s
          where p.cid = $1 and p.status <> 'OPEN'`,
        [c.id, manager],
      );
      await q(`update community set proposal_seq = proposal_seq + $2 where id = $1`, [c.id, P]);
    });

    // Popularity falls off with rank (a power law), so a few proposals carry most supports and
    // comments, as on a real board; the counts per proposal add up to exactly S (and C).
    const popularity = (total: number, cap: number) => `
      with p as (select n, id, created_at, 1.0 / power(row_number() over (order by ${hash('n', 1000003, 8)}) + 5, 0.9) as w from bench_proposal where cid = $1),
           c as (select p.*, sum(w) over (order by n) as cum, sum(w) over () as sw from p)
      select n, id, created_at, least(${cap}, floor(${total}::numeric * cum / sw) - floor(${total}::numeric * (cum - w) / sw))::int as k from c`;

    await step('supports', async () => {
      const stride = strideFor(O);
      await q(
        `insert into proposal_support (proposal_id, person_id, community_id, created_at)
         select pop.id, o.id, $1, least(now(), pop.created_at + (j * 3 + 1) * interval '1 minute')
           from (${popularity(S, O)}) pop
           cross join lateral generate_series(0, pop.k - 1) j
           join bench_owner o on o.cid = $1 and o.n = 1 + ((pop.n::bigint * 104729 + j::bigint * ${stride}) % ${O})`,
        [c.id],
      );
    });

    await step('comments', async () => {
      await q(
        `insert into proposal_comment (community_id, proposal_id, author_id, body, created_at)
         select $1, pop.id, o.id, ${pick(COMMENTS, 'pop.n * 31 + j', 9)}, least(now(), pop.created_at + (j * 7 + 3) * interval '1 minute')
           from (${popularity(C, 1_000_000)}) pop
           cross join lateral generate_series(0, pop.k - 1) j
           join bench_owner o on o.cid = $1 and o.n = 1 + ((pop.n::bigint * 613 + j::bigint * 31) % ${O})
          order by 2, 5`,
        [c.id],
      );
      if (i === 0) {
        // The demo's proposals put to the owners' vote get a discussion too (the proposal page's scenario).
        await q(
          `insert into proposal_comment (community_id, proposal_id, author_id, body, created_at)
           select $1, d.proposal_id, o.id, ${pick(COMMENTS, 'j * 7 + o.n', 10)}, d.opens_at - ((40 - j) * 37) * interval '1 minute'
             from (select distinct proposal_id, min(opens_at) as opens_at from decision where community_id = $1 group by 1) d
             cross join generate_series(1, 30) j
             join bench_owner o on o.cid = $1 and o.n = 1 + (j * 131) % ${O}`,
          [c.id],
        );
        await q(
          `update proposal p set comment_count = (select count(*)::int from proposal_comment m where m.proposal_id = p.id and m.hidden_at is null)
                  where p.community_id = $1 and p.id in (select proposal_id from decision where community_id = $1)`,
          [c.id],
        );
      }
      await q(
        `update proposal p set support_count = coalesce(s.n, 0), comment_count = coalesce(m.n, 0)
           from bench_proposal b
           left join (select proposal_id, count(*)::int n from proposal_support where community_id = $1 group by 1) s on s.proposal_id = b.id
           left join (select proposal_id, count(*)::int n from proposal_comment where community_id = $1 and hidden_at is null group by 1) m on m.proposal_id = b.id
          where b.cid = $1 and p.id = b.id`,
        [c.id],
      );
    });

    await step('tickets, their timelines and solutions', async () => {
      const [{ seq }] = await q<{ seq: number }>(`select ticket_seq as seq from community where id = $1`, [c.id]);
      // One path through the desk, within every SLA clock of the tightest urgency (HIGH), so no
      // clock is missed and no escalation is owed: opened → dispatched (5–25 min) → an update →
      // a solution proposed (≤ 225 min) → accepted by the owner (the wait is paused time) →
      // resolved → the return visit (within 72 h). A ticket stops at stage s (1–7) with s events;
      // open tickets are recent enough that the clock now running is not yet due.
      await q(`drop table if exists bench_ticket`);
      await q(
        `create temp table bench_ticket as
         with base as (
           select g as n, gen_random_uuid() as id,
                  case when ${hash('g', 1000, 12)} < ${Math.round(fClosed * 1000)} then 7 else 1 + g % 6 end as s,
                  case when ${hash('g', 100, 13)} < 60 then 'REPAIR' when ${hash('g', 100, 13)} < 85 then 'COMPLAINT' else 'INQUIRY' end as kind,
                  5 + ${hash('g', 21, 14)} as d1, 10 + ${hash('g', 51, 15)} as u2, 30 + ${hash('g', 171, 16)} as u3,
                  10 + ${hash('g', 591, 17)} as u4, 30 + ${hash('g', 871, 18)} as u5, 60 + ${hash('g', 3941, 19)} as u6,
                  ${hash('g', 20, 20)} as m, 1 + ${hash('g', O, 21)} as owner_n, ${hash('g', 12, 22)} as what
             from generate_series(1, $1::int) g),
         times as (
           select b.*, b.d1 + least(b.u2, b.u3 - 1) as d2, -- the update comes before the solution
                  b.d1 + b.u3 as d3, b.d1 + b.u3 + b.u4 as d4, b.d1 + b.u3 + b.u4 + b.u5 as d5,
                  b.d1 + b.u3 + b.u4 + b.u5 + b.u6 as d6 from base b)
         select t.*,
                now() - ((case t.s when 1 then t.m when 2 then t.d1 + t.m when 3 then t.d2 + t.m when 4 then t.d3 + t.m * 10
                                    when 5 then t.d4 + t.m * 10 when 6 then t.d5 + t.m * 100
                                    else t.d6 + 1440 * (4 + ${hash('t.n', 361, 23)}) + ${hash('t.n', 1440, 24)} end) || ' minutes')::interval as t0,
                case when t.kind = 'COMPLAINT' then 'HIGH' when t.s = 1 or t.n % 7 <> 0 then 'NORMAL' else 'LOW' end as urgency,
                case when t.s = 1 then null when t.kind = 'REPAIR' then 'MAINTENANCE' when t.kind = 'INQUIRY' then 'CUSTOMER_SERVICE'
                     else (array['SECURITY','CLEANING','MAINTENANCE'])[1 + t.n % 3] end as department,
                3 + ${hash('t.n', 3, 25)} as satisfaction
           from times t`,
        [T],
      );
      const field = (col: number) => `case t.kind when 'REPAIR' then (${sqlText(REPAIRS.map((r) => r[col]!))})[1 + t.what % ${REPAIRS.length}]
        when 'COMPLAINT' then (${sqlText(COMPLAINTS.map((r) => r[col]!))})[1 + t.what % ${COMPLAINTS.length}]
        else (${sqlText(INQUIRIES.map((r) => r[col]!))})[1 + t.what % ${INQUIRIES.length}] end`;
      const min = (col: string) => `t.t0 + t.${col} * interval '1 minute'`;
      const target = (clock: string) => `((select settings from community where id = $1)->'sla'->'targets'->t.urgency->>'${clock}')::int * interval '1 minute'`;
      await q(
        `insert into ticket (id, community_id, seq, kind, status, title, description, unit_id, owner_id, created_by_id, contact_phone, urgency,
                             classified, department, category, resolution_summary, solution_rounds, satisfaction, return_visit_comment,
                             created_at, updated_at, responded_at, first_solution_at, resolved_at, closed_at, waiting_since, paused_ms,
                             due_at, due_clock, escalation_level, missed, version)
         select t.id, $1, $2 + t.n, t.kind, (array['RECEIVED','INVESTIGATING','INVESTIGATING','SOLUTION_PROPOSED','IN_PROGRESS','RESOLVED','CLOSED'])[t.s],
                ${field(0)}, ${field(1)}, u.id, o.id, o.id, p.phone, t.urgency,
                t.s >= 2, t.department, ${field(2)},
                case when t.s >= 6 then '已现场处理完毕，经业主确认恢复正常。' end, case when t.s >= 4 then 1 else 0 end,
                case when t.s = 7 then t.satisfaction end, case when t.s = 7 then (array['处理及时，满意。','师傅很专业，准时上门。','问题解决了，谢谢。'])[1 + t.n % 3] end,
                t.t0, t.t0 + (array[0, t.d1, t.d2, t.d3, t.d4, t.d5, t.d6])[t.s] * interval '1 minute',
                case when t.s >= 2 then ${min('d1')} end, case when t.s >= 4 then ${min('d3')} end,
                case when t.s >= 6 then ${min('d5')} end, case when t.s = 7 then ${min('d6')} end,
                case when t.s = 4 then ${min('d3')} end, case when t.s >= 5 then t.u4 * 60000 else 0 end,
                case t.s when 1 then t.t0 + ${target('responseMinutes')} when 2 then t.t0 + ${target('solutionMinutes')} when 3 then t.t0 + ${target('solutionMinutes')}
                         when 5 then t.t0 + ${target('resolutionMinutes')} + t.u4 * interval '1 minute'
                         when 6 then ${min('d5')} + ((select settings from community where id = $1)->'sla'->>'returnVisitHours')::int * interval '1 hour' end,
                (array['RESPONSE','SOLUTION','SOLUTION',null,'RESOLUTION','RETURN_VISIT',null])[t.s],
                0, '{}', t.s
           from bench_ticket t
           join bench_owner o on o.cid = $1 and o.n = t.owner_n
           join person p on p.id = o.id
           join bench_unit u on u.cid = $1 and u.n = 1 + (t.owner_n - 1) % $3`,
        [c.id, seq, U],
      );
      const deptStaff = `case t.department when 'MAINTENANCE' then $3::uuid when 'SECURITY' then $4::uuid when 'CLEANING' then $5::uuid else $2::uuid end`;
      await q(
        `insert into ticket_event (community_id, ticket_id, at, kind, message, internal, actor_id, round, urgency, department)
         select $1, t.id, t.t0 + (array[0, t.d1, t.d2, t.d3, t.d4, t.d5, t.d6])[e] * interval '1 minute',
                (array['OPENED','DISPATCHED','UPDATE','SOLUTION_PROPOSED','SOLUTION_ACCEPTED','RESOLVED','RETURN_VISIT'])[e],
                case e when 2 then '已派单，请相关部门尽快处理。' when 3 then '已联系业主，约定今天下午上门查看。'
                       when 4 then '更换损坏配件，预计一小时内完成。' when 6 then '已现场处理完毕，经业主确认恢复正常。'
                       when 7 then (array['处理及时，满意。','师傅很专业，准时上门。','问题解决了，谢谢。'])[1 + t.n % 3] end,
                false,
                case e when 1 then o.id when 5 then o.id when 2 then $2::uuid when 7 then $2::uuid else ${deptStaff} end,
                case e when 4 then 1 when 5 then 1 when 7 then t.satisfaction end,
                case when e = 2 then t.urgency end, case when e = 2 then t.department end
           from bench_ticket t join bench_owner o on o.cid = $1 and o.n = t.owner_n
           cross join lateral generate_series(1, t.s) e
          order by t.n, e`,
        [c.id, cs, maint, security, cleaning],
      );
      await q(
        `insert into ticket_solution (id, community_id, ticket_id, round, text, proposed_by_id, proposed_at, accepted, responded_at, responded_by_id)
         select gen_random_uuid(), $1, t.id, 1, '更换损坏配件，预计一小时内完成。', ${deptStaff}, ${min('d3')},
                case when t.s >= 5 then true end, case when t.s >= 5 then ${min('d4')} end, case when t.s >= 5 then o.id end
           from bench_ticket t join bench_owner o on o.cid = $1 and o.n = t.owner_n where t.s >= 4`,
        [c.id, cs, maint, security, cleaning],
      );
      await q(`update community set ticket_seq = ticket_seq + $2 where id = $1`, [c.id, T]);
    });

    if (i === 0 && sizes.reviews > 0) {
      await step('reviews of implemented proposals, with their panels and some score sheets', async () => {
        await q(
          `insert into review (id, community_id, proposal_id, recipient_id, status, criteria, tiers, notice_hours, min_reviewers, round, opened_at, opened_by_id, scoring_closes_at, version)
           select gen_random_uuid(), $1, p.id, pr.author_id, 'SCORING', c.settings->'reviews'->'criteria', c.settings->'reviews'->'tiers',
                  (c.settings->'reviews'->>'noticeHours')::int, (c.settings->'reviews'->>'minReviewers')::int, 1,
                  now() - ((1 + p.n % 5) || ' days')::interval, $2, now() - ((1 + p.n % 5) || ' days')::interval + ((c.settings->'reviews'->>'scoringWindowHours')::int || ' hours')::interval, 1
             from bench_proposal p join proposal pr on pr.id = p.id join community c on c.id = $1
            where p.cid = $1 and p.status = 'IMPLEMENTED' and p.n <= $3`,
          [c.id, manager, Math.min(sizes.reviews, P)],
        );
        await q(
          `insert into review_panelist (id, community_id, review_id, person_id)
           select gen_random_uuid(), $1, r.id, m.id from review r
             join bench_proposal b on b.id = r.proposal_id
             join person m on m.community_id = $1 and 'COMMITTEE' = any(m.roles) and m.deactivated_at is null and m.id <> r.recipient_id
            where r.community_id = $1`,
          [c.id],
        );
        await q(
          `insert into review_sheet (id, community_id, review_id, reviewer_id, scores, comment, submitted_at, round)
           select gen_random_uuid(), $1, r.id, rp.person_id,
                  jsonb_object_agg(cr->>'id', 5 + ${hash('b.n + length(cr::text)', 6, 26)}), null, r.opened_at + interval '20 hours', 1
             from review r join bench_proposal b on b.id = r.proposal_id
             join review_panelist rp on rp.review_id = r.id
             cross join lateral jsonb_array_elements(r.criteria) cr
            where r.community_id = $1 and b.n % 4 = 0
              and rp.person_id in (select person_id from review_panelist x where x.review_id = r.id order by person_id limit 2)
            group by r.id, rp.person_id, b.n, r.opened_at`,
          [c.id],
        );
      });
    }
  }
  await step('analyze', () => q('analyze'));
  const failed: string[] = [];
  await step('checks (counters, timelines, deadlines, ownership)', async () => failed.push(...(await checkLarge(client))));
  if (failed.length) throw new Error(`the large seed broke its own checks:\n${failed.join('\n')}`);
  const counts: Record<string, number> = {};
  for (const table of [
    'community',
    'building',
    'unit',
    'person',
    'account',
    'ownership',
    'proposal',
    'proposal_event',
    'proposal_support',
    'proposal_comment',
    'ticket',
    'ticket_event',
    'ticket_solution',
    'review',
    'review_panelist',
    'review_sheet',
  ]) {
    counts[table] = (await q<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
  }
  return { seconds: (Date.now() - started) / 1000, counts, demoCommunityId: demo.id };
}

/** What the app maintains, checked over the whole database: each entry a check that found rows breaking it. */
export async function checkLarge(client: pg.Client): Promise<string[]> {
  const checks: [string, string][] = [
    [
      'support_count is the number of supports',
      `select count(*) from proposal p where support_count <> (select count(*) from proposal_support s where s.proposal_id = p.id)`,
    ],
    [
      'comment_count is the number of visible comments',
      `select count(*) from proposal p where comment_count <> (select count(*) from proposal_comment c where c.proposal_id = p.id and c.hidden_at is null)`,
    ],
    [
      'hot_rank follows the counts',
      `select count(*) from proposal where hot_rank is distinct from proposal_hot_rank(support_count, comment_count, created_at)`,
    ],
    [
      'a ticket is filed for a unit its owner owns',
      `select count(*) from ticket t where not exists (select 1 from ownership o where o.person_id = t.owner_id and o.unit_id = t.unit_id)`,
    ],
    [
      'every ticket opens with OPENED, at its creation',
      `select count(*) from ticket t where (select e.kind || e.at::text from ticket_event e where e.ticket_id = t.id order by e.at, e.id limit 1) is distinct from 'OPENED' || t.created_at::text`,
    ],
    [
      'an open ticket is not past the deadline now running',
      `select count(*) from ticket where status not in ('CLOSED', 'SOLUTION_PROPOSED') and (due_at is null or due_at < now()) and missed = '{}'`,
    ],
    [
      'a closed or waiting ticket has no deadline running',
      `select count(*) from ticket where status in ('CLOSED', 'SOLUTION_PROPOSED') and due_at is not null`,
    ],
    ['events are in time order and not in the future', `select count(*) from ticket_event e where e.at > now()`],
    [
      'ticket and community sequence numbers',
      `select count(*) from community c where ticket_seq < (select coalesce(max(seq), 0) from ticket t where t.community_id = c.id) or proposal_seq < (select coalesce(max(seq), 0) from proposal p where p.community_id = c.id)`,
    ],
  ];
  const failed: string[] = [];
  for (const [what, sql] of checks) {
    const n = Number((await client.query<{ count: string }>(sql)).rows[0]!.count);
    if (n) failed.push(`  ${what}: ${n} rows break it`);
  }
  return failed;
}

/** The database the app would use: DATABASE_URL, else the embedded PostgreSQL in DATA_DIR (started here). */
export async function appDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const { loadConfig } = await import('@cocreate/api/shared/config');
  const { repoRoot } = await import('../support/process.js');
  const config = loadConfig(process.env, repoRoot);
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const { startEmbeddedPostgres } = await import('@cocreate/api/db/embedded');
  console.log(`Starting the embedded PostgreSQL (data in ${config.dataDir}) …`);
  return startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
}

/** Migrates, seeds the demo if it is not there, then the large dataset; prints what it made. */
export async function migrateAndSeedLarge(url: string, sizes: LargeSizes, log: (line: string) => void = console.log): Promise<Made> {
  const { migrate, openOrm } = await import('@cocreate/api/db/orm');
  const { seedDemo } = await import('@cocreate/api/seed/demo');
  const orm = await openOrm(url, { pool: { min: 0, max: 2 }, debug: false });
  try {
    await migrate(orm);
    await seedDemo(orm.em.fork());
  } finally {
    await orm.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const made = await seedLarge(client, sizes, log);
    log(`Made in ${made.seconds.toFixed(1)} s (rows now in each table, the demo seed included):`);
    for (const [table, n] of Object.entries(made.counts)) log(`  ${table.padEnd(18)} ${n.toLocaleString('en')}`);
    return made;
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = sizesFromArgs(process.argv.slice(2));
  const db = await appDatabase();
  try {
    console.log(
      `Large seed: ${Object.entries(sizes)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ')}`,
    );
    await migrateAndSeedLarge(db.url, sizes);
  } catch (error) {
    console.error(`seed:large failed: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.stop();
  }
}
