import { canAssignOwner, canSeeOwner, narrowOwners, roleFromRealmRoles, type Principal } from './principal';

const tenantId = '11111111-1111-4111-8111-111111111111';
const user: Principal = { tenantId, userId: '1003', role: 'user', visibleOwnerIds: ['1003'] };
const manager: Principal = { tenantId, userId: '1002', role: 'manager', visibleOwnerIds: ['1002', '1003', '1004'] };
const admin: Principal = { tenantId, userId: '1001', role: 'admin', visibleOwnerIds: 'all' };

describe(roleFromRealmRoles.name, () => {
  it('picks the strongest CRM role and ignores others', () => {
    expect(roleFromRealmRoles(['offline_access', 'crm-user', 'crm-manager'])).toBe('manager');
    expect(roleFromRealmRoles(['crm-admin', 'crm-user'])).toBe('admin');
    expect(roleFromRealmRoles(['offline_access'])).toBeUndefined();
  });
});

describe(canSeeOwner.name, () => {
  it('follows the visible owner set', () => {
    expect(canSeeOwner(user, '1003')).toBe(true);
    expect(canSeeOwner(user, '1004')).toBe(false);
    expect(canSeeOwner(manager, '1004')).toBe(true);
    expect(canSeeOwner(manager, '1005')).toBe(false);
    expect(canSeeOwner(admin, '1005')).toBe(true);
  });
});

describe(canAssignOwner.name, () => {
  it('lets a user assign only themself', () => {
    expect(canAssignOwner(user, '1003')).toBe(true);
    expect(canAssignOwner(user, '1002')).toBe(false);
  });
  it('lets a manager assign themself and reports only', () => {
    expect(canAssignOwner(manager, '1004')).toBe(true);
    expect(canAssignOwner(manager, '1005')).toBe(false);
  });
  it('lets an admin assign anyone', () => {
    expect(canAssignOwner(admin, '1005')).toBe(true);
  });
});

describe(narrowOwners.name, () => {
  it('keeps everything visible when no owner is asked for', () => {
    expect(narrowOwners(manager, [])).toEqual(['1002', '1003', '1004']);
    expect(narrowOwners(admin, [])).toBe('all');
  });
  it('narrows to the asked owners the caller may see, never wider', () => {
    expect(narrowOwners(manager, ['1003', '1005'])).toEqual(['1003']);
    expect(narrowOwners(user, ['1004'])).toEqual([]);
    expect(narrowOwners(admin, ['1005'])).toEqual(['1005']);
  });
});
