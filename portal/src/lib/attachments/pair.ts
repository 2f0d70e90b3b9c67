import type { AttachmentFieldsFragment, TicketDetailFragment } from '@cocreate/schema';

/**
 * The before/after pair of a resolved ticket: the last photo anyone sent before the resolution (the
 * problem as it was) and the first photo of the resolution (the finished work). Null until both exist.
 */
export function beforeAfter(events: TicketDetailFragment['events']): { before: AttachmentFieldsFragment; after: AttachmentFieldsFragment } | null {
  const resolvedAt = events.findLastIndex((e) => e.kind === 'RESOLVED');
  if (resolvedAt < 0) return null;
  const after = events[resolvedAt]!.attachments.find((a) => a.kind === 'IMAGE');
  const before = events
    .slice(0, resolvedAt)
    .flatMap((e) => e.attachments)
    .findLast((a) => a.kind === 'IMAGE');
  return before && after ? { before, after } : null;
}
