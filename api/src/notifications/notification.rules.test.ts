import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProposalStatus } from '../proposals/proposal.enums.js';
import {
  channelsFor,
  DEFAULT_SETTINGS,
  defaultChannelsOf,
  inQuietHours,
  KIND_RULES,
  linkFor,
  NOTICE_KINDS,
  planDeliveries,
  preferenceProblem,
  quietHoursEnd,
  type Channel,
  type PersonSettings,
} from './notification.rules.js';
import { render } from './notification.templates.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** 12:00 and 23:30 in China (UTC+8). */
const NOON = new Date('2026-12-03T04:00:00Z');
const NIGHT = new Date('2026-12-03T15:30:00Z');

describe('which events reach whom', () => {
  // The table as a reader checks it: kind → audience → default channels → law / action.
  const TABLE: [kind: string, audience: string, channels: Channel[], legal: boolean][] = [
    ['TICKET_SOLUTION_PROPOSED', 'OWNER', ['INBOX', 'SMS', 'EMAIL'], false],
    ['TICKET_RESOLVED', 'OWNER', ['INBOX', 'SMS', 'EMAIL'], false],
    ['TICKET_UPDATE', 'OWNER', ['INBOX'], false],
    ['TICKET_OPENED', 'CUSTOMER_SERVICE', ['INBOX', 'EMAIL'], false],
    ['TICKET_DISPATCHED', 'DEPARTMENT', ['INBOX', 'EMAIL'], false],
    ['TICKET_ASSIGNED', 'ASSIGNEE', ['INBOX', 'SMS', 'EMAIL'], false],
    ['TICKET_ESCALATED_TO_HEAD', 'DEPARTMENT_HEAD', ['INBOX', 'SMS', 'EMAIL'], false],
    ['TICKET_ESCALATED_TO_MANAGEMENT', 'MANAGEMENT', ['INBOX', 'SMS', 'EMAIL'], false],
    ['PROPOSAL_COMMENTED', 'AUTHOR', ['INBOX'], false],
    ['PROPOSAL_ACCEPTED', 'AUTHOR,SUPPORTERS', ['INBOX', 'EMAIL'], false],
    ['DECISION_OPENED', 'ELECTORS', ['INBOX', 'SMS', 'EMAIL'], true],
    ['DECISION_APPROVED', 'ELECTORS', ['INBOX', 'EMAIL'], true],
    ['DECISION_NOT_APPROVED', 'ELECTORS', ['INBOX', 'EMAIL'], true],
    ['REVIEW_OPENED', 'COMMITTEE', ['INBOX', 'EMAIL'], false],
    ['REVIEW_OBJECTION', 'COMMITTEE', ['INBOX', 'EMAIL'], false],
    ['REVIEW_FINAL', 'RECIPIENT', ['INBOX', 'EMAIL'], false],
  ];
  it.each(TABLE)('%s reaches %s on %j (legal: %s)', (kind, audience, channels, legal) => {
    const rule = (KIND_RULES as Record<string, { audience: string[]; channels: Channel[]; legal?: boolean }>)[kind]!;
    expect(rule.audience.join(',')).toBe(audience);
    expect(rule.channels).toEqual(channels);
    expect(rule.legal ?? false).toBe(legal);
  });

  it('has a rule for every kind the services send, and every rule starts in the inbox', () => {
    const sent = new Set<string>();
    for (const dir of ['tickets', 'proposals', 'decisions', 'reviews']) {
      for (const file of fs.readdirSync(path.join(here, '..', dir)).filter((f) => f.endsWith('.service.ts'))) {
        const source = fs.readFileSync(path.join(here, '..', dir, file), 'utf8');
        // Each notice: `this.notify(…, 'KIND')` in tickets, `notifications.queue(…, { …, kind: … })` elsewhere.
        const calls = [...source.matchAll(/this\.notify\([^;]*?\);|notifications\.queue\([\s\S]*?\}\)/g)].map((m) => m[0]);
        for (const call of calls) {
          for (const m of call.matchAll(/'([A-Z]+_[A-Z_]+)'/g)) if (!m[1]!.endsWith('_CHANGED')) sent.add(m[1]!); // not the change events
          if (call.includes('`PROPOSAL_${to}`')) for (const status of Object.values(ProposalStatus)) sent.add(`PROPOSAL_${status}`);
        }
      }
    }
    expect(sent.size).toBeGreaterThan(25);
    expect([...sent].filter((k) => !NOTICE_KINDS.includes(k as never))).toEqual([]);
    for (const kind of NOTICE_KINDS) expect(KIND_RULES[kind].channels[0]).toBe('INBOX');
  });
});

