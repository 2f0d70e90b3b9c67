// The knowledge base's rules: an answer's state, and when a review may approve it. No I/O.
import type { ErrorReason } from '../shared/reasons.js';

/** DRAFT: never approved, not usable. APPROVED: the approved copy is the working copy. CHANGED: approved, with an edit awaiting review (the approved copy stays in use). */
export enum CannedAnswerStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  CHANGED = 'CHANGED',
}

export interface Versions {
  version: number;
  approvedVersion: number | null;
}

export function statusOf(a: Versions): CannedAnswerStatus {
  if (a.approvedVersion === null) return CannedAnswerStatus.DRAFT;
  return a.approvedVersion === a.version ? CannedAnswerStatus.APPROVED : CannedAnswerStatus.CHANGED;
}

/** Usable in a ticket (and shown in the owners' FAQ if public): there is an approved copy. */
export const isUsable = (a: Versions) => a.approvedVersion !== null;

export type Refusal = { code: 'INVALID_TRANSITION' | 'CONFLICT' | 'FORBIDDEN'; reason: ErrorReason; message: string };

/**
 * Four eyes: the reviewer approves exactly the version they read, and not their own edit — the
 * point of "reviewed by" is that someone other than the writer vouched for the words.
 */
export function approvalRefusal(a: Versions & { updatedById: string }, reviewerId: string, versionRead: number): Refusal | null {
  if (versionRead !== a.version) {
    return {
      code: 'CONFLICT',
      reason: 'CHANGED_MEANWHILE',
      message: `The answer was edited since you read it (now version ${a.version}). Read it again before approving.`,
    };
  }
  if (statusOf(a) === CannedAnswerStatus.APPROVED)
    return { code: 'INVALID_TRANSITION', reason: 'ALREADY_APPROVED', message: 'This version is approved already.' };
  if (a.updatedById === reviewerId) return { code: 'FORBIDDEN', reason: 'OWN_EDIT', message: 'Someone other than the last editor must approve an answer.' };
  return null;
}

export type AnswerLanguage = 'zh-CN' | 'en';

/** What goes into the owner's ticket: the approved words in their language where there are some, else Chinese. */
export function textFor(approved: { bodyZh: string; bodyEn: string | null }, language: string | null | undefined): { text: string; language: AnswerLanguage } {
  if (language === 'en' && approved.bodyEn) return { text: approved.bodyEn, language: 'en' };
  return { text: approved.bodyZh, language: 'zh-CN' };
}

export const TITLE_MAX = 120;
export const BODY_MAX = 4000;
export const NOTE_MAX = 2000;
