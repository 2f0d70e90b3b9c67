import { t, type PlainMessageKey } from '$lib/i18n';
import type { CommunitySettingsInput, CommunitySettingsQuery, Urgency } from '@cocreate/schema';

export type Settings = CommunitySettingsQuery['community']['settings'];

export const URGENCIES: readonly Urgency[] = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];
export const CLOCKS = ['responseMinutes', 'solutionMinutes', 'resolutionMinutes'] as const;
export type Clock = (typeof CLOCKS)[number];

/** A duration as the admin reads it: an amount and its unit ("7" days rather than "10080" minutes). */
export type SpanUnit = 'minutes' | 'hours' | 'days';
export interface Span {
  amount: string;
  unit: SpanUnit;
}
export const SPAN_UNITS: readonly SpanUnit[] = ['minutes', 'hours', 'days'];
const UNIT_MINUTES: Record<SpanUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** Minutes in the largest unit that holds them whole: 10080 → 7 days, 90 → 90 minutes. */
export function spanOf(minutes: number): Span {
  const unit = minutes >= 1440 && minutes % 1440 === 0 ? 'days' : minutes >= 60 && minutes % 60 === 0 ? 'hours' : 'minutes';
  return { amount: String(minutes / UNIT_MINUTES[unit]), unit };
}

/** The span in minutes, or null when the amount is not a whole number. */
export function minutesOfSpan(span: Span): number | null {
  return WHOLE.test(span.amount.trim()) ? Number(span.amount.trim()) * UNIT_MINUTES[span.unit] : null;
}

/** A minutes range as whole amounts of the span's unit, for its box and its message. */
export function spanRange(range: readonly [number, number], unit: SpanUnit): [number, number] {
  return [Math.max(1, Math.ceil(range[0] / UNIT_MINUTES[unit])), Math.floor(range[1] / UNIT_MINUTES[unit])];
}

function spanProblem(span: Span, range: readonly [number, number]): FieldProblem | null {
  return whole(span.amount, ...spanRange(range, span.unit));
}

/** The form as typed: every number is the text in its box until it is saved. */
export interface Draft {
  supportThreshold: string;
  sla: Record<Urgency, Record<Clock, Span>>;
  /** Per urgency: whether its clocks count working hours only. */
  workingTimeOnly: Record<Urgency, boolean>;
  /** 定期反馈 per urgency; an empty amount: no such clock. */
  cadence: Record<Urgency, Span>;
  returnVisitHours: string;
  urgeIntervalHours: string;
  reopenWindowDays: string;
  /** `name` is the community's zh-CN text; `nameEn` its English, "" for none. */
  rubric: { id: string; name: string; nameEn: string; weight: string }[];
  tiers: { name: string; nameEn: string; minScore: string; points: string }[];
  budgetPerQuarter: string;
  noticePeriodHours: string;
  scoringWindowHours: string;
  minReviewers: string;
  /** Photos and files: the community's two rules, as switches. */
  attachments: { keepOriginals: boolean; repairResolutionNeedsPhoto: boolean };
}

/**
 * What is wrong, by field: "supportThreshold", "sla.HIGH.responseMinutes", "rubric.2.weight",
 * "rubric" (the sum), "tiers.0.minScore"…, each with the message key that explains it.
 */
export type Problems = Record<string, FieldProblem>;

export type FieldProblem =
  | 'wholeNumber'
  | 'range'
  | 'slaOrder'
  | 'slaEscalation'
  | 'criterionId'
  | 'criterionIdTwice'
  | 'required'
  | 'tooLong'
  | 'controlCharacter'
  | 'nameTwice'
  | 'tiersCount'
  | 'weight'
  | 'weightSum'
  | 'criteriaCount'
  | 'minScore'
  | 'minScoreTwice'
  | 'points';

