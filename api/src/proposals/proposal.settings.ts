// The proposals' section of the community settings (`proposals`). Composed with the other sections
// in ../settings.ts.
import type { StoredSettings } from '../community/community.settings.js';

export interface ProposalPolicy {
  /** Supports that send an OPEN proposal to committee review by themselves (0: never). */
  supportThreshold: number;
}

export const defaultProposalPolicy = (): ProposalPolicy => ({ supportThreshold: 20 });

/** The section as saved, an older version's missing fields filled from the defaults. */
export function proposalPolicy(saved: StoredSettings | null | undefined): ProposalPolicy {
  return { ...defaultProposalPolicy(), ...(saved as { proposals?: Partial<ProposalPolicy> } | null | undefined)?.proposals };
}
