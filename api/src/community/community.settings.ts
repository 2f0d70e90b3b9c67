import { DEFAULT_SLA, type SlaPolicy } from '../tickets/ticket.rules.js';
import { Urgency } from '../tickets/ticket.enums.js';
import type { Department } from './community.enums.js';
import type { HolidayDay, SlaCalendar, WeekHours } from '../tickets/sla-calendar.rules.js';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../reviews/review.rules.js';
import { DEFAULT_ATTACHMENT_POLICY, type AttachmentPolicy } from '../files/attachment.rules.js';

/** Community-level policy, edited by the admin. Later features add their sections here. */
export interface ProposalPolicy {
  /** Supports that send an OPEN proposal to committee review by themselves (0: never). */
  supportThreshold: number;
}

export interface CommunitySettings {
  sla: SlaPolicy;
  proposals: ProposalPolicy;
  reviews: ReviewPolicy;
  attachments: AttachmentPolicy;
  /** Each department's week (absent: every hour counts for it). */
  workingHours: Partial<Record<Department, WeekHours>>;
  /** The holiday calendar by year ("2026"): holidays and 调休 make-up working days. */
  holidays: Record<string, HolidayDay[]>;
}

export const defaultSettings = (): CommunitySettings => ({
  sla: structuredClone(DEFAULT_SLA),
  proposals: { supportThreshold: 20 },
  reviews: structuredClone(DEFAULT_REVIEW_POLICY),
  attachments: { ...DEFAULT_ATTACHMENT_POLICY },
  workingHours: {},
  holidays: {},
});

/** Settings saved by an older version lack newer sections and fields: fill them from the defaults. */
export function withDefaults(saved: Partial<CommunitySettings> | null | undefined): CommunitySettings {
  const defaults = defaultSettings();
  const targets = Object.fromEntries(
    Object.values(Urgency).map((u) => [u, { ...defaults.sla.targets[u], ...saved?.sla?.targets?.[u] }]),
  ) as SlaPolicy['targets'];
  return { ...defaults, ...(saved ?? {}), sla: { ...defaults.sla, ...saved?.sla, targets }, proposals: { ...defaults.proposals, ...saved?.proposals },
    reviews: { ...defaults.reviews, ...saved?.reviews }, attachments: { ...defaults.attachments, ...saved?.attachments },
    workingHours: { ...saved?.workingHours }, holidays: { ...saved?.holidays },
  };
}

/** What the SLA clocks count by: the community's time zone, its departments' hours and its holidays. */
export const slaCalendar = (settings: CommunitySettings, timeZone: string): SlaCalendar => ({
  timeZone, workingHours: settings.workingHours, holidays: settings.holidays,
});