describe('preferences', () => {
  it.each([
    ['PROPOSAL_COMMENTED', ['INBOX', 'EMAIL'], null],
    ['PROPOSAL_ACCEPTED', ['INBOX'], null],
    ['TICKET_SOLUTION_PROPOSED', ['INBOX', 'SMS'], null],
    ['TICKET_SOLUTION_PROPOSED', ['EMAIL'], 'must keep INBOX: every notification stays in the inbox'],
    ['DECISION_OPENED', ['INBOX'], 'is required by law and cannot be turned off on SMS, EMAIL'],
    ['DECISION_OPENED', ['INBOX', 'SMS', 'EMAIL', 'WECHAT'], null],
    ['NO_SUCH_KIND', ['INBOX'], 'is not a notification kind'],
  ] as [string, Channel[], string | null][])('%s with %j: %s', (kind, channels, problem) => {
    expect(preferenceProblem(kind, channels)).toBe(problem);
  });

  it('a stored choice for a legal kind never removes its channels', () => {
    expect(channelsFor('DECISION_OPENED', ['INBOX'])).toEqual(['INBOX', 'EMAIL', 'SMS']);
    expect(channelsFor('PROPOSAL_COMMENTED', [])).toEqual(['INBOX']);
    expect(channelsFor('PROPOSAL_COMMENTED', undefined)).toEqual(['INBOX']);
    expect(channelsFor('TICKET_RESOLVED', ['INBOX'])).toEqual(['INBOX']);
  });
});

describe('planning deliveries', () => {
  type Addresses = { EMAIL: string | null; SMS: string | null; WECHAT: string | null };
  const both: Addresses = { EMAIL: 'o@x.test', SMS: '13800138000', WECHAT: null };
  const digest: PersonSettings = { ...DEFAULT_SETTINGS, digest: true };
  const noQuiet: PersonSettings = { ...DEFAULT_SETTINGS, quietHours: null };
  const plan = (kind: string, settings: PersonSettings, now: Date, urgent = false, addresses: Addresses = both, chosen?: Channel[]) =>
    planDeliveries({ kind, chosen, settings, addresses, urgent, now }).map(
      (p) => `${p.channel}${p.digest ? ':digest' : ''}${p.runAt.getTime() === now.getTime() ? '' : `@${p.runAt.toISOString()}`}`,
    );

  it.each([
    ['solution by day', 'TICKET_SOLUTION_PROPOSED', DEFAULT_SETTINGS, NOON, false, ['EMAIL', 'SMS']],
    ['solution at night: SMS held to 07:00', 'TICKET_SOLUTION_PROPOSED', DEFAULT_SETTINGS, NIGHT, false, ['EMAIL', 'SMS@2026-12-03T23:00:00.000Z']],
    ['urgent ticket at night: SMS now', 'TICKET_ASSIGNED', DEFAULT_SETTINGS, NIGHT, true, ['EMAIL', 'SMS']],
    ['no quiet hours', 'TICKET_SOLUTION_PROPOSED', noQuiet, NIGHT, false, ['EMAIL', 'SMS']],
    [
      'vote opened at night: law, but SMS still waits for morning',
      'DECISION_OPENED',
      DEFAULT_SETTINGS,
      NIGHT,
      false,
      ['EMAIL', 'SMS@2026-12-03T23:00:00.000Z'],
    ],
    ['digest reader: board news into the digest', 'PROPOSAL_ACCEPTED', digest, NOON, false, ['EMAIL:digest']],
    ['digest reader: a solution to confirm is not held back', 'TICKET_SOLUTION_PROPOSED', digest, NOON, false, ['EMAIL', 'SMS']],
    ['digest reader: a vote is never held back', 'DECISION_APPROVED', digest, NOON, false, ['EMAIL']],
    ['inbox-only kind', 'TICKET_UPDATE', DEFAULT_SETTINGS, NOON, false, []],
    ['unknown kind: inbox only', 'SOMETHING_NEW', DEFAULT_SETTINGS, NOON, false, []],
  ] as [string, string, PersonSettings, Date, boolean, string[]][])('%s', (_name, kind, settings, now, urgent, expected) => {
    expect(plan(kind, settings, now, urgent)).toEqual(expected);
  });

  it('leaves out channels without an address (WeChat: not configured or not bound)', () => {
    expect(plan('TICKET_SOLUTION_PROPOSED', DEFAULT_SETTINGS, NOON, false, { EMAIL: null, SMS: '13800138000', WECHAT: null })).toEqual(['SMS']);
    expect(plan('TICKET_SOLUTION_PROPOSED', DEFAULT_SETTINGS, NOON, false, { EMAIL: null, SMS: null, WECHAT: null }, ['INBOX', 'WECHAT'])).toEqual([]);
  });

  const bound: Addresses = { ...both, WECHAT: 'oOpenid123456' };
  it.each([
    ['a solution to confirm: WeChat beside SMS by default', 'TICKET_SOLUTION_PROPOSED', DEFAULT_SETTINGS, NOON, false, ['EMAIL', 'SMS', 'WECHAT']],
    [
      'at night WeChat waits like SMS',
      'TICKET_SOLUTION_PROPOSED',
      DEFAULT_SETTINGS,
      NIGHT,
      false,
      ['EMAIL', 'SMS@2026-12-03T23:00:00.000Z', 'WECHAT@2026-12-03T23:00:00.000Z'],
    ],
    ['urgent at night: WeChat now', 'TICKET_ASSIGNED', DEFAULT_SETTINGS, NIGHT, true, ['EMAIL', 'SMS', 'WECHAT']],
    ['a kind without SMS has no WeChat by default', 'PROPOSAL_ACCEPTED', DEFAULT_SETTINGS, NOON, false, ['EMAIL']],
    ['digest reader: board news by mail only', 'PROPOSAL_ACCEPTED', digest, NOON, false, ['EMAIL:digest']],
  ] as [string, string, PersonSettings, Date, boolean, string[]][])('bound to WeChat, %s', (_name, kind, settings, now, urgent, expected) => {
    expect(plan(kind, settings, now, urgent, bound)).toEqual(expected);
  });

  it('WeChat is a default, never a requirement of law', () => {
    expect(defaultChannelsOf('DECISION_OPENED')).toEqual(['INBOX', 'SMS', 'EMAIL', 'WECHAT']);
    expect(preferenceProblem('DECISION_OPENED', ['INBOX', 'SMS', 'EMAIL'])).toBeNull();
    expect(channelsFor('DECISION_OPENED', ['INBOX'])).toEqual(['INBOX', 'EMAIL', 'SMS']);
    expect(plan('PROPOSAL_COMMENTED', DEFAULT_SETTINGS, NOON, false, bound, ['INBOX', 'WECHAT'])).toEqual(['WECHAT']);
  });

  it('follows the person’s own channels', () => {
    expect(plan('PROPOSAL_COMMENTED', DEFAULT_SETTINGS, NOON, false, both, ['INBOX', 'SMS'])).toEqual(['SMS']);
    expect(plan('TICKET_SOLUTION_PROPOSED', DEFAULT_SETTINGS, NOON, false, both, ['INBOX'])).toEqual([]);
  });
});

