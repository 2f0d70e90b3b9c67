import { hasAccountSql } from '../community/person.sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Person } from '../community/person.entity.js';
import { DecisionService } from '../decisions/decision.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ReviewService } from '../reviews/review.service.js';
import { BallotChoice } from '../decisions/decision.enums.js';
import { areaToCents, matterOfItem, tallyDecision, type Article278Item, type Count } from '../decisions/decision.rules.js';
import { NotificationService } from '../notifications/notification.service.js';
import { ProposalService } from '../proposals/proposal.service.js';
import { ProposalCategory, ProposalStatus } from '../proposals/proposal.enums.js';
import { ManualClock } from '../shared/clock.js';
import type { ViewerContext } from '../community/viewer.js';
import type { EventBus } from '../shared/events.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface Idea {
  by: string;
  title: string;
  body: string;
  category: ProposalCategory;
  benefit?: string;
  cost?: number;
  ago: number;
  supporters: number[];
  comments?: [string, string][];
  path?: { to: ProposalStatus; reason?: string; by?: string }[];
  vote?: Vote;
}

/**
 * A demo vote. Its ballots are computed from the roll as the register has it when the vote opens
 * (the register decides how many electors there are and which have accounts), so the outcome
 * holds whatever the register holds: `turnout` of the electors take part, in label order, skipping
 * evenly; of those, every `againstEvery`-th votes AGAINST and every `abstainEvery`-th abstains,
 * the rest FOR. Electors with an account mostly vote online; the others, and one in ten of those
 * with an account, on paper, recorded by customer service. The seed checks the outcome it meant with the tally rules before it closes.
 */
