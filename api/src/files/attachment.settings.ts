// The files' section of the community settings (`attachments`): the photo rules. Composed with the
// other sections in ../settings.ts.
import type { StoredSettings } from '../community/community.settings.js';
import type { AttachmentPolicyInput } from './attachment.types.js';

/** Community rules for attachments, in the community's settings under `attachments`. */
export interface AttachmentPolicy {
  /** Keep the client's original bytes (metadata and all) beside the processed photo; never served. */
  keepOriginals: boolean;
  /** A repair is resolved only with at least one photo of the finished work. */
  repairResolutionNeedsPhoto: boolean;
}

export const DEFAULT_ATTACHMENT_POLICY: AttachmentPolicy = { keepOriginals: false, repairResolutionNeedsPhoto: false };

/** The section as the rules read it: each switch on only when saved as true. */
export function attachmentPolicy(settings: StoredSettings | null | undefined): AttachmentPolicy {
  const saved = (settings as { attachments?: Partial<AttachmentPolicy> } | null)?.attachments ?? {};
  return {
    keepOriginals: saved.keepOriginals === true,
    repairResolutionNeedsPhoto: saved.repairResolutionNeedsPhoto === true,
  };
}

/** The section as saved over the defaults, as it is stored back. */
export function withAttachmentDefaults(saved: StoredSettings | null | undefined): AttachmentPolicy {
  return { ...DEFAULT_ATTACHMENT_POLICY, ...(saved as { attachments?: Partial<AttachmentPolicy> } | null | undefined)?.attachments };
}

/** The policy with the admin's changes; each switch kept when absent. */
export function changedAttachmentPolicy(saved: StoredSettings, input: AttachmentPolicyInput): AttachmentPolicy {
  const current = attachmentPolicy(saved);
  return {
    keepOriginals: input.keepOriginals ?? current.keepOriginals,
    repairResolutionNeedsPhoto: input.repairResolutionNeedsPhoto ?? current.repairResolutionNeedsPhoto,
  };
}
