/** Realm roles as Keycloak issues them. */
export const REALM_ROLES = {
  admin: 'crm-admin',
  manager: 'crm-manager',
  user: 'crm-user',
} as const;

export type Role = keyof typeof REALM_ROLES;

/** Who is calling, resolved once by the gateway from a verified access token. */
export interface Principal {
  tenantId: string;
  /** The Sell-compatible integer user id, as a decimal string. */
  userId: string;
  role: Role;
  /** Owner ids whose records the caller may see and change; `all` for tenant-wide access. */
  visibleOwnerIds: readonly string[] | 'all';
}

/** The strongest CRM role among the realm roles of a token, or undefined when it has none. */
export function roleFromRealmRoles(realmRoles: readonly string[]): Role | undefined {
  if (realmRoles.includes(REALM_ROLES.admin)) return 'admin';
  if (realmRoles.includes(REALM_ROLES.manager)) return 'manager';
  if (realmRoles.includes(REALM_ROLES.user)) return 'user';
  return undefined;
}

export function canSeeOwner(principal: Principal, ownerId: string): boolean {
  return principal.visibleOwnerIds === 'all' || principal.visibleOwnerIds.includes(ownerId);
}

/**
 * Whom a caller may make the owner of a record: a user only themself, a manager themself and
 * their reports, an admin anyone in the tenant (the caller checks that the user exists).
 */
export function canAssignOwner(principal: Principal, ownerId: string): boolean {
  if (ownerId === principal.userId) return true;
  if (principal.role === 'user') return false;
  return canSeeOwner(principal, ownerId);
}

/**
 * The owners a query counts when it asks for some (an owner, a team): the requested ones the
 * caller may see; with none requested, everything visible. A filter never widens visibility.
 */
export function narrowOwners(principal: Principal, requested: readonly string[]): readonly string[] | 'all' {
  if (requested.length === 0) return principal.visibleOwnerIds;
  return requested.filter((o) => canSeeOwner(principal, o));
}