export function draftOf(settings: Settings): Draft {
  const sla = Object.fromEntries(
    URGENCIES.map((urgency) => {
      const target = settings.sla.targets.find((t) => t.urgency === urgency);
      return [urgency, Object.fromEntries(CLOCKS.map((clock) => [clock, target ? spanOf(target[clock]) : { amount: '', unit: 'minutes' }]))];
    }),
  ) as Draft['sla'];
  const target = (urgency: Urgency) => settings.sla.targets.find((t) => t.urgency === urgency);
  const perUrgency = <T>(f: (urgency: Urgency) => T) => Object.fromEntries(URGENCIES.map((u) => [u, f(u)])) as Record<Urgency, T>;
  return {
    supportThreshold: String(settings.supportThreshold),
    sla,
    workingTimeOnly: perUrgency((u) => target(u)?.countsWorkingTimeOnly ?? false),
    cadence: perUrgency((u) => {
      const minutes = target(u)?.updateCadenceMinutes;
      return minutes ? spanOf(minutes) : { amount: '', unit: 'hours' };
    }),
    returnVisitHours: String(settings.sla.returnVisitHours),
    urgeIntervalHours: String(settings.sla.urgeIntervalHours),
    reopenWindowDays: String(settings.sla.reopenWindowDays),
    rubric: settings.reviews.rubric.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn ?? '', weight: c.weight })),
    tiers: settings.reviews.tiers.map((tier) => ({ name: tier.name, nameEn: tier.nameEn ?? '', minScore: tier.minScore, points: String(tier.points) })),
    budgetPerQuarter: String(settings.reviews.budgetPerQuarter),
    noticePeriodHours: String(settings.reviews.noticePeriodHours),
    scoringWindowHours: String(settings.reviews.scoringWindowHours),
    minReviewers: String(settings.reviews.minReviewers),
    attachments: { keepOriginals: settings.attachments.keepOriginals, repairResolutionNeedsPhoto: settings.attachments.repairResolutionNeedsPhoto },
  };
}

const WHOLE = /^\d+$/;

function whole(text: string, min: number, max: number): FieldProblem | null {
  if (!WHOLE.test(text.trim())) return 'wholeNumber';
  const n = Number(text.trim());
  return n < min || n > max ? 'range' : null;
}

/** "0.3" → 3000 basis points; null when it is not a decimal with at most four places. */
export function basisPoints(weight: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(weight.trim());
  return m ? Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0')) : null;
}

