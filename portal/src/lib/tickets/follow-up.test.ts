import { describe, expect, it } from 'vitest';
import { mayFollowUp } from './follow-up';

describe('who records a return-visit follow-up', () => {
  it('is the property manager or an admin, not customer service, other staff or owners', () => {
    expect(mayFollowUp({ roles: ['STAFF', 'COMMITTEE'], department: 'MANAGEMENT' })).toBe(true);
    expect(mayFollowUp({ roles: ['ADMIN'], department: null })).toBe(true);
    expect(mayFollowUp({ roles: ['CUSTOMER_SERVICE'], department: 'CUSTOMER_SERVICE' })).toBe(false);
    expect(mayFollowUp({ roles: ['STAFF'], department: 'MAINTENANCE' })).toBe(false);
    expect(mayFollowUp({ roles: ['OWNER'] })).toBe(false);
  });
});