interface Vote {
  item: Article278Item;
  question: string;
  openedAgo: number;
  closesIn: number;
  turnout: number;
  againstEvery: number;
  abstainEvery: number;
  expect: 'approved' | 'noQuorum' | 'open';
  /** Reference prefix printed on this vote's ballot papers. */
  paper: string;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const IDEAS: Idea[] = [
  {
    by: 'owner1',
    title: '单元门口加装雨棚',
    category: ProposalCategory.FACILITIES,
    ago: 3 * DAY,
    supporters: range(20, 27),
    body: '下雨天在单元门口找门禁卡、收伞时很容易淋湿，老人和抱孩子的业主尤其不便。建议在各单元门口加装透明雨棚。',
    benefit: '雨天出入更安全，减少门厅地面湿滑',
    cost: 36000,
    comments: [
      ['owner21', '支持！上次下雨差点滑倒。'],
      ['manager', '物业已询价，透明耐力板雨棚每个约 3000 元。'],
    ],
  },
  {
    by: 'manager',
    title: '地库照明改用雷达感应灯',
    category: ProposalCategory.EFFICIENCY,
    ago: 5 * DAY,
    supporters: range(28, 39),
    body: '地下车库照明 24 小时常亮。改为雷达感应灯后，无人时保持 20% 亮度，有人车经过时全亮。',
    benefit: '预计每年节约公共电费约 2.4 万元',
    cost: 52000,
  },
  {
    by: 'owner7',
    title: '小区增设电动车充电桩',
    category: ProposalCategory.FACILITIES,
    ago: 9 * DAY,
    supporters: range(6, 30),
    body: '电动自行车在楼道充电有火灾隐患。建议在 1 号楼和 3 号楼旁的空地设置集中充电棚，刷卡计费。',
    benefit: '消除楼道充电的消防隐患',
    cost: 80000,
    comments: [
      ['owner8', '希望充电棚有监控和灭火器。'],
      ['security', '安保部同意，集中充电便于巡查。'],
    ],
    // Art. 278 item 8: a charging shed on common ground, run for a fee, changes the use of common parts.
    vote: {
      item: 8,
      question: '是否同意在 1 号楼、3 号楼旁空地建设电动自行车集中充电棚并收费运营？',
      openedAgo: 2 * DAY,
      closesIn: 5 * DAY,
      turnout: 0.45,
      againstEvery: 8,
      abstainEvery: 13,
      expect: 'open',
      paper: 'CD',
    },
  },
  {
    by: 'cleaning',
    title: '垃圾分类投放点加装洗手池',
    category: ProposalCategory.ENVIRONMENT,
    ago: 14 * DAY,
    supporters: range(40, 54),
    body: '业主投放湿垃圾后没有地方洗手。建议在 4 个投放点各加装一个洗手池和脚踏式水龙头。',
    cost: 12000,
    path: [{ to: ProposalStatus.UNDER_REVIEW }, { to: ProposalStatus.ACCEPTED, reason: '费用小、受益面广，委员会一致同意。' }],
  },
  {
    by: 'owner9',
    title: '游泳池延长开放到晚上十点',
    category: ProposalCategory.COMMUNITY,
    ago: 20 * DAY,
    supporters: range(2, 6),
    body: '夏天下班后想游泳，目前 20:00 就闭馆了，希望延长到 22:00。',
    path: [
      { to: ProposalStatus.UNDER_REVIEW },
      { to: ProposalStatus.DECLINED, reason: '夜间需增配两名持证救生员，年增成本约 8 万元，且与住户夜间安静时段冲突，暂不采纳。' },
    ],
  },
  {
    by: 'owner4',
    title: '儿童游乐区更换软质地垫',
    category: ProposalCategory.SAFETY,
    ago: 30 * DAY,
    supporters: range(10, 31),
    body: '儿童游乐区现在是水泥地面，孩子摔倒容易受伤。建议整体铺设 EPDM 软质地垫。',
    cost: 45000,
    path: [{ to: ProposalStatus.UNDER_REVIEW }, { to: ProposalStatus.ACCEPTED, reason: '涉及儿童安全，优先实施。' }, { to: ProposalStatus.IN_PROGRESS }],
    // Item 5, using the maintenance fund: a simple majority would have done, but too few took part.
    vote: {
      item: 5,
      question: '是否同意使用公共维修资金 4.5 万元为儿童游乐区铺设软质地垫？',
      openedAgo: 27 * DAY,
      closesIn: -20 * DAY,
      turnout: 0.5,
      againstEvery: 6,
      abstainEvery: 11,
      expect: 'noQuorum',
      paper: 'DD',
    },
  },
  {
    by: 'cs',
    title: '快递柜增加冷藏格口',
    category: ProposalCategory.SERVICE,
    ago: 45 * DAY,
    supporters: range(30, 45),
    body: '生鲜快递放在普通格口里，夏天容易变质。建议与快递柜运营方协商加装冷藏格口。',
    benefit: '生鲜到家不变质，减少投诉',
    cost: 0,
    path: [
      { to: ProposalStatus.UNDER_REVIEW },
      { to: ProposalStatus.ACCEPTED },
      { to: ProposalStatus.IN_PROGRESS },
      { to: ProposalStatus.IMPLEMENTED, reason: '运营方已免费加装 12 个冷藏格口。' },
    ],
  },
  {
    by: 'owner12',
    title: '使用公共维修资金更换 2 号楼电梯',
    category: ProposalCategory.SAFETY,
    ago: 12 * DAY,
    supporters: range(12, 40),
    body: '2 号楼电梯已运行 18 年，近一年困人 4 次。建议使用公共维修资金更换两部电梯。',
    cost: 960000,
    // Item 5, using the maintenance fund: more than half of the participating area and owners.
    vote: {
      item: 5,
      question: '是否同意使用公共维修资金 96 万元更换 2 号楼两部电梯？',
      openedAgo: 8 * DAY,
      closesIn: -1 * DAY,
      turnout: 0.85,
      againstEvery: 9,
      abstainEvery: 14,
      expect: 'approved',
      paper: 'DT',
    },
  },
];

interface RollRow {
  unit_id: string;
  label: string;
  area: string;
  account_id: string | null;
}

/** Proposals in every status, comments, an open owners' vote and two closed ones (one passed with paper ballots, one short of quorum), through the real commands. */
export async function seedDemoBoard(em: EntityManager, communityId: string, events: EventBus): Promise<void> {
  const now = Date.now();
  const clock = new ManualClock(new Date(now));
  const notifications = new NotificationService(clock, events);
  const proposals = new ProposalService(clock, events, notifications);
  const audit = new AuditService(clock);
  const decisions = new DecisionService(clock, events, notifications, audit);
  const reviews = new ReviewService(clock, events, notifications, audit);
  const ids = new Map<string, string>();
  const people = await em.find(Person, { community: communityId }, { filters: false });
  const asViewer = (p: Person): ViewerContext => ({ id: p.id, communityId, roles: p.roles, department: p.department, sessionTokenHash: '' });
  const viewer = (local: string): ViewerContext => {
    const p = people.find((x) => x.email === `${local}@lakeside.test`);
    if (!p) throw new Error(`demo person ${local} is missing`);
    return asViewer(p);
  };
  const owner = (n: number) => viewer(`owner${n}`);
  const at = (ms: number) => clock.set(new Date(ms));

  for (const idea of IDEAS) {
    const start = now - idea.ago;
    at(start);
    const id = await proposals.submit(em.fork(), viewer(idea.by), {
      title: idea.title,
      body: idea.body,
      category: idea.category,
      expectedBenefit: idea.benefit ?? null,
      estimatedCost: idea.cost ?? null,
    });
    ids.set(idea.title, id);
    let t = start;
    for (const n of idea.supporters) {
      t += HOUR;
      at(t);
      await proposals.support(em.fork(), owner(n), id);
    }
    for (const [who, body] of idea.comments ?? []) {
      t += 2 * HOUR;
      at(t);
      await proposals.comment(em.fork(), viewer(who), id, body);
    }
    for (const step of idea.path ?? []) {
      t += DAY / 2;
      at(Math.min(t, now - HOUR));
      const current = await em.fork().execute<{ status: string }[]>('select status from proposal where id = ?', [id]);
      if (current[0]!.status === step.to) continue; // the support threshold already moved it
      await proposals.advance(em.fork(), viewer(step.by ?? 'manager'), id, step.to, step.reason ?? null);
    }
    if (idea.vote) {
      const opened = now - idea.vote.openedAgo;
      at(opened);
      const vote = idea.vote;
      const decision = await decisions.open(em.fork(), viewer('manager'), id, {
        question: vote.question,
        article278Item: vote.item,
        closesAt: new Date(now + vote.closesIn),
      });
      // The roll as it was fixed: one row per elector, its first unit by label, and an owner with an account if any.
      const roll = await em.fork().execute<RollRow[]>(
        `select x.unit_id, x.label, e.area::text as area,
                (select p.id from person p where p.id = any(e.owner_ids) and ${hasAccountSql('p')} order by p.email limit 1) as account_id
           from decision_elector e
           cross join lateral (select u.id as unit_id, u.label from unit u where u.id = any(e.unit_ids) order by u.label limit 1) x
          where e.decision_id = ? order by x.label`,
        [decision.id],
      );
      const every = 1 / vote.turnout;
      const voters = roll.filter((_, i) => Math.floor(i / every) !== Math.floor((i + 1) / every));
      const tally: Record<BallotChoice, Count> = {
        FOR: { owners: 0, areaCents: 0n },
        AGAINST: { owners: 0, areaCents: 0n },
        ABSTAIN: { owners: 0, areaCents: 0n },
      };
      let b = opened;
      let paper = 0;
      for (const [i, elector] of voters.entries()) {
        const choice = i % vote.againstEvery === 1 ? BallotChoice.AGAINST : i % vote.abstainEvery === 2 ? BallotChoice.ABSTAIN : BallotChoice.FOR;
        tally[choice].owners++;
        tally[choice].areaCents += areaToCents(elector.area);
        b += 12 * 60_000;
        at(b);
        // Some owners with an account still hand in a signed paper, as the law allows.
        const account = elector.account_id && i % 10 !== 4 ? people.find((p) => p.id === elector.account_id) : undefined;
        if (account) {
          await decisions.castBallot(em.fork(), asViewer(account), decision.id, choice);
        } else {
          paper++;
          const reference = `${vote.paper}-${String(paper).padStart(3, '0')}`;
          await decisions.recordPaperBallot(em.fork(), viewer('cs'), { decisionId: decision.id, unitId: elector.unit_id, choice, reference });
        }
      }
      const expected = tallyDecision({
        matter: matterOfItem(vote.item),
        total: { owners: roll.length, areaCents: roll.reduce((sum, e) => sum + areaToCents(e.area), 0n) },
        for: tally.FOR,
        against: tally.AGAINST,
        abstain: tally.ABSTAIN,
      });
      const outcome = expected.approved ? 'approved' : expected.quorumMet ? 'notApproved' : 'noQuorum';
      if (vote.expect !== 'open' && outcome !== vote.expect) {
        throw new Error(`demo vote "${vote.question}" would come out ${outcome}, not ${vote.expect}, on a roll of ${roll.length}: adjust its turnout or split`);
      }
      if (vote.closesIn < 0) {
        at(now + vote.closesIn);
        await decisions.sweep(em.fork());
      }
    }
  }

  // Reviews: one final (rewarded), one in its notice period with an objection, one being scored.
  const sheet = (a: number, b: number, c: number, d: number) => [
    { criterionId: 'innovation', score: a },
    { criterionId: 'feasibility', score: b },
    { criterionId: 'benefit', score: c },
    { criterionId: 'reach', score: d },
  ];
  const REVIEWS: { title: string; openedAgo: number; sheets: [string, number[]][]; finalizeAgo?: number; objection?: [string, string, string, boolean] }[] = [
    {
      title: '快递柜增加冷藏格口',
      openedAgo: 20 * DAY,
      finalizeAgo: 12 * DAY,
      sheets: [
        ['owner2', [8, 9, 9, 8]],
        ['owner3', [7, 9, 8, 9]],
        ['owner4', [9, 9, 9, 8]],
        ['owner5', [6, 8, 7, 8]],
        ['manager', [8, 8, 9, 9]],
      ],
      objection: ['owner30', '冷藏格口只在南门，北门业主受益有限，受益面分数是否偏高？', '北门快递柜将在下季度同步加装，受益面评分维持。', false],
    },
    {
      title: '垃圾分类投放点加装洗手池',
      openedAgo: 4 * DAY,
      finalizeAgo: 2 * DAY,
      sheets: [
        ['owner2', [6, 9, 7, 8]],
        ['owner3', [5, 9, 7, 9]],
        ['owner4', [6, 8, 6, 8]],
        ['manager', [7, 9, 7, 8]],
      ],
      objection: ['owner18', '洗手池冬天会结冰，建议评审时考虑维护成本。', '', false],
    },
    {
      title: '儿童游乐区更换软质地垫',
      openedAgo: 1 * DAY,
      sheets: [
        ['owner2', [6, 9, 8, 7]],
        ['owner3', [7, 8, 8, 6]],
      ],
    },
  ];
  for (const r of REVIEWS) {
    at(now - r.openedAgo);
    const reviewId = await reviews.open(em.fork(), viewer('manager'), ids.get(r.title)!);
    let t = now - r.openedAgo;
    for (const [who, s] of r.sheets) {
      t += 2 * HOUR;
      at(t);
      await reviews.submitScores(em.fork(), viewer(who), reviewId, sheet(s[0]!, s[1]!, s[2]!, s[3]!), null);
    }
    if (r.finalizeAgo !== undefined) {
      if (r.sheets.length < 5) await reviews.declareConflict(em.fork(), viewer('owner5'), reviewId, '与提案人同在保洁外包合同谈判小组');
      at(now - r.finalizeAgo);
      await reviews.finalize(em.fork(), viewer('manager'), reviewId);
      if (r.objection) {
        const [who, body, answer, upheld] = r.objection;
        at(now - r.finalizeAgo + DAY);
        const objectionId = await reviews.raiseObjection(em.fork(), viewer(who), reviewId, body);
        if (answer) {
          at(now - r.finalizeAgo + 2 * DAY);
          await reviews.answerObjection(em.fork(), viewer('manager'), objectionId, answer, upheld);
        }
      }
    }
  }
  at(now);
  await reviews.sweep(em.fork());
}
