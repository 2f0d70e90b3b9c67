import type { ProposalCategory, SubmitProposalInput } from '@cocreate/schema';

export const LIMITS = { titleMin: 4, titleMax: 120, bodyMin: 10, bodyMax: 10_000, benefitMax: 2000, costMax: 1e10 } as const;

export interface ProposalDraft {
  title: string;
  body: string;
  category: ProposalCategory | null;
  expectedBenefit: string;
  /** As typed: "36000", "36,000.50", "3.6万", "1200 元". */
  estimatedCost: string;
}

export type DraftField = 'title' | 'body' | 'category' | 'expectedBenefit' | 'estimatedCost';

export const emptyDraft = (): ProposalDraft => ({ title: '', body: '', category: null, expectedBenefit: '', estimatedCost: '' });

/**
 * Yuan from what a person typed, or null for an empty field; NaN when it is not an amount in
 * yuan and fen (at most two decimals, never negative). "万" multiplies by ten thousand.
 */
export function parseYuan(raw: string): number | null {
  const text = raw.replace(/[\s,，]/g, '').replace(/(元|¥|￥|rmb|cny|yuan)/gi, '');
  if (text === '') return null;
  const match = /^(\d+)(?:\.(\d+))?(万)?$/.exec(text);
  if (!match) return Number.NaN;
  const [, whole = '', fraction = '', wan] = match;
  // Digits of fen: two places after the yuan point, six after the 万 point.
  const places = wan ? 6 : 2;
  if (fraction.length > places) return Number.NaN;
  return Number(whole + fraction.padEnd(places, '0')) / 100;
}

/** The first field that the API would refuse, checked before sending. */
export function draftProblem(draft: ProposalDraft): DraftField | null {
  const title = draft.title.trim().length;
  if (title < LIMITS.titleMin || title > LIMITS.titleMax) return 'title';
  const body = draft.body.trim().length;
  if (body < LIMITS.bodyMin || body > LIMITS.bodyMax) return 'body';
  if (!draft.category) return 'category';
  if (draft.expectedBenefit.trim().length > LIMITS.benefitMax) return 'expectedBenefit';
  const cost = parseYuan(draft.estimatedCost);
  if (cost !== null && (Number.isNaN(cost) || cost > LIMITS.costMax)) return 'estimatedCost';
  return null;
}

export function submitInput(draft: ProposalDraft, attachmentIds: string[] = []): SubmitProposalInput {
  if (!draft.category) throw new Error('category is required');
  return {
    title: draft.title.trim(),
    body: draft.body.trim(),
    category: draft.category,
    expectedBenefit: draft.expectedBenefit.trim() || null,
    estimatedCost: parseYuan(draft.estimatedCost),
    ...(attachmentIds.length ? { attachmentIds } : {}),
  };
}
