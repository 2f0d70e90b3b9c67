// The reviews' section of the community settings (`reviews`): the rubric, reward tiers, budget and
// windows for reviews opened from now on. Composed with the other sections in ../settings.ts.
import type { StoredSettings } from '../community/community.settings.js';
import { badInput } from '../shared/errors.js';
import { DEFAULT_REVIEW_POLICY, validatePolicy, type ReviewPolicy } from './review.rules.js';
import type { CriterionInput, ReviewPolicyView, TierInput } from './review.settings.types.js';

export const defaultReviewPolicy = (): ReviewPolicy => structuredClone(DEFAULT_REVIEW_POLICY);

/** The section as saved, an older version's missing fields filled from the defaults. */
export function reviewPolicy(saved: StoredSettings | null | undefined): ReviewPolicy {
  return { ...defaultReviewPolicy(), ...(saved as { reviews?: Partial<ReviewPolicy> } | null | undefined)?.reviews };
}

export const reviewPolicyView = (policy: ReviewPolicy): ReviewPolicyView => ({
  rubric: policy.criteria.map((c) => ({ ...c, nameEn: c.nameEn ?? null })),
  tiers: policy.tiers.map((t) => ({ ...t, nameEn: t.nameEn ?? null })),
  budgetPerQuarter: policy.budgetPerQuarter,
  noticePeriodHours: policy.noticeHours,
  scoringWindowHours: policy.scoringWindowHours,
  minReviewers: policy.minReviewers,
});

/** What the admin may change of the policy; each field kept when absent. */
export interface ReviewPolicyChange {
  rubric?: CriterionInput[] | null;
  tiers?: TierInput[] | null;
  budgetPerQuarter?: number | null;
  noticePeriodHours?: number | null;
  scoringWindowHours?: number | null;
  minReviewers?: number | null;
}

/**
 * A criterion's or tier's names as given. A client that does not know `nameEn` (it sends none) keeps
 * the English of the criterion with the same id, or the tier with the same name; null or "" clears it.
 */
function names(input: { name: string; nameEn?: string | null }, before: { nameEn?: string | null } | undefined) {
  const nameEn = input.nameEn === undefined ? (before?.nameEn ?? null) : input.nameEn?.trim() || null;
  return { name: input.name.trim(), nameEn };
}

/** The policy with the admin's changes, checked whole (also when nothing of it changed), or the reason not. */
export function changedReviewPolicy(r: ReviewPolicy, input: ReviewPolicyChange): ReviewPolicy {
  const reviews: ReviewPolicy = {
    criteria:
      input.rubric?.map((x) => ({
        id: x.id.trim(),
        ...names(
          x,
          r.criteria.find((c) => c.id === x.id.trim()),
        ),
        weight: x.weight.trim(),
      })) ?? r.criteria,
    tiers:
      input.tiers?.map((x) => ({
        ...names(
          x,
          r.tiers.find((t) => t.name === x.name.trim()),
        ),
        minScore: x.minScore.trim(),
        points: x.points,
      })) ?? r.tiers,
    budgetPerQuarter: input.budgetPerQuarter ?? r.budgetPerQuarter,
    noticeHours: input.noticePeriodHours ?? r.noticeHours,
    scoringWindowHours: input.scoringWindowHours ?? r.scoringWindowHours,
    minReviewers: input.minReviewers ?? r.minReviewers,
  };
  const problem = validatePolicy(reviews);
  if (problem) throw badInput(problem.field.replace(/^criteria/, 'rubric').replace(/^noticeHours$/, 'noticePeriodHours'), problem.message);
  return reviews;
}
