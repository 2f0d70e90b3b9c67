import type { OpenTicketInput, OwnersQuery, TicketKind, VisitSlot } from '@cocreate/schema';
import { charCount } from '$lib/text';

/** An owner as the desk finds them (owners query). */
export type Owner = OwnersQuery['owners'][number];

/** What the ticket is about: one of the person's units, or a common area (公共区域) of the community. */
export type Where = 'unit' | 'common';

export interface NewTicketDraft {
  kind: TicketKind | null;
  /** Only when customer service records for an owner. */
  ownerId: string | null;
  where: Where;
  unitId: string;
  commonArea: string;
  title: string;
  description: string;
  contactPhone: string;
  demand: string;
  /** A repair's preferred visit: both or neither. */
  visitDate: string;
  visitSlot: VisitSlot | '';
}

export type DraftField = 'kind' | 'ownerId' | 'unitId' | 'commonArea' | 'title' | 'description' | 'demand' | 'preferredVisit' | 'contactPhone';

/** The form's fields in the order it shows them: the order problems are listed and the first is focused. */
export const FIELD_ORDER: readonly DraftField[] = [
  'kind',
  'ownerId',
  'unitId',
  'commonArea',
  'title',
  'description',
  'demand',
  'preferredVisit',
  'contactPhone',
];

/** The API's own limits, checked here first so the person hears about them at once. */
export const LIMITS = { titleMin: 2, titleMax: 120, descriptionMax: 4000, demandMax: 2000, commonAreaMin: 2, commonAreaMax: 60 } as const;
const PHONE = /^\+?[0-9][0-9\- ]{5,19}$/;

export const emptyDraft = (): NewTicketDraft => ({
  kind: null,
  ownerId: null,
  where: 'unit',
  unitId: '',
  commonArea: '',
  title: '',
  description: '',
  contactPhone: '',
  demand: '',
  visitDate: '',
  visitSlot: '',
});

const between = (text: string, min: number, max: number) => {
  const n = charCount(text.trim());
  return n >= min && n <= max;
};

/**
 * Every field to fix, in the order of the form (empty when the draft can be sent), so the form can
 * say all of them at once. `today` bounds the preferred visit (YYYY-MM-DD, the device's date).
 */
export function draftProblems(draft: NewTicketDraft, onBehalf: boolean, today: string, lastDay: string): DraftField[] {
  const found = new Set<DraftField>();
  // A common area takes repairs and complaints; an inquiry is the person's own question.
  if (!draft.kind || (draft.where === 'common' && draft.kind === 'INQUIRY')) found.add('kind');
  if (onBehalf && !draft.ownerId) found.add('ownerId');
  if (draft.where === 'unit' && !draft.unitId) found.add('unitId');
  if (draft.where === 'common' && !between(draft.commonArea, LIMITS.commonAreaMin, LIMITS.commonAreaMax)) found.add('commonArea');
  if (!between(draft.title, LIMITS.titleMin, LIMITS.titleMax)) found.add('title');
  if (!between(draft.description, 1, LIMITS.descriptionMax)) found.add('description');
  if (draft.kind === 'COMPLAINT' && !between(draft.demand, 1, LIMITS.demandMax)) found.add('demand');
  if (draft.kind === 'REPAIR' && (draft.visitDate || draft.visitSlot)) {
    if (!draft.visitDate || !draft.visitSlot || draft.visitDate < today || draft.visitDate > lastDay) found.add('preferredVisit');
  }
  if (draft.contactPhone.trim() && !PHONE.test(draft.contactPhone.trim())) found.add('contactPhone');
  return FIELD_ORDER.filter((field) => found.has(field));
}

/** The mutation input; only call once draftProblems() is empty. */
export function openTicketInput(draft: NewTicketDraft, attachmentIds: string[] = []): OpenTicketInput {
  return {
    kind: draft.kind!,
    ...(draft.where === 'common' ? { commonArea: draft.commonArea.trim() } : { unitId: draft.unitId }),
    title: draft.title.trim(),
    description: draft.description.trim(),
    ...(draft.contactPhone.trim() ? { contactPhone: draft.contactPhone.trim() } : {}),
    ...(draft.kind === 'COMPLAINT' ? { demand: draft.demand.trim() } : {}),
    ...(draft.kind === 'REPAIR' && draft.visitDate && draft.visitSlot ? { preferredVisit: { date: draft.visitDate, slot: draft.visitSlot } } : {}),
    ...(draft.ownerId ? { onBehalfOfOwnerId: draft.ownerId } : {}),
    ...(attachmentIds.length ? { attachmentIds } : {}),
  };
}
