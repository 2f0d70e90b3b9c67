import type { OpenTicketInput, OwnersQuery, TicketKind } from '@cocreate/schema';

/** An owner as the desk finds them (owners query). */
export type Owner = OwnersQuery['owners'][number];

export interface NewTicketDraft {
  kind: TicketKind | null;
  /** Only when customer service records for an owner. */
  ownerId: string | null;
  unitId: string;
  title: string;
  description: string;
  contactPhone: string;
  demand: string;
}

export type DraftField = 'kind' | 'ownerId' | 'unitId' | 'title' | 'description' | 'contactPhone' | 'demand';

/** The API's own limits, checked here first so the person hears about them at once. */
export const LIMITS = { titleMin: 2, titleMax: 120, descriptionMax: 4000, demandMax: 2000 } as const;
const PHONE = /^\+?[0-9][0-9\- ]{5,19}$/;

/** The first field to fix, in the order the form shows them, or null when the draft can be sent. */
export function draftProblem(draft: NewTicketDraft, onBehalf: boolean): DraftField | null {
  if (!draft.kind) return 'kind';
  if (onBehalf && !draft.ownerId) return 'ownerId';
  if (!draft.unitId) return 'unitId';
  const title = draft.title.trim().length;
  if (title < LIMITS.titleMin || title > LIMITS.titleMax) return 'title';
  const description = draft.description.trim().length;
  if (description < 1 || description > LIMITS.descriptionMax) return 'description';
  if (draft.kind === 'COMPLAINT') {
    const demand = draft.demand.trim().length;
    if (demand < 1 || demand > LIMITS.demandMax) return 'demand';
  }
  if (draft.contactPhone.trim() && !PHONE.test(draft.contactPhone.trim())) return 'contactPhone';
  return null;
}

/** The mutation input; only call once draftProblem() is null. */
export function openTicketInput(draft: NewTicketDraft, attachmentIds: string[] = []): OpenTicketInput {
  return {
    kind: draft.kind!,
    unitId: draft.unitId,
    title: draft.title.trim(),
    description: draft.description.trim(),
    ...(draft.contactPhone.trim() ? { contactPhone: draft.contactPhone.trim() } : {}),
    ...(draft.kind === 'COMPLAINT' ? { demand: draft.demand.trim() } : {}),
    ...(draft.ownerId ? { onBehalfOfOwnerId: draft.ownerId } : {}),
    ...(attachmentIds.length ? { attachmentIds } : {}),
  };
}
