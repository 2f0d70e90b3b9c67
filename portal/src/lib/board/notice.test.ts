import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import type { Decision } from './decision';
import { itemText, noticeCsv, noticeFacts, safeCell, toCsv } from './notice';

const closed = (over: Partial<Decision> = {}): Decision => ({
  id: 'd1',
  article278Item: 5,
  matter: 'ORDINARY',
  question: '=HYPERLINK("http://evil")是否同意使用维修资金？',
  status: 'CLOSED',
  opensAt: '2026-11-20T02:00:00Z',
  closesAt: '2026-11-27T02:00:00Z',
  closedAt: '2026-11-27T02:00:05Z',
  viewerChoice: null,
  viewerCanVote: false,
  viewerCanRecordPaperBallot: false,
  viewerBallot: null,
  proposal: { id: 'p1', number: 'P-0008', title: '更换电梯' },
  thresholds: { quorum: 2 / 3, approval: 1 / 2, approvalInclusive: false },
  participation: { owners: 100, ownersTotal: 120, area: 15000, areaTotal: 18142.5, ownersWithoutAccount: 58, paperBallots: 51 },
  result: {
    quorumMet: true,
    quorumOwnersMet: true,
    quorumAreaMet: true,
    ownersThresholdMet: true,
    areaThresholdMet: true,
    approved: true,
    forOwners: 80,
    forArea: 12000,
    againstOwners: 15,
    againstArea: 2250.25,
    abstainOwners: 5,
    abstainArea: 749.75,
    participantOwners: 100,
    participantArea: 15000,
  },
  ...over,
});

describe('the result notice', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('names the article 278 item in words, or says there is none', () => {
    expect(itemText(5)).toBe('第 278 条第 5 项 使用建筑物及其附属设施的维修资金');
    expect(itemText(8)).toContain('改变共有部分的用途');
    expect(itemText(null)).toBe('未注明第 278 条条项');
    setLocale('en');
    expect(itemText(6)).toBe('Art. 278 item 6 Raise the maintenance fund for the buildings and their facilities');
  });

  it('carries the roll, participation, the split by area and headcount, the four tests and the outcome', () => {
    const notice = noticeFacts(closed(), closed().proposal, 'csv');
    const facts = Object.fromEntries(notice.facts.map(([k, v]) => [k, v]));
    expect(facts).toMatchObject({ 名册业主: '120', '名册专有面积（m²）': '18142.50', 其中没有账户的业主: '58', 书面表决: '51', 事项类型: '一般事项' });
    expect(facts['表决规则']).toContain('> 1/2');
    expect(notice.table!.map((r) => r.slice(0, 2))).toEqual([
      ['项目', '人数'],
      ['赞成', '80'],
      ['反对', '15'],
      ['弃权', '5'],
      ['参与合计', '100'],
      ['名册总数', '120'],
    ]);
    expect(notice.table![2]![3]).toBe('2250.25');
    expect(notice.checks).toHaveLength(5);
    expect(notice.checks![1]).toEqual(['参与人数占全体业主 ≥ 2/3', '≥ 2/3', '83.3%', '达到']);
    expect(notice.outcome).toMatch(/^通过：/);
  });

  it('publishes only participation while the vote is open', () => {
    const notice = noticeFacts(closed({ status: 'OPEN', closedAt: null, result: null }), closed().proposal);
    expect(notice).toMatchObject({ table: null, checks: null, outcome: null });
    expect(noticeCsv(notice)).toContain('表决尚未结束');
    expect(noticeCsv(notice)).not.toContain('赞成');
  });

  it('neutralises cells a spreadsheet would run, and quotes what CSV needs quoted', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(safeCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(safeCell('通过')).toBe('通过');
    expect(safeCell('a,b')).toBe('"a,b"');
    expect(safeCell('say "hi"')).toBe('"say ""hi"""');
    expect(safeCell('=A1,2')).toBe(`"'=A1,2"`);
    const csv = noticeCsv(noticeFacts(closed(), closed().proposal, 'csv'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")是否同意使用维修资金？"`);
    expect(csv.split('\r\n').every((line) => !/^[=+\-@]/.test(line) && !/,[=+\-@]/.test(line))).toBe(true);
    expect(toCsv([['a', 'b'], []])).toBe('\uFEFFa,b\r\n\r\n');
  });
});
