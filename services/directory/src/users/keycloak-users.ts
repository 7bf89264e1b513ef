import { keycloakAttribute, type KeycloakUser, type Role } from '@crm/auth';

/** What Keycloak decides about a user: identity, role, reporting line, enabled state. */
export interface SyncedUser {
  id: string;
  tenantId: string;
  subject: string;
  name: string;
  email: string;
  role: Role;
  status: 'active' | 'inactive';
  /** Made by an admin's invitation (Keycloak attribute `invited_at`). */
  invited: boolean;
  confirmed: boolean;
  reportsTo: string | null;
  createdAt: Date;
}

/** The users holding each CRM realm role. */
export interface RoleMembers {
  admin: ReadonlySet<string>;
  manager: ReadonlySet<string>;
  user: ReadonlySet<string>;
}

/** The Keycloak attribute marking a user made by an invitation, with its time. */
export const INVITED_AT = 'invited_at';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID = /^[1-9][0-9]{0,18}$/;

/**
 * The CRM users among Keycloak's: those with a tenant, a CRM user id and a CRM role (their
 * strongest), oldest first. Anyone else (service accounts, users without a CRM role, a second
 * claimant of an id) is not a CRM user.
 */
export function crmUsersOf(users: readonly KeycloakUser[], roles: RoleMembers): SyncedUser[] {
  const found: SyncedUser[] = [];
  const ids = new Set<string>();
  // Should two Keycloak users claim one CRM id (made by hand), the older one keeps it.
  for (const u of [...users].sort((a, b) => (a.createdTimestamp ?? 0) - (b.createdTimestamp ?? 0))) {
    const tenantId = keycloakAttribute(u, 'tenant_id')?.toLowerCase();
    const id = keycloakAttribute(u, 'crm_user_id');
    const role: Role | undefined = roles.admin.has(u.id) ? 'admin' : roles.manager.has(u.id) ? 'manager' : roles.user.has(u.id) ? 'user' : undefined;
    if (!tenantId || !UUID.test(tenantId) || !id || !ID.test(id) || !role || ids.has(id)) continue;
    ids.add(id);
    const manager = keycloakAttribute(u, 'manager_id');
    found.push({
      id,
      tenantId,
      subject: u.id,
      name: [u.firstName, u.lastName].filter(Boolean).join(' ') || u.username,
      email: u.email ?? '',
      role,
      status: u.enabled === false ? 'inactive' : 'active',
      invited: keycloakAttribute(u, INVITED_AT) !== undefined,
      confirmed: (u.requiredActions ?? []).length === 0,
      reportsTo: manager && ID.test(manager) && manager !== id ? manager : null,
      createdAt: new Date(u.createdTimestamp ?? Date.now()),
    });
  }
  return found;
}

/** The Keycloak-owned part of a stored user, to compare with a fresh copy. */
export interface StoredSyncedFields {
  id: string;
  subject: string;
  name: string;
  email: string;
  role: string;
  status: string;
  invited: boolean;
  confirmed: boolean;
  reports_to: string | null;
  deleted_at: Date | null;
}

/** Sell attribute names of the Keycloak-owned fields, in the order events list them. */
const COMPARED = [
  ['name', (s: SyncedUser) => s.name, (r: StoredSyncedFields) => r.name],
  ['email', (s: SyncedUser) => s.email, (r: StoredSyncedFields) => r.email],
  ['role', (s: SyncedUser) => s.role, (r: StoredSyncedFields) => r.role],
  ['status', (s: SyncedUser) => s.status, (r: StoredSyncedFields) => r.status],
  ['invited', (s: SyncedUser) => s.invited, (r: StoredSyncedFields) => r.invited],
  ['confirmed', (s: SyncedUser) => s.confirmed, (r: StoredSyncedFields) => r.confirmed],
  ['reports_to', (s: SyncedUser) => s.reportsTo, (r: StoredSyncedFields) => r.reports_to],
  ['subject', (s: SyncedUser) => s.subject, (r: StoredSyncedFields) => r.subject],
] as const;

export interface UserSyncPlan {
  created: SyncedUser[];
  updated: { user: SyncedUser; changed: string[] }[];
  /** Stored users Keycloak no longer has. */
  deleted: string[];
}

/** What a copy of one tenant's Keycloak users changes in the directory. */
export function planUserSync(stored: readonly StoredSyncedFields[], fresh: readonly SyncedUser[]): UserSyncPlan {
  const byId = new Map(stored.map((r) => [r.id, r]));
  const plan: UserSyncPlan = { created: [], updated: [], deleted: [] };
  for (const user of fresh) {
    const row = byId.get(user.id);
    byId.delete(user.id);
    if (!row) {
      plan.created.push(user);
      continue;
    }
    const changed: string[] = COMPARED.filter(([, a, b]) => a(user) !== b(row)).map(([name]) => name);
    if (row.deleted_at) changed.push('deleted_at');
    if (changed.length > 0) plan.updated.push({ user, changed });
  }
  for (const row of byId.values()) if (!row.deleted_at) plan.deleted.push(row.id);
  return plan;
}
