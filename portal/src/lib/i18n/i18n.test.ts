import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys in zh-CN and en', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it.each(Object.keys(zhCN) as (keyof typeof zhCN)[])('%s: same placeholders, no empty text', (key) => {
    expect(zhCN[key].trim()).not.toBe('');
    expect(en[key].trim()).not.toBe('');
    expect(placeholders(en[key])).toEqual(placeholders(zhCN[key]));
  });

  it('name every role and department in both languages', () => {
    for (const role of ['OWNER', 'CUSTOMER_SERVICE', 'STAFF', 'COMMITTEE', 'ADMIN']) {
      expect(zhCN).toHaveProperty(`role.${role}`);
    }
    for (const department of ['CUSTOMER_SERVICE', 'MAINTENANCE', 'SECURITY', 'CLEANING', 'MANAGEMENT']) {
      expect(zhCN).toHaveProperty(`department.${department}`);
    }
  });

  it('use the charter’s vocabulary', () => {
    expect(zhCN['role.OWNER']).toBe('业主');
    expect(zhCN['role.COMMITTEE']).toBe('评审委员会');
    expect(zhCN['role.ADMIN']).toBe('管理员');
    expect(zhCN['nav.tickets']).toBe('工单');
    expect(zhCN['board.heading']).toBe('共创提案');
    expect(zhCN['rewards.heading']).toBe('评审与奖励公示');
    expect([zhCN['kind.INQUIRY'], zhCN['kind.COMPLAINT'], zhCN['kind.REPAIR']]).toEqual(['咨询', '投诉', '报修']);
    expect(zhCN['status.CLOSED']).toBe('已关闭');
    expect(zhCN['desk.quick.answer']).toBe('当场解答');
  });

  it('name every ticket status, kind, urgency, SLA clock and event', () => {
    for (const status of ['RECEIVED', 'INVESTIGATING', 'SOLUTION_PROPOSED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']) {
      expect(zhCN).toHaveProperty(`status.${status}`);
    }
    for (const urgency of ['URGENT', 'HIGH', 'NORMAL', 'LOW']) expect(zhCN).toHaveProperty(`urgency.${urgency}`);
    for (const clock of ['RESPONSE', 'SOLUTION', 'RESOLUTION', 'PROMISED_REPLY', 'RETURN_VISIT']) {
      expect(zhCN).toHaveProperty(`sla.clock.${clock}`);
    }
    const events = [
      'OPENED',
      'ANSWERED',
      'DISPATCHED',
      'UPDATE',
      'SOLUTION_PROPOSED',
      'SOLUTION_ACCEPTED',
      'SOLUTION_REJECTED',
      'RESOLVED',
      'RETURN_VISIT',
      'SLA_MISSED',
      'ESCALATED',
    ];
    for (const kind of events) expect(zhCN).toHaveProperty(`event.${kind}`);
  });
});

describe('t and the current locale', () => {
  // A fresh module per test: the locale is module state read from storage at import.
  async function load(stored?: string) {
    vi.resetModules();
    const store = new Map<string, string>(stored ? [['cocreate.locale', stored]] : []);
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    });
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    const i18n = await import('./index');
    await i18n.loadLocale(i18n.getLocale()); // as the root layout does before the first screen
    return { i18n, store };
  }

  beforeEach(() => {
    vi.unstubAllGlobals();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('defaults to zh-CN', async () => {
    const { i18n } = await load();
    expect(i18n.getLocale()).toBe('zh-CN');
    expect(i18n.t('nav.tickets')).toBe('工单');
  });

  it('interpolates params', async () => {
    const { i18n } = await load();
    expect(i18n.t('greeting.morning', { name: '王丽' })).toBe('早上好，王丽');
    expect(i18n.t('home.units.address', { building: 3, entrance: 2, room: 1201 })).toBe('3 栋 2 单元 1201 室');
  });

  it('switches locale, remembers it and updates <html lang>', async () => {
    const { i18n, store } = await load();
    await i18n.switchLocale('en');
    expect(i18n.getLocale()).toBe('en');
    expect(i18n.t('greeting.evening', { name: 'Wang Li' })).toBe('Good evening, Wang Li');
    expect(store.get('cocreate.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    i18n.setLocale('zh-CN');
    expect(i18n.t('greeting.evening', { name: '王丽' })).toBe('晚上好，王丽');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('fetches a language only when it is first needed', async () => {
    vi.resetModules();
    const i18n = await import('./index');
    // Before the root layout's load: the key, never a crash (no screen is shown yet).
    expect(i18n.t('nav.tickets')).toBe('nav.tickets');
    expect(i18n.hasMessage('nav.tickets')).toBe(false);
    await i18n.loadLocale('zh-CN');
    expect(i18n.t('nav.tickets')).toBe('工单');
    // English is not loaded yet: switching to it without loading is refused, switchLocale fetches it.
    expect(() => i18n.setLocale('en')).toThrow(/en messages are not loaded/);
    expect(i18n.getLocale()).toBe('zh-CN');
    await i18n.switchLocale('en');
    expect(i18n.t('nav.tickets')).toBe('Tickets');
    expect(i18n.hasMessage('nav.tickets')).toBe(true);
    expect(i18n.hasMessage('no.such.key')).toBe(false);
  });

  it('starts in the stored locale and ignores an unknown one', async () => {
    expect((await load('en')).i18n.getLocale()).toBe('en');
    expect((await load('fr')).i18n.getLocale()).toBe('zh-CN');
  });

  it('formats areas with two decimals in the current locale', async () => {
    const { i18n } = await load();
    expect(i18n.formatArea(69.7)).toBe('69.70');
    expect(i18n.formatArea(1234.5)).toBe('1,234.50');
  });

  it('leaves an unknown placeholder visible rather than blank', async () => {
    const { i18n } = await load();
    expect(i18n.interpolate('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
