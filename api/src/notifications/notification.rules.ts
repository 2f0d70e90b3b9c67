/**
 * Which events reach whom, on which channels, and when. Pure: no I/O, no GraphQL.
 *
 * The services decide the recipients of each event (they know the ticket, the panel, the roll);
 * this table says who those recipients are, which channels a kind uses unless the person chose
 * otherwise, which kinds the law requires us to deliver, and which may wait for the daily digest.
 */

export const CHANNELS = ['INBOX', 'EMAIL', 'SMS', 'WECHAT'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels that leave the portal and go through the outbox. */
export type OutsideChannel = Exclude<Channel, 'INBOX'>;
/** Channels with an adapter. WECHAT goes only where it is configured and the person bound an openid (else no address). */
export const DELIVERABLE: readonly OutsideChannel[] = ['EMAIL', 'SMS', 'WECHAT'];

export type Audience =
  | 'OWNER' // the owner a ticket is about
  | 'CUSTOMER_SERVICE'
  | 'DEPARTMENT' // the handling department's staff
  | 'DEPARTMENT_HEAD'
  | 'ASSIGNEE'
  | 'ME_TOO' // those who said "me too" (同报) on a common-area ticket
  | 'MANAGEMENT'
  | 'AUTHOR' // a proposal's author (and, for status changes, its supporters)
  | 'SUPPORTERS'
  | 'COMMITTEE'
  | 'ELECTORS' // every owner on a vote's roll
  | 'RECIPIENT'; // the person a reward outcome is for

export type Topic = 'TICKET' | 'BOARD' | 'DECISION' | 'REVIEW';

export interface KindRule {
  topic: Topic;
  audience: Audience[];
  /** Channels used when the person set nothing for this kind. INBOX is always among them. */
  channels: Channel[];
  /**
   * Delivery the law requires (a vote opened on your unit, its result): the person cannot turn
   * these channels off, and the digest never holds them back.
   */
  legal?: boolean;
  /** The person is waiting on this to act or has a deadline: never folded into the digest. */
  actionable?: boolean;
}

const INBOX_ONLY: Channel[] = ['INBOX'];
const INBOX_SMS_EMAIL: Channel[] = ['INBOX', 'SMS', 'EMAIL'];
const INBOX_EMAIL: Channel[] = ['INBOX', 'EMAIL'];

export const KIND_RULES = {
  // Service desk: the owner hears of every step that needs them; staff of what lands on them.
  TICKET_OPENED: { topic: 'TICKET', audience: ['CUSTOMER_SERVICE'], channels: INBOX_EMAIL, actionable: true },
  TICKET_RECORDED_FOR_YOU: { topic: 'TICKET', audience: ['OWNER'], channels: INBOX_EMAIL },
  TICKET_ANSWERED: { topic: 'TICKET', audience: ['OWNER'], channels: INBOX_EMAIL },
  TICKET_DISPATCHED: { topic: 'TICKET', audience: ['DEPARTMENT'], channels: INBOX_EMAIL, actionable: true },
  TICKET_REDISPATCHED: { topic: 'TICKET', audience: ['DEPARTMENT'], channels: INBOX_EMAIL, actionable: true },
  TICKET_ACCEPTED_FOR_INVESTIGATION: { topic: 'TICKET', audience: ['OWNER'], channels: INBOX_ONLY },
  TICKET_OWNER_MESSAGE: { topic: 'TICKET', audience: ['CUSTOMER_SERVICE', 'DEPARTMENT'], channels: INBOX_ONLY, actionable: true },
  TICKET_UPDATE: { topic: 'TICKET', audience: ['OWNER'], channels: INBOX_ONLY },
  TICKET_SOLUTION_PROPOSED: { topic: 'TICKET', audience: ['OWNER'], channels: INBOX_SMS_EMAIL, actionable: true },
  TICKET_SOLUTION_ACCEPTED: { topic: 'TICKET', audience: ['CUSTOMER_SERVICE', 'DEPARTMENT'], channels: INBOX_ONLY },
  TICKET_SOLUTION_REJECTED: { topic: 'TICKET', audience: ['CUSTOMER_SERVICE', 'DEPARTMENT'], channels: INBOX_EMAIL, actionable: true },
  TICKET_RESOLVED: { topic: 'TICKET', audience: ['OWNER'], channels: INBOX_SMS_EMAIL, actionable: true },
  TICKET_RATED: { topic: 'TICKET', audience: ['CUSTOMER_SERVICE', 'DEPARTMENT'], channels: INBOX_ONLY },
  TICKET_ESCALATED_TO_HEAD: { topic: 'TICKET', audience: ['DEPARTMENT_HEAD'], channels: INBOX_SMS_EMAIL, actionable: true },
  TICKET_ESCALATED_TO_MANAGEMENT: { topic: 'TICKET', audience: ['MANAGEMENT'], channels: INBOX_SMS_EMAIL, actionable: true },
  TICKET_CANCELLED: { topic: 'TICKET', audience: ['CUSTOMER_SERVICE', 'DEPARTMENT'], channels: INBOX_ONLY },
  TICKET_URGED: { topic: 'TICKET', audience: ['CUSTOMER_SERVICE', 'DEPARTMENT'], channels: INBOX_EMAIL, actionable: true },
  TICKET_REOPENED: { topic: 'TICKET', audience: ['CUSTOMER_SERVICE', 'DEPARTMENT'], channels: INBOX_EMAIL, actionable: true },
  // A 1–2 star return visit: the manager must record what was done; the owner hears that it was.
  TICKET_FOLLOW_UP: { topic: 'TICKET', audience: ['MANAGEMENT'], channels: INBOX_EMAIL, actionable: true },
  TICKET_FOLLOWED_UP: { topic: 'TICKET', audience: ['OWNER'], channels: INBOX_EMAIL },
  TICKET_ASSIGNED: { topic: 'TICKET', audience: ['ASSIGNEE'], channels: INBOX_SMS_EMAIL, actionable: true },
  TICKET_UNASSIGNED: { topic: 'TICKET', audience: ['ASSIGNEE'], channels: INBOX_ONLY },
  // 同报 on a common-area ticket: the desk, the department and the filer hear that one more has the problem;
  // those who joined hear of its progress (TICKET_UPDATE, …), that it is done, and that it is closed.
  TICKET_ME_TOO: { topic: 'TICKET', audience: ['CUSTOMER_SERVICE', 'DEPARTMENT', 'OWNER'], channels: INBOX_ONLY },
  TICKET_ME_TOO_RESOLVED: { topic: 'TICKET', audience: ['ME_TOO'], channels: INBOX_EMAIL },
  TICKET_CLOSED: { topic: 'TICKET', audience: ['ME_TOO'], channels: INBOX_EMAIL },
  // Board: activity is worth a digest, not a text message.
  PROPOSAL_COMMENTED: { topic: 'BOARD', audience: ['AUTHOR'], channels: INBOX_ONLY },
  PROPOSAL_MERGED: { topic: 'BOARD', audience: ['AUTHOR'], channels: INBOX_EMAIL },
  PROPOSAL_OPEN: { topic: 'BOARD', audience: ['AUTHOR', 'SUPPORTERS'], channels: INBOX_ONLY },
  PROPOSAL_UNDER_REVIEW: { topic: 'BOARD', audience: ['AUTHOR', 'SUPPORTERS', 'COMMITTEE'], channels: INBOX_EMAIL },
  PROPOSAL_ACCEPTED: { topic: 'BOARD', audience: ['AUTHOR', 'SUPPORTERS'], channels: INBOX_EMAIL },
  PROPOSAL_DECLINED: { topic: 'BOARD', audience: ['AUTHOR', 'SUPPORTERS'], channels: INBOX_EMAIL },
  PROPOSAL_IN_PROGRESS: { topic: 'BOARD', audience: ['AUTHOR', 'SUPPORTERS'], channels: INBOX_ONLY },
  PROPOSAL_IMPLEMENTED: { topic: 'BOARD', audience: ['AUTHOR', 'SUPPORTERS'], channels: INBOX_EMAIL },
  PROPOSAL_REWARDED: { topic: 'BOARD', audience: ['AUTHOR', 'SUPPORTERS'], channels: INBOX_EMAIL },
  // Owners' decisions (Civil Code art. 278): every owner on the roll must hear of the vote and its result.
  DECISION_OPENED: { topic: 'DECISION', audience: ['ELECTORS'], channels: INBOX_SMS_EMAIL, legal: true, actionable: true },
  DECISION_APPROVED: { topic: 'DECISION', audience: ['ELECTORS'], channels: INBOX_EMAIL, legal: true },
  DECISION_NOT_APPROVED: { topic: 'DECISION', audience: ['ELECTORS'], channels: INBOX_EMAIL, legal: true },
  // Reviews: the committee has scoring and objections to answer; the recipient hears of the outcome.
  REVIEW_OPENED: { topic: 'REVIEW', audience: ['COMMITTEE'], channels: INBOX_EMAIL, actionable: true },
  REVIEW_NOTICE: { topic: 'REVIEW', audience: ['RECIPIENT'], channels: INBOX_EMAIL },
  REVIEW_OBJECTION: { topic: 'REVIEW', audience: ['COMMITTEE'], channels: INBOX_EMAIL, actionable: true },
  OBJECTION_UPHELD: { topic: 'REVIEW', audience: ['AUTHOR'], channels: INBOX_EMAIL },
  OBJECTION_NOT_UPHELD: { topic: 'REVIEW', audience: ['AUTHOR'], channels: INBOX_EMAIL },
  REVIEW_FINAL: { topic: 'REVIEW', audience: ['RECIPIENT'], channels: INBOX_EMAIL },
} as const satisfies Record<string, KindRule>;

export type NoticeKind = keyof typeof KIND_RULES;
export const NOTICE_KINDS = Object.keys(KIND_RULES) as NoticeKind[];

/** A kind the API does not know yet still reaches the inbox, and nothing else. */
export function ruleFor(kind: string): KindRule {
  return (KIND_RULES as Record<string, KindRule>)[kind] ?? { topic: 'BOARD', audience: [], channels: INBOX_ONLY };
}

export function isKnownKind(kind: string): kind is NoticeKind {
  return Object.hasOwn(KIND_RULES, kind);
}

export interface QuietHours {
  /** Minutes after local midnight (Asia/Shanghai); start > end spans midnight. */
  start: number;
  end: number;
}

export interface PersonSettings {
  language: Language;
  quietHours: QuietHours | null;
  digest: boolean;
}

/** The daily digest goes at 08:00 in the community's time zone unless the person chose another time. */
export const DEFAULT_DIGEST_AT = 8 * 60;

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

export const DEFAULT_SETTINGS: PersonSettings = {
  language: 'zh-CN',
  quietHours: { start: 22 * 60, end: 7 * 60 },
  digest: false,
};

/** China keeps one time zone and no daylight saving: local time is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3600_000;

export function localMinutes(at: Date): number {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

export function inQuietHours(quiet: QuietHours | null, at: Date): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const m = localMinutes(at);
  return quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
}

/** The first moment at or after `at` outside the quiet hours (to the minute). */
export function quietHoursEnd(quiet: QuietHours, at: Date): Date {
  const m = localMinutes(at);
  const wait = (quiet.end - m + 24 * 60) % (24 * 60);
  const start = new Date(at);
  start.setUTCSeconds(0, 0);
  return new Date(start.getTime() + wait * 60_000);
}

/**
 * A kind's channels for someone who chose nothing: the table's, and WeChat wherever the table sends
 * an SMS (a person who bound WeChat wants what is urgent enough for a text there too). WeChat is
 * never among the channels the law requires: the SMS and e-mail are.
 */
export function defaultChannelsOf(kind: string): Channel[] {
  const rule = ruleFor(kind);
  return rule.channels.includes('SMS') ? [...rule.channels, 'WECHAT'] : [...rule.channels];
}

/**
 * The channels a person's own rules allow for a kind: their choice where they made one, the
 * kind's default otherwise; a legally required kind always keeps its default channels.
 */
export function channelsFor(kind: string, chosen: readonly Channel[] | undefined): Channel[] {
  const rule = ruleFor(kind);
  const base = chosen ?? defaultChannelsOf(kind);
  const set = new Set<Channel>(rule.legal ? [...rule.channels, ...base] : base);
  set.add('INBOX'); // the inbox is the record: every notification is there
  return CHANNELS.filter((c) => set.has(c));
}

/** Why a preference cannot be saved, or null. */
export function preferenceProblem(kind: string, channels: readonly Channel[]): string | null {
  if (!isKnownKind(kind)) return 'is not a notification kind';
  const rule = ruleFor(kind);
  if (!channels.includes('INBOX')) return 'must keep INBOX: every notification stays in the inbox';
  if (rule.legal) {
    const missing = rule.channels.filter((c) => !channels.includes(c));
    if (missing.length) return `is required by law and cannot be turned off on ${missing.join(', ')}`;
  }
  return null;
}

export interface Plan {
  channel: OutsideChannel;
  /** Not before this moment (quiet hours hold SMS and WeChat back until morning). */
  runAt: Date;
  /** Folded into the daily digest e-mail instead of sent on its own. */
  digest: boolean;
}

/**
 * What leaves the portal for one notification: per channel the person allows, whether it goes now,
 * after the quiet hours, or into the digest. Channels without an address or an adapter are left out.
 */
export function planDeliveries(input: {
  kind: string;
  chosen: readonly Channel[] | undefined;
  settings: PersonSettings;
  addresses: { EMAIL: string | null; SMS: string | null; WECHAT: string | null };
  urgent: boolean;
  now: Date;
}): Plan[] {
  const rule = ruleFor(input.kind);
  const plans: Plan[] = [];
  for (const channel of channelsFor(input.kind, input.chosen)) {
    if (channel === 'INBOX' || !DELIVERABLE.includes(channel) || !input.addresses[channel]) continue;
    const foldable = input.settings.digest && !rule.legal && !rule.actionable && !input.urgent;
    if (channel === 'EMAIL' && foldable) {
      plans.push({ channel, runAt: input.now, digest: true });
      continue;
    }
    if (channel !== 'EMAIL' && foldable) continue; // a digest reader gets board news by mail only
    const quiet = channel !== 'EMAIL' && !input.urgent && inQuietHours(input.settings.quietHours, input.now);
    plans.push({ channel, runAt: quiet ? quietHoursEnd(input.settings.quietHours!, input.now) : input.now, digest: false });
  }
  return plans;
}

/** The portal path of the exact thing a notification is about. */
export function linkFor(kind: string, subjectType: string, subjectId: string): string {
  switch (subjectType) {
    case 'TICKET':
      return `/tickets/${subjectId}`;
    case 'PROPOSAL':
      return kind.startsWith('DECISION_') ? `/board/${subjectId}#vote` : `/board/${subjectId}`;
    case 'DECISION':
      return `/board`;
    case 'REVIEW':
      return kind === 'REVIEW_OPENED' || kind === 'REVIEW_OBJECTION' ? `/rewards/committee/${subjectId}` : `/rewards/${subjectId}`;
    default:
      return '/inbox';
  }
}

/** Delivery attempts: graphile-worker waits exp(min(attempt, 10)) seconds between them. */
export function backoffSeconds(attempt: number): number {
  return Math.exp(Math.min(attempt, 10));
}

/** Quiet hours as "HH:MM" ↔ minutes. */
export function parseClock(value: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
