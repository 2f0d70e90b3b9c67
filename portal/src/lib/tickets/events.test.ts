import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n';
import { describeEvent } from './events';

const event = (kind: string, extra: Record<string, unknown> = {}) =>
  ({
    id: '1',
    at: '2026-05-03T12:00:00Z',
    kind,
    message: null,
    internal: false,
    actorName: null,
    round: null,
    clock: null,
    urgency: null,
    department: null,
    ...extra,
  }) as Parameters<typeof describeEvent>[0];

describe('describeEvent', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('words a dispatch with department, urgency and category', () => {
    expect(describeEvent(event('DISPATCHED', { department: 'MAINTENANCE', urgency: 'HIGH', message: '水电' }))).toEqual({
      action: '分派给维修部，紧急程度：高',
      message: '分类：水电',
    });
  });

  it('counts solution rounds and keeps the rejection reason', () => {
    expect(describeEvent(event('SOLUTION_REJECTED', { round: 2, message: '噪音仍然很大' }))).toEqual({
      action: '退回了第 2 轮方案',
      message: '噪音仍然很大',
    });
  });

  it('reads the rating of a return visit and the level of an escalation', () => {
    expect(describeEvent(event('RETURN_VISIT', { round: 5 })).action).toBe('完成回访，满意度 5/5，工单关闭');
    expect(describeEvent(event('ESCALATED', { round: 2 })).action).toBe('超时升级：已上报管理层');
    expect(describeEvent(event('SLA_MISSED', { clock: 'SOLUTION' })).action).toBe('「提出方案」时限已过');
  });

  it('tells a ticket recorded by customer service from one the owner filed', () => {
    expect(describeEvent(event('OPENED', { message: 'RECORDED_BY_CUSTOMER_SERVICE' }))).toEqual({ action: '代业主登记了工单', message: null });
    expect(describeEvent(event('OPENED')).action).toBe('提交了工单');
  });
});
