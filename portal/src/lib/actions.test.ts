import { describe, expect, it } from 'vitest';
import { actionsFor } from './actions';
import { timeOfDay } from './greeting';
import { safeNext, loginUrl } from './viewer/next';

describe('actionsFor', () => {
  it('gives an owner tickets, proposals, votes and rewards', () => {
    const [owner] = actionsFor({ roles: ['OWNER'], department: null });
    expect(owner?.role).toBe('OWNER');
    expect(owner?.actions.map((a) => a.href)).toEqual(['/tickets', '/board', '/board', '/rewards']);
  });

  it('orders several roles and names the staff member’s department', () => {
    const groups = actionsFor({ roles: ['COMMITTEE', 'STAFF'], department: 'MANAGEMENT' });
    expect(groups.map((g) => g.role)).toEqual(['STAFF', 'COMMITTEE']);
    expect(groups[0]?.actions[0]).toMatchObject({ id: 'staff-queue', department: 'MANAGEMENT' });
  });

  it('sends customer service to the desk, staff to their queue and admins to settings', () => {
    expect(actionsFor({ roles: ['CUSTOMER_SERVICE'], department: 'CUSTOMER_SERVICE' })[0]?.actions.map((a) => a.href)).toEqual([
      '/tickets/new?for=owner',
      '/tickets/desk',
      '/tickets/desk',
      '/dashboard',
      '/knowledge',
    ]);
    expect(actionsFor({ roles: ['STAFF'], department: 'MAINTENANCE' })[0]?.actions[0]?.href).toBe('/tickets/queue');
    // 常用答复: staff share knowledge too.
    expect(actionsFor({ roles: ['STAFF'], department: 'MAINTENANCE' })[0]?.actions.map((a) => a.href)).toContain('/knowledge');
    expect(actionsFor({ roles: ['ADMIN'], department: null })[0]?.actions[0]?.href).toBe('/admin');
  });
});

describe('timeOfDay', () => {
  it.each([
    [4, 'evening'],
    [5, 'morning'],
    [11, 'morning'],
    [12, 'afternoon'],
    [17, 'afternoon'],
    [18, 'evening'],
    [23, 'evening'],
  ] as const)('%i h is %s', (hour, expected) => {
    expect(timeOfDay(hour)).toBe(expected);
  });
});

describe('sign-in return path', () => {
  it.each([
    ['/tickets?x=1', '/tickets?x=1'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login?next=/tickets', '/'],
  ])('%s → %s', (raw, expected) => {
    expect(safeNext(raw)).toBe(expected);
  });

  it('remembers where the visitor was going', () => {
    expect(loginUrl(new URL('http://x/board?sort=hot'))).toBe('/login?next=%2Fboard%3Fsort%3Dhot');
    expect(loginUrl(new URL('http://x/'))).toBe('/login');
  });
});
