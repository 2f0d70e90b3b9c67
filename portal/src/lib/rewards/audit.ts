import { t } from '$lib/i18n';

/** Decisions the API writes to the chain; an action not listed here is shown by its code. */
export const AUDIT_ACTIONS = [
  'REVIEW_FINALIZED',
  'OBJECTION_ANSWERED',
  'OUTCOME_FINAL',
  'LEDGER_CREDIT',
  'DECISION_CLOSED',
  'PAPER_BALLOT_RECORDED',
  'SETTINGS_CHANGED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isKnownAction = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action);

/** "3454c79e…8f8e": enough to compare by eye, the whole hash is a tap away. */
export function shortHash(hash: string): string {
  return hash.length > 14 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash;
}

/** The canonical JSON, indented for reading; anything unparseable as it was stored. */
export function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

function parsed(payload: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(payload);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** One line saying what was decided, from the entry's payload; null when the action is unknown. */
export function auditSummary(action: string, payload: string): string | null {
  const data = parsed(payload);
  switch (action) {
    case 'REVIEW_FINALIZED': {
      const tier = data.tier && typeof data.tier === 'object' ? (data.tier as Record<string, unknown>) : null;
      return t('audit.summary.REVIEW_FINALIZED', {
        proposal: text(data.proposal),
        score: text(data.finalScore),
        tier: tier ? t('audit.summary.tier', { tier: text(tier.name), points: text(tier.points) }) : t('audit.summary.noTier'),
      });
    }
    case 'OBJECTION_ANSWERED':
      return t(data.upheld === true ? 'audit.summary.OBJECTION_ANSWERED.upheld' : 'audit.summary.OBJECTION_ANSWERED.notUpheld', {
        objector: text(data.objector),
      });
    case 'OUTCOME_FINAL':
      return data.tier
        ? t('audit.summary.OUTCOME_FINAL', { proposal: text(data.proposal), tier: text(data.tier), points: text(data.points), recipient: text(data.recipient) })
        : t('audit.summary.OUTCOME_FINAL.none', { proposal: text(data.proposal) });
    case 'LEDGER_CREDIT':
      return t('audit.summary.LEDGER_CREDIT', { recipient: text(data.recipient), points: text(data.points) });
    case 'DECISION_CLOSED':
      return t(data.approved === true ? 'audit.summary.DECISION_CLOSED.approved' : 'audit.summary.DECISION_CLOSED.notApproved', {
        proposal: text(data.proposal),
      });
    case 'PAPER_BALLOT_RECORDED':
      return t('audit.summary.PAPER_BALLOT_RECORDED', {
        proposal: text(data.proposal),
        reference: text(data.reference),
        units: Array.isArray(data.units) ? data.units.map(text).join('、') : '',
      });
    case 'SETTINGS_CHANGED':
      return t('audit.summary.SETTINGS_CHANGED');
    default:
      return null;
  }
}

/** Where the entry's subject can be seen in the portal, if anywhere. */
export function subjectHref(subjectType: string, subjectId: string): string | null {
  if (subjectType === 'REVIEW') return `/rewards/${subjectId}`;
  return null;
}
