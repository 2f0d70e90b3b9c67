// The community settings composed from the sections their domains own (tickets, proposals,
// reviews, files): the whole stored shape, its defaults, its view and the admin's change. Beside
// services.ts because it knows every domain; the community stores the JSON and knows none of them.
import type { SettingsDefaults, StoredSettings } from './community/community.settings.js';
import {
  attachmentPolicy,
  changedAttachmentPolicy,
  DEFAULT_ATTACHMENT_POLICY,
  withAttachmentDefaults,
  type AttachmentPolicy,
} from './files/attachment.settings.js';
import { defaultProposalPolicy, proposalPolicy, type ProposalPolicy } from './proposals/proposal.settings.js';
import { changedReviewPolicy, defaultReviewPolicy, reviewPolicy, reviewPolicyView } from './reviews/review.settings.js';
import type { ReviewPolicy } from './reviews/review.rules.js';
import {
  changedSla,
  changedWorkingHours,
  defaultTicketSettings,
  slaPolicyView,
  ticketSettings,
  workingHoursView,
  type TicketSettings,
} from './tickets/ticket.settings.js';
import type { CommunitySettingsInput, CommunitySettingsView } from './settings.types.js';

/** Community-level policy, edited by the admin: each domain's section under its key. */
export interface CommunitySettings extends TicketSettings {
  proposals: ProposalPolicy;
  reviews: ReviewPolicy;
  attachments: AttachmentPolicy;
}

export const defaultSettings = (): CommunitySettings => {
  const tickets = defaultTicketSettings();
  return {
    sla: tickets.sla,
    proposals: defaultProposalPolicy(),
    reviews: defaultReviewPolicy(),
    attachments: { ...DEFAULT_ATTACHMENT_POLICY },
    workingHours: tickets.workingHours,
    holidays: tickets.holidays,
  };
};

/** Settings saved by an older version lack newer sections and fields: fill them from the defaults. */
export function withDefaults(saved: StoredSettings | null | undefined): CommunitySettings {
  const tickets = ticketSettings(saved);
  return {
    ...defaultSettings(),
    ...(saved ?? {}),
    sla: tickets.sla,
    proposals: proposalPolicy(saved),
    reviews: reviewPolicy(saved),
    attachments: withAttachmentDefaults(saved),
    workingHours: tickets.workingHours,
    holidays: tickets.holidays,
  };
}

/** What the community's services are handed: new communities' settings, and saved ones completed. */
export const settingsDefaults: SettingsDefaults = { defaults: defaultSettings, complete: withDefaults };

export function settingsView(saved: StoredSettings | null | undefined): CommunitySettingsView {
  const settings = withDefaults(saved);
  return {
    sla: slaPolicyView(settings.sla),
    supportThreshold: settings.proposals.supportThreshold,
    reviews: reviewPolicyView(settings.reviews),
    attachments: attachmentPolicy(settings),
    workingHours: workingHoursView(settings.workingHours),
  };
}

/** The settings with the admin's changes, each section checked by its domain (in this order), or the reason not. */
export function changedSettings(current: CommunitySettings, input: CommunitySettingsInput): CommunitySettings {
  const settings = { ...current };
  if (input.sla) settings.sla = changedSla(current.sla, input.sla);
  if (input.supportThreshold !== undefined && input.supportThreshold !== null) {
    settings.proposals = { ...current.proposals, supportThreshold: input.supportThreshold };
  }
  settings.reviews = changedReviewPolicy(current.reviews, input);
  if (input.attachments) settings.attachments = changedAttachmentPolicy(current, input.attachments);
  if (input.workingHours) settings.workingHours = changedWorkingHours(current.workingHours, input.workingHours);
  return settings;
}
