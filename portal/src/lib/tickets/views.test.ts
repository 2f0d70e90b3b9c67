import { describe, expect, it } from 'vitest';
import { canRecordForOwner, ticketScreensFor } from './views';

describe('ticketScreensFor', () => {
  it.each([
    [['OWNER'], ['mine']],
    [['CUSTOMER_SERVICE'], ['desk']],
    [['STAFF', 'COMMITTEE'], ['queue']],
    [['ADMIN'], ['desk', 'queue']],
    [
      ['OWNER', 'CUSTOMER_SERVICE'],
      ['mine', 'desk'],
    ],
    [['COMMITTEE'], ['mine']],
  ] as const)('%j → %j', (roles, screens) => {
    expect(ticketScreensFor({ roles })).toEqual(screens);
  });

  it('lets customer service and admins record for an owner, nobody else', () => {
    expect(canRecordForOwner({ roles: ['CUSTOMER_SERVICE'] })).toBe(true);
    expect(canRecordForOwner({ roles: ['ADMIN'] })).toBe(true);
    expect(canRecordForOwner({ roles: ['OWNER', 'STAFF'] })).toBe(false);
  });
});
