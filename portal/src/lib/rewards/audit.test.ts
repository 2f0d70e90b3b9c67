import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import { auditSummary, isKnownAction, prettyPayload, shortHash, subjectHref } from './audit';

describe('audit entries on screen', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('shorten hashes to their ends', () => {
    expect(shortHash('3454c79e6a664e4c82cfcd433044ca55fff1854b269189723a38bcc6d0a08f8e')).toBe('3454c79e…8f8e');
    expect(shortHash('genesis')).toBe('genesis');
  });

  it('indent the payload, and leave what is not JSON alone', () => {
    expect(prettyPayload('{"points":600,"tier":"二等奖"}')).toBe('{\n  "points": 600,\n  "tier": "二等奖"\n}');
    expect(prettyPayload('not json')).toBe('not json');
  });

  it('say in one line what was decided', () => {
    expect(auditSummary('REVIEW_FINALIZED', '{"finalScore":"7.23","proposal":"P-0004","tier":{"name":"二等奖","points":600}}')).toBe(
      'P-0004 最终得分 7.23，二等奖（600 积分）',
    );
    expect(auditSummary('REVIEW_FINALIZED', '{"finalScore":"3.10","proposal":"P-0009","tier":null}')).toBe('P-0009 最终得分 3.10，未达奖励等级');
    expect(auditSummary('OBJECTION_ANSWERED', '{"objector":"赵强","upheld":false}')).toBe('赵强 的异议：不采纳');
    expect(auditSummary('LEDGER_CREDIT', '{"points":600,"recipient":"客服 李娜"}')).toBe('客服 李娜 入账 600 积分');
    expect(auditSummary('OUTCOME_FINAL', '{"points":600,"proposal":"P-0007","recipient":"客服 李娜","tier":"二等奖"}')).toBe(
      'P-0007 生效：客服 李娜 获二等奖（600 积分）',
    );
    expect(auditSummary('SOMETHING_NEW', '{}')).toBeNull();
    expect(auditSummary('LEDGER_CREDIT', 'broken')).toBe(' 入账  积分');
  });

  it('know the actions the API writes and link reviews', () => {
    expect(isKnownAction('DECISION_CLOSED')).toBe(true);
    expect(isKnownAction('PAPER_BALLOT_RECORDED')).toBe(true);
    expect(auditSummary('PAPER_BALLOT_RECORDED', JSON.stringify({ proposal: 'P-0008', reference: 'DT-001', units: ['1-1-101', '1-1-102'] }))).toContain(
      'DT-001',
    );
    expect(isKnownAction('DROP_TABLE')).toBe(false);
    expect(subjectHref('REVIEW', 'r1')).toBe('/rewards/r1');
    expect(subjectHref('PERSON', 'p1')).toBeNull();
  });
});
