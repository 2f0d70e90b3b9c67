import type { PlainMessageKey } from '$lib/i18n';
import type { Problem } from '$lib/core/problem';

const FIELD_MESSAGES: Record<string, PlainMessageKey> = {
  title: 'new.problem.title',
  description: 'new.problem.description',
  demand: 'new.problem.demand',
  contactPhone: 'new.problem.contactPhone',
  unitId: 'problem.field.unitId',
  onBehalfOfOwnerId: 'new.problem.ownerId',
  reason: 'problem.field.reason',
  loopReason: 'problem.field.reasonLoop',
  promisedReplyAt: 'problem.field.promisedReplyAt',
  satisfaction: 'problem.field.satisfaction',
  category: 'problem.field.category',
  answer: 'problem.field.text',
  solution: 'problem.field.text',
  summary: 'problem.field.text',
  message: 'problem.field.text',
  comment: 'problem.field.text',
};

/** Wording for a bad field the portal knows how to explain, or null for the general message. */
export function fieldMessage(problem: Problem | null): PlainMessageKey | null {
  if (problem?.code !== 'badInput' || !problem.field) return null;
  return FIELD_MESSAGES[problem.field] ?? null;
}
