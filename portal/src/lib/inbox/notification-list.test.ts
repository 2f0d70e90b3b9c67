import { describe, expect, it } from 'vitest';
import { noticeHref, noticeKey } from './notification-list.svelte';

describe('notifications', () => {
  it('words known kinds and falls back for new ones', () => {
    expect(noticeKey('TICKET_SOLUTION_PROPOSED')).toBe('notice.TICKET_SOLUTION_PROPOSED');
    expect(noticeKey('REVIEW_OBJECTION')).toBe('notice.REVIEW_OBJECTION');
    // Sent by the API when a vote closes and when a reward becomes final.
    for (const kind of ['DECISION_APPROVED', 'DECISION_NOT_APPROVED', 'REVIEW_FINAL']) expect(noticeKey(kind)).toBe(`notice.${kind}`);
    expect(noticeKey('SOMETHING_NEW')).toBe('notice.other');
  });

  it('links ticket notifications to their ticket, others to their section', () => {
    expect(noticeHref({ subjectType: 'TICKET', subjectId: 'abc' })).toBe('/tickets/abc');
    expect(noticeHref({ subjectType: 'PROPOSAL', subjectId: 'abc' })).toBe('/board');
    expect(noticeHref({ subjectType: 'UNKNOWN', subjectId: 'abc' })).toBeNull();
  });
});
