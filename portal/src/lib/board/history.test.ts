import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import { describeEvent, lookOf, statusReason } from './history';

const event = (kind: Parameters<typeof describeEvent>[0]['kind'], over: { toStatus?: 'DECLINED' | 'ACCEPTED' | null; reason?: string | null } = {}) => ({
  kind,
  toStatus: over.toStatus ?? null,
  reason: over.reason ?? null,
});

describe('the public history in words', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('tells a status change with its public reason', () => {
    expect(describeEvent(event('STATUS_CHANGED', { toStatus: 'DECLINED', reason: '成本过高' }))).toEqual({
      action: '把状态改为「不采纳」',
      message: '成本过高',
    });
  });

  it('names the reward tier of a rewarded proposal in the reader’s language', () => {
    const rewarded = { kind: 'STATUS_CHANGED' as const, toStatus: 'REWARDED' as const, reason: '二等奖' };
    const reward = { name: '二等奖', nameEn: 'Second prize' };
    expect(describeEvent(rewarded, reward).message).toBe('二等奖');
    setLocale('en');
    expect(describeEvent(rewarded, reward).message).toBe('Second prize');
    expect(describeEvent(rewarded, { name: '二等奖', nameEn: null }).message).toBe('二等奖');
    expect(describeEvent(rewarded).message).toBe('二等奖');
    // Only the reason that is the tier's name: any other words stay as written.
    expect(statusReason('成本过高', 'DECLINED', reward)).toBe('成本过高');
    expect(statusReason('二等奖', 'REWARDED', reward)).toBe('Second prize');
  });

  it('tells the threshold, a vote and its outcome', () => {
    expect(describeEvent(event('THRESHOLD_REACHED', { reason: '20' })).action).toBe('支持达到 20 人，自动交委员会审议');
    expect(describeEvent(event('DECISION_OPENED', { reason: '是否同意？' })).message).toBe('是否同意？');
    expect(describeEvent(event('DECISION_CLOSED', { reason: 'APPROVED' })).action).toContain('通过');
    expect(describeEvent(event('DECISION_CLOSED', { reason: 'NO_QUORUM' })).action).toContain('参与未达法定比例');
  });

  it('draws a change in the look of the status it reached, and a vote’s close by its outcome', () => {
    expect(lookOf(event('STATUS_CHANGED', { toStatus: 'DECLINED' }))).toEqual({ tone: 'danger', icon: 'xCircle' });
    expect(lookOf(event('DECISION_CLOSED', { reason: 'APPROVED' })).tone).toBe('success');
    expect(lookOf(event('DECISION_CLOSED', { reason: 'REJECTED' })).tone).toBe('danger');
    expect(lookOf(event('MERGED_INTO')).icon).toBe('merge');
  });

  it('speaks English too', () => {
    setLocale('en');
    expect(describeEvent(event('SUBMITTED')).action).toBe('submitted the proposal');
  });
});
