import { DEFAULT_SLA, type SlaPolicy } from '../tickets/ticket.rules.js';
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
}

export const defaultSettings = (): CommunitySettings => ({
  sla: structuredClone(DEFAULT_SLA),
  proposals: { supportThreshold: 20 },
  reviews: structuredClone(DEFAULT_REVIEW_POLICY),
  attachments: { ...DEFAULT_ATTACHMENT_POLICY },
});

/** Settings saved by an older version lack newer sections: fill them from the defaults. */
export function withDefaults(saved: Partial<CommunitySettings> | null | undefined): CommunitySettings {
  const defaults = defaultSettings();
  return { ...defaults, ...(saved ?? {}), sla: { ...defaults.sla, ...saved?.sla }, proposals: { ...defaults.proposals, ...saved?.proposals },
    reviews: { ...defaults.reviews, ...saved?.reviews }, attachments: { ...defaults.attachments, ...saved?.attachments },
  };
}