describe('quiet hours', () => {
  const q = { start: 22 * 60, end: 7 * 60 };
  it.each([
    ['2026-12-03T13:59:00Z', false], // 21:59
    ['2026-12-03T14:00:00Z', true], // 22:00
    ['2026-12-03T18:00:00Z', true], // 02:00
    ['2026-12-03T22:59:00Z', true], // 06:59
    ['2026-12-03T23:00:00Z', false], // 07:00
  ])('%s quiet: %s', (at, quiet) => expect(inQuietHours(q, new Date(at))).toBe(quiet));
  it('a span within one day, and none', () => {
    expect(inQuietHours({ start: 12 * 60, end: 14 * 60 }, NOON)).toBe(true);
    expect(inQuietHours(null, NIGHT)).toBe(false);
    expect(quietHoursEnd(q, new Date('2026-12-03T18:00:30Z')).toISOString()).toBe('2026-12-03T23:00:00.000Z');
  });
});

describe('links and wording', () => {
  it.each([
    ['TICKET_SOLUTION_PROPOSED', 'TICKET', '/tickets/t1'],
    ['DECISION_OPENED', 'PROPOSAL', '/board/t1#vote'],
    ['PROPOSAL_COMMENTED', 'PROPOSAL', '/board/t1'],
    ['REVIEW_OPENED', 'REVIEW', '/rewards/committee/t1'],
    ['REVIEW_OBJECTION', 'REVIEW', '/rewards/committee/t1'],
    ['REVIEW_FINAL', 'REVIEW', '/rewards/t1'],
    ['OBJECTION_UPHELD', 'REVIEW', '/rewards/t1'],
  ])('%s opens %s at %s', (kind, subjectType, link) => expect(linkFor(kind, subjectType, 't1')).toBe(link));

  it('every kind has words in both languages; a ticket is named by its number only; SMS stays short', () => {
    for (const kind of NOTICE_KINDS) {
      for (const language of ['zh-CN', 'en'] as const) {
        const subjectType = kind.startsWith('TICKET') ? 'TICKET' : 'PROPOSAL';
        const text = subjectType === 'TICKET' ? 'T-0042 王小明 13812345678 家漏水' : 'P-0007 电动车充电棚的建设与管理方案（含费用分摊）';
        const r = render({ kind, subjectType, text, language, url: 'https://x.cn/tickets/abc', settingsUrl: 'https://x.cn/inbox/settings' });
        expect(r.headline).not.toMatch(/新消息|New notice/);
        if (subjectType === 'TICKET') expect(r.emailText).not.toMatch(/王小明|13812345678|漏水/);
        expect([...`${r.smsText} ${r.link}`].length).toBeLessThanOrEqual(language === 'en' ? 160 : 70 + 30);
        expect(r.emailText).toContain('https://x.cn/tickets/abc');
      }
    }
  });
});
