import { formatArea, formatDate, formatNumber, t } from '$lib/i18n';
import { CHOICE_ORDER, outcomeOf, resultChecks, type Decision } from './decision';
import { percentText, share, thresholdText } from './fractions';

export type NoticeRow = readonly string[];

/** "第 278 条第 5 项 使用建筑物及其附属设施的维修资金", or a plain note for a vote opened with a matter only. */
export function itemText(item: number | null | undefined): string {
  if (!item || item < 1 || item > 9) return t('decision.item.none');
  return `${t('decision.item.label', { item })} ${t(`decision.item.${item as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`)}`;
}

export interface NoticeFacts {
  /** Label and value, in the order the notice reads. */
  facts: NoticeRow[];
  /** Header row, then FOR / AGAINST / ABSTAIN / participants / roll; null while sealed. */
  table: NoticeRow[] | null;
  /** The four tests of art. 278: requirement, actual, met; null while sealed. */
  checks: NoticeRow[] | null;
  /** The outcome in words; null while sealed. */
  outcome: string | null;
}

interface Format {
  count: (n: number) => string;
  area: (m2: number) => string;
  time: (iso: string) => string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** For people: grouped digits, the date in words. For a spreadsheet: bare numbers it can add up, sortable times. */
const FORMATS: Record<'page' | 'csv', Format> = {
  page: {
    count: (n) => formatNumber(n),
    area: (m2) => formatArea(m2),
    time: (iso) => formatDate(new Date(iso), { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
  },
  csv: {
    count: (n) => String(n),
    area: (m2) => m2.toFixed(2),
    time: (iso) => {
      const d = new Date(iso);
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    },
  },
};

/**
 * 表决结果公告: every figure of the notice as text, once, for both the printable page and the CSV,
 * so the two cannot disagree.
 */
export function noticeFacts(decision: Decision, proposal: { number: string; title: string }, format: 'page' | 'csv' = 'page'): NoticeFacts {
  const { count, area, time } = FORMATS[format];
  const quorum = thresholdText(decision.thresholds.quorum, true);
  const approval = thresholdText(decision.thresholds.approval, decision.thresholds.approvalInclusive);
  const p = decision.participation;
  const result = decision.result;
  const facts: NoticeRow[] = [
    [t('decision.notice.proposal'), `${proposal.number} ${proposal.title}`],
    [t('decision.notice.question'), decision.question],
    [t('decision.notice.item'), itemText(decision.article278Item)],
    [t('decision.notice.matter'), t(`decision.matter.${decision.matter}`)],
    [t('decision.notice.rules'), t('decision.notice.rulesValue', { quorum, approval })],
    [t('decision.notice.opensAt'), time(decision.opensAt)],
    [t('decision.notice.closesAt'), time(decision.closesAt)],
    ...(decision.closedAt ? [[t('decision.notice.closedAt'), time(decision.closedAt)]] : []),
    [t('decision.notice.rollOwners'), count(p.ownersTotal)],
    [t('decision.notice.rollArea'), area(p.areaTotal)],
    [t('decision.notice.withoutAccount'), count(p.ownersWithoutAccount)],
    [t('decision.notice.participantOwners'), `${count(p.owners)} (${percentText(share(p.owners, p.ownersTotal))})`],
    [t('decision.notice.participantArea'), `${area(p.area)} (${percentText(share(p.area, p.areaTotal))})`],
    [t('decision.notice.paper'), count(p.paperBallots)],
  ];
  if (decision.status !== 'CLOSED' || !result) return { facts, table: null, checks: null, outcome: null };

  const byChoice = {
    FOR: [result.forOwners, result.forArea],
    AGAINST: [result.againstOwners, result.againstArea],
    ABSTAIN: [result.abstainOwners, result.abstainArea],
  } as const;
  const table: NoticeRow[] = [
    [t('decision.table.row'), t('decision.table.owners'), t('decision.table.ownersShare'), `${t('decision.table.area')} (m²)`, t('decision.table.areaShare')],
    ...CHOICE_ORDER.map((choice) => {
      const [owners, m2] = byChoice[choice];
      return [
        t(`decision.choice.${choice}`),
        count(owners),
        percentText(share(owners, result.participantOwners)),
        area(m2),
        percentText(share(m2, result.participantArea)),
      ];
    }),
    [
      t('decision.table.participants'),
      count(result.participantOwners),
      percentText(result.participantOwners > 0 ? 1 : 0),
      area(result.participantArea),
      percentText(result.participantArea > 0 ? 1 : 0),
    ],
    [t('decision.table.roll'), count(p.ownersTotal), '', area(p.areaTotal), ''],
  ];
  const checks: NoticeRow[] = [
    [t('decision.notice.check'), t('decision.notice.threshold'), t('decision.notice.actual'), t('decision.notice.verdict')],
    ...resultChecks(decision, result).map((check) => {
      const rule = check.key.startsWith('quorum') ? quorum : approval;
      return [t(`decision.check.${check.key}`, { rule }), rule, percentText(check.share), t(check.met ? 'decision.check.met' : 'decision.check.notMet')];
    }),
  ];
  const kind = outcomeOf(result);
  return {
    facts,
    table,
    checks,
    outcome: t('decision.notice.outcomeValue', { outcome: t(`decision.outcome.${kind}`), why: t(`decision.outcome.why.${kind}`, { quorum, approval }) }),
  };
}

/**
 * A spreadsheet cell that cannot run: text a spreadsheet would read as a formula (= + - @, or a
 * leading tab or carriage return) is prefixed with an apostrophe (OWASP's CSV injection advice).
 */
export function safeCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a byte-order mark (what Excel needs to read Chinese), CRLF line ends. */
export function toCsv(rows: readonly NoticeRow[]): string {
  return `\uFEFF${rows.map((row) => row.map(safeCell).join(',')).join('\r\n')}\r\n`;
}

/** The whole notice as CSV: the facts, a blank line, the split, the checks, the outcome. */
export function noticeCsv(notice: NoticeFacts): string {
  const rows: NoticeRow[] = [...notice.facts];
  if (notice.table && notice.checks && notice.outcome) {
    rows.push([], ...notice.table, [], ...notice.checks, [], [t('decision.notice.outcome'), notice.outcome]);
  } else {
    rows.push([], [t('decision.notice.outcome'), t('decision.notice.sealed')]);
  }
  return toCsv(rows);
}
