import { describe, expect, it } from 'vitest';
import { noticeHref, noticeIcon, noticeKey } from './notification-list.svelte';

describe('notifications', () => {
  it('words known kinds and falls back for new ones', () => {
    expect(noticeKey('TICKET_SOLUTION_PROPOSED')).toBe('notice.TICKET_SOLUTION_PROPOSED');
    expect(noticeKey('REVIEW_OBJECTION')).toBe('notice.REVIEW_OBJECTION');
    // Sent by the API when a vote closes and when a reward becomes final.
    for (const kind of ['DECISION_APPROVED', 'DECISION_NOT_APPROVED', 'REVIEW_FINAL']) expect(noticeKey(kind)).toBe(`notice.${kind}`);
    expect(noticeKey('SOMETHING_NEW')).toBe('notice.other');
  });

  it('words every status a proposal can reach', () => {
    for (const status of ['OPEN', 'UNDER_REVIEW', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'IMPLEMENTED', 'REWARDED']) {
      expect(noticeKey(`PROPOSAL_${status}`)).toBe(`notice.PROPOSAL_${status}`);
    }
  });

  it('opens the exact thing the API names, and nothing off the portal', () => {
    expect(noticeHref({ link: '/tickets/abc' })).toBe('/tickets/abc');
    expect(noticeHref({ link: '/board/abc#vote' })).toBe('/board/abc#vote');
    expect(noticeHref({ link: '/rewards/committee/abc' })).toBe('/rewards/committee/abc');
    expect(noticeHref({ link: '//evil.example/x' })).toBeNull();
    expect(noticeHref({ link: 'https://evil.example/x' })).toBeNull();
  });

  it('gives each kind of news its own picture', () => {
    expect(noticeIcon('TICKET_SOLUTION_PROPOSED')).toBe('lightbulb');
    expect(noticeIcon('TICKET_RESOLVED')).toBe('star');
    expect(noticeIcon('TICKET_ESCALATED_TO_HEAD')).toBe('alert');
    expect(noticeIcon('DECISION_OPENED')).toBe('ballot');
    expect(noticeIcon('REVIEW_OPENED')).toBe('award');
    expect(noticeIcon('REVIEW_OBJECTION')).toBe('megaphone');
    expect(noticeIcon('SOMETHING_NEW')).toBe('bell');
  });
});
