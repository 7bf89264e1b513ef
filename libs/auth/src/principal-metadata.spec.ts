import { principalFromMetadata, principalToMetadata } from './principal-metadata';
import type { Principal } from './principal';

const tenantId = '11111111-1111-4111-8111-111111111111';

function roundTrip(p: Principal) {
  const md = principalToMetadata(p);
  return principalFromMetadata((k) => md[k]);
}

describe('principal metadata', () => {
  it('round-trips a manager with reports and an admin', () => {
    const manager: Principal = { tenantId, userId: '1002', role: 'manager', visibleOwnerIds: ['1002', '1003', '1004'] };
    const admin: Principal = { tenantId, userId: '1001', role: 'admin', visibleOwnerIds: 'all' };
    expect(roundTrip(manager)).toEqual(manager);
    expect(roundTrip(admin)).toEqual(admin);
  });

  it.each([
    ['missing tenant', { 'x-crm-user-id': '1', 'x-crm-role': 'user', 'x-crm-visible-owners': '1' }],
    ['bad tenant', { 'x-crm-tenant-id': 'acme', 'x-crm-user-id': '1', 'x-crm-role': 'user', 'x-crm-visible-owners': '1' }],
    ['unknown role', { 'x-crm-tenant-id': tenantId, 'x-crm-user-id': '1', 'x-crm-role': 'root', 'x-crm-visible-owners': '1' }],
    ['wildcard for a user', { 'x-crm-tenant-id': tenantId, 'x-crm-user-id': '1', 'x-crm-role': 'user', 'x-crm-visible-owners': '*' }],
    ['owner set without self', { 'x-crm-tenant-id': tenantId, 'x-crm-user-id': '1', 'x-crm-role': 'user', 'x-crm-visible-owners': '2' }],
    ['non-numeric owner', { 'x-crm-tenant-id': tenantId, 'x-crm-user-id': '1', 'x-crm-role': 'user', 'x-crm-visible-owners': '1,x' }],
  ])('rejects %s', (_name, md: Record<string, string>) => {
    expect(principalFromMetadata((k) => md[k])).toBeUndefined();
  });
});
