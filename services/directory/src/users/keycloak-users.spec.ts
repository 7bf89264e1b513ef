import type { KeycloakUser } from '@crm/auth';
import { crmUsersOf, planUserSync, type StoredSyncedFields, type SyncedUser } from './keycloak-users';

const TENANT = '11111111-1111-4111-8111-111111111111';

function kcUser(id: string, attrs: Record<string, string>, extra: Partial<KeycloakUser> = {}): KeycloakUser {
  return { id: `sub-${id}`, username: `u${id}`, firstName: 'Ann', lastName: `Lee ${id}`, email: `u${id}@acme.example`, enabled: true, createdTimestamp: 1_700_000_000_000, attributes: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, [v]])), ...extra };
}

const roles = (admin: string[], manager: string[], user: string[]) => ({ admin: new Set(admin), manager: new Set(manager), user: new Set(user) });

describe(crmUsersOf.name, () => {
  it('keeps users with a tenant, a CRM id and a CRM role, with their strongest role', () => {
    const users = [
      kcUser('1', { tenant_id: TENANT.toUpperCase(), crm_user_id: '1' }),
      kcUser('2', { tenant_id: TENANT, crm_user_id: '2', manager_id: '1', invited_at: '2026-12-01T10:00:00Z' }, { enabled: false, requiredActions: ['UPDATE_PASSWORD'] }),
      kcUser('3', { tenant_id: TENANT, crm_user_id: '3' }),
      kcUser('4', { crm_user_id: '4' }),
      kcUser('5', { tenant_id: 'not-a-uuid', crm_user_id: '5' }),
      kcUser('6', { tenant_id: TENANT, crm_user_id: '6', manager_id: '6' }),
    ];
    const found = crmUsersOf(users, roles(['sub-1'], ['sub-1', 'sub-6'], ['sub-1', 'sub-2', 'sub-4', 'sub-5', 'sub-6']));
    expect(found.map((u) => [u.id, u.role, u.status, u.invited, u.confirmed, u.reportsTo, u.tenantId])).toEqual([
      ['1', 'admin', 'active', false, true, null, TENANT],
      ['2', 'user', 'inactive', true, false, '1', TENANT],
      // a user cannot report to themself
      ['6', 'manager', 'active', false, true, null, TENANT],
    ]);
    expect(found[0]!.name).toBe('Ann Lee 1');
    expect(found[0]!.createdAt.toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });

  it('gives an id two Keycloak users claim to the older one only', () => {
    const older = kcUser('7', { tenant_id: TENANT, crm_user_id: '7' }, { id: 'older', createdTimestamp: 1_000 });
    const newer = kcUser('7', { tenant_id: TENANT, crm_user_id: '7' }, { id: 'newer', createdTimestamp: 2_000 });
    const found = crmUsersOf([newer, older], roles([], [], ['older', 'newer']));
    expect(found.map((u) => [u.id, u.subject])).toEqual([['7', 'older']]);
  });
});

describe(planUserSync.name, () => {
  const fresh = (id: string, patch: Partial<SyncedUser> = {}): SyncedUser => ({ id, tenantId: TENANT, subject: `sub-${id}`, name: `N${id}`, email: `e${id}`, role: 'user', status: 'active', invited: false, confirmed: true, reportsTo: null, createdAt: new Date(0), ...patch });
  const stored = (id: string, patch: Partial<StoredSyncedFields> = {}): StoredSyncedFields => ({ id, subject: `sub-${id}`, name: `N${id}`, email: `e${id}`, role: 'user', status: 'active', invited: false, confirmed: true, reports_to: null, deleted_at: null, ...patch });

  it('creates new users, updates changed ones with the names of what changed, and deletes the missing ones', () => {
    const plan = planUserSync(
      [stored('1'), stored('2'), stored('3'), stored('4', { deleted_at: new Date() }), stored('5', { deleted_at: new Date() })],
      [fresh('1'), fresh('2', { status: 'inactive', reportsTo: '1' }), fresh('5'), fresh('6')],
    );
    expect(plan.created.map((u) => u.id)).toEqual(['6']);
    expect(plan.updated.map((u) => [u.user.id, u.changed])).toEqual([
      ['2', ['status', 'reports_to']],
      ['5', ['deleted_at']],
    ]);
    // 4 was deleted before: nothing to do again.
    expect(plan.deleted).toEqual(['3']);
  });

  it('changes nothing when Keycloak and the directory agree', () => {
    expect(planUserSync([stored('1')], [fresh('1')])).toEqual({ created: [], updated: [], deleted: [] });
  });
});