/** "8.5" → 850 hundredths; null when not a decimal with at most two places. */
export function hundredths(score: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(score.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/** The rubric's weights added up, in basis points (10000 = exactly 1), ignoring unreadable ones. */
export function weightSum(rubric: Draft['rubric']): number {
  return rubric.reduce((sum, c) => sum + (basisPoints(c.weight) ?? 0), 0);
}

/** Longest criterion or tier name in characters (code points), as the API counts them. */
export const NAME_MAX = { name: 40, nameEn: 80 } as const;

// What the API refuses in a name: control characters (tab, line breaks…), line separators, direction overrides.
const CONTROL = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** A name's problem: the zh-CN `name` is required, the English `nameEn` is not. */
export function nameProblem(text: string, kind: keyof typeof NAME_MAX): FieldProblem | null {
  const value = text.trim();
  if (!value) return kind === 'name' ? 'required' : null;
  if (CONTROL.test(value)) return 'controlCharacter';
  return [...value].length > NAME_MAX[kind] ? 'tooLong' : null;
}

export const LIMITS = {
  supportThreshold: [0, 100_000],
  slaMinutes: [1, 129_600],
  cadenceMinutes: [15, 129_600],
  returnVisitHours: [1, 720],
  urgeIntervalHours: [1, 720],
  reopenWindowDays: [0, 90],
  budgetPerQuarter: [0, 100_000_000],
  noticePeriodHours: [0, 1440],
  scoringWindowHours: [1, 2160],
  minReviewers: [3, 50],
} as const;

/** The settings that are one whole number each, in the text box the admin types it in. */
export type NumberSetting =
  | 'supportThreshold'
  | 'returnVisitHours'
  | 'urgeIntervalHours'
  | 'reopenWindowDays'
  | 'budgetPerQuarter'
  | 'noticePeriodHours'
  | 'scoringWindowHours'
  | 'minReviewers';

/** How each whole-number setting is shown: its label and hint, the unit after its box, its test id. */
export const NUMBER_SETTINGS = {
  supportThreshold: { label: 'admin.supportThreshold', hint: 'admin.supportThresholdHint', unit: 'admin.unit.supports', testid: 'support-threshold' },
  returnVisitHours: { label: 'admin.sla.returnVisit', hint: 'admin.sla.returnVisitHint', unit: 'admin.unit.hours', testid: 'sla-return-visit' },
  urgeIntervalHours: { label: 'admin.sla.urgeInterval', hint: 'admin.sla.urgeIntervalHint', unit: 'admin.unit.hours', testid: 'sla-urge-interval' },
  reopenWindowDays: { label: 'admin.sla.reopenWindow', hint: 'admin.sla.reopenWindowHint', unit: 'admin.unit.days', testid: 'sla-reopen-window' },
  budgetPerQuarter: { label: 'admin.budget', hint: 'admin.budgetHint', unit: 'admin.unit.points', testid: 'budget' },
  noticePeriodHours: { label: 'admin.notice', hint: 'admin.noticeHint', unit: 'admin.unit.hours', testid: 'notice-hours' },
  scoringWindowHours: { label: 'admin.window', hint: 'admin.windowHint', unit: 'admin.unit.hours', testid: 'window-hours' },
  minReviewers: { label: 'admin.minReviewers', hint: 'admin.minReviewersHint', unit: 'admin.unit.people', testid: 'min-reviewers' },
} as const satisfies Record<NumberSetting, { label: PlainMessageKey; hint: PlainMessageKey; unit: PlainMessageKey; testid: string }>;

/** The same rules the API applies, checked as the admin types, so each box can say what is wrong. */
export function validate(draft: Draft): Problems {
  const problems: Problems = {};
  const put = (field: string, problem: FieldProblem | null) => {
    if (problem) problems[field] = problem;
  };
  put('supportThreshold', whole(draft.supportThreshold, ...LIMITS.supportThreshold));

  for (const urgency of URGENCIES) {
    for (const clock of CLOCKS) put(`sla.${urgency}.${clock}`, spanProblem(draft.sla[urgency][clock], LIMITS.slaMinutes));
    const cadence = draft.cadence[urgency];
    if (cadence.amount.trim()) {
      put(
        `sla.${urgency}.updateCadenceMinutes`,
        spanProblem(cadence, LIMITS.cadenceMinutes) ?? ((minutesOfSpan(cadence) ?? 0) < LIMITS.cadenceMinutes[0] ? 'range' : null),
      );
    }
    const [r, s, z] = CLOCKS.map((clock) => minutesOfSpan(draft.sla[urgency][clock]));
    if (CLOCKS.every((clock) => !problems[`sla.${urgency}.${clock}`]) && !(r! <= s! && s! <= z!)) put(`sla.${urgency}`, 'slaOrder');
  }
  for (let i = 1; i < URGENCIES.length; i++) {
    const before = minutesOfSpan(draft.sla[URGENCIES[i - 1]!].responseMinutes) ?? 0;
    const here = minutesOfSpan(draft.sla[URGENCIES[i]!].responseMinutes) ?? 0;
    if (!problems[`sla.${URGENCIES[i]}.responseMinutes`] && here < before) put(`sla.${URGENCIES[i]}`, problems[`sla.${URGENCIES[i]}`] ?? 'slaEscalation');
  }
  put('returnVisitHours', whole(draft.returnVisitHours, ...LIMITS.returnVisitHours));
  put('urgeIntervalHours', whole(draft.urgeIntervalHours, ...LIMITS.urgeIntervalHours));
  put('reopenWindowDays', whole(draft.reopenWindowDays, ...LIMITS.reopenWindowDays));

  if (draft.rubric.length < 1 || draft.rubric.length > 10) put('rubric', 'criteriaCount');
  const ids = new Set<string>();
  draft.rubric.forEach((c, i) => {
    const id = c.id.trim();
    if (!/^[a-z][a-z0-9_-]{0,29}$/.test(id)) put(`rubric.${i}.id`, 'criterionId');
    else if (ids.has(id)) put(`rubric.${i}.id`, 'criterionIdTwice');
    ids.add(id);
    put(`rubric.${i}.name`, nameProblem(c.name, 'name'));
    put(`rubric.${i}.nameEn`, nameProblem(c.nameEn, 'nameEn'));
    const w = basisPoints(c.weight);
    if (w === null || w <= 0) put(`rubric.${i}.weight`, 'weight');
  });
  if (!problems.rubric && draft.rubric.every((_, i) => !problems[`rubric.${i}.weight`]) && weightSum(draft.rubric) !== 10_000) put('rubric', 'weightSum');

  if (draft.tiers.length > 10) put('tiers', 'tiersCount');
  const mins = new Set<number>();
  const names = new Set<string>();
  draft.tiers.forEach((tier, i) => {
    put(`tiers.${i}.name`, nameProblem(tier.name, 'name') ?? (names.has(tier.name.trim()) ? 'nameTwice' : null));
    names.add(tier.name.trim());
    put(`tiers.${i}.nameEn`, nameProblem(tier.nameEn, 'nameEn'));
    const m = hundredths(tier.minScore);
    if (m === null || m > 1000) put(`tiers.${i}.minScore`, 'minScore');
    else if (mins.has(m)) put(`tiers.${i}.minScore`, 'minScoreTwice');
    if (m !== null) mins.add(m);
    put(`tiers.${i}.points`, whole(tier.points, 0, 100_000_000) ? 'points' : null);
  });

  put('budgetPerQuarter', whole(draft.budgetPerQuarter, ...LIMITS.budgetPerQuarter));
  put('noticePeriodHours', whole(draft.noticePeriodHours, ...LIMITS.noticePeriodHours));
  put('scoringWindowHours', whole(draft.scoringWindowHours, ...LIMITS.scoringWindowHours));
  put('minReviewers', whole(draft.minReviewers, ...LIMITS.minReviewers));
  return problems;
}

/** The mutation's input: every section, as numbers and trimmed text. */
export function inputOf(draft: Draft): CommunitySettingsInput {
  return {
    supportThreshold: Number(draft.supportThreshold),
    sla: {
      returnVisitHours: Number(draft.returnVisitHours),
      urgeIntervalHours: Number(draft.urgeIntervalHours),
      reopenWindowDays: Number(draft.reopenWindowDays),
      targets: URGENCIES.map((urgency) => ({
        urgency,
        responseMinutes: minutesOfSpan(draft.sla[urgency].responseMinutes)!,
        solutionMinutes: minutesOfSpan(draft.sla[urgency].solutionMinutes)!,
        resolutionMinutes: minutesOfSpan(draft.sla[urgency].resolutionMinutes)!,
        countsWorkingTimeOnly: draft.workingTimeOnly[urgency],
        updateCadenceMinutes: draft.cadence[urgency].amount.trim() ? minutesOfSpan(draft.cadence[urgency]) : null,
      })),
    },
    // An empty English box clears the English (null), rather than keeping what was saved before.
    rubric: draft.rubric.map((c) => ({ id: c.id.trim(), name: c.name.trim(), nameEn: c.nameEn.trim() || null, weight: c.weight.trim() })),
    tiers: draft.tiers.map((tier) => ({
      name: tier.name.trim(),
      nameEn: tier.nameEn.trim() || null,
      minScore: tier.minScore.trim(),
      points: Number(tier.points),
    })),
    budgetPerQuarter: Number(draft.budgetPerQuarter),
    noticePeriodHours: Number(draft.noticePeriodHours),
    scoringWindowHours: Number(draft.scoringWindowHours),
    minReviewers: Number(draft.minReviewers),
    attachments: { ...draft.attachments },
  };
}

/** The section a server-side BAD_USER_INPUT field belongs to, so its message shows there. */
export function sectionOf(field: string | null): 'proposals' | 'sla' | 'rubric' | 'tiers' | 'limits' | 'attachments' | null {
  if (!field) return null;
  if (field === 'supportThreshold') return 'proposals';
  if (field.startsWith('sla') || ['targets', 'returnVisitHours', 'urgeIntervalHours', 'reopenWindowDays'].includes(field)) return 'sla';
  if (field.startsWith('rubric') || field.startsWith('criteria')) return 'rubric';
  if (field.startsWith('tiers')) return 'tiers';
  if (['budgetPerQuarter', 'noticePeriodHours', 'scoringWindowHours', 'minReviewers'].includes(field)) return 'limits';
  if (field.startsWith('attachments') || field === 'keepOriginals' || field === 'repairResolutionNeedsPhoto') return 'attachments';
  return null;
}

/** What to say under a field, in the reader's language. */
export function problemText(problem: FieldProblem, range?: readonly [number, number]): string {
  if (problem === 'range') return t('admin.problem.range', { min: range?.[0] ?? 0, max: range?.[1] ?? 0 });
  if (problem === 'tooLong') return t('admin.problem.tooLong', { max: range?.[1] ?? 0 });
  return t(`admin.problem.${problem}`);
}
