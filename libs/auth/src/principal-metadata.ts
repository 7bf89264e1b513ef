import type { Principal, Role } from './principal';

/**
 * gRPC metadata keys that carry the caller from the gateway to the services. The gateway sets
 * them from a verified token and strips anything a client sent; services read only these.
 */
export const PRINCIPAL_METADATA = {
  tenantId: 'x-crm-tenant-id',
  userId: 'x-crm-user-id',
  role: 'x-crm-role',
  visibleOwners: 'x-crm-visible-owners',
} as const;

const ROLES: readonly Role[] = ['user', 'manager', 'admin'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID = /^[1-9][0-9]{0,18}$/;

export function principalToMetadata(principal: Principal): Record<string, string> {
  return {
    [PRINCIPAL_METADATA.tenantId]: principal.tenantId,
    [PRINCIPAL_METADATA.userId]: principal.userId,
    [PRINCIPAL_METADATA.role]: principal.role,
    [PRINCIPAL_METADATA.visibleOwners]: principal.visibleOwnerIds === 'all' ? '*' : principal.visibleOwnerIds.join(','),
  };
}

/** Reads and validates the principal; returns undefined when any part is missing or malformed. */
export function principalFromMetadata(get: (key: string) => string | undefined): Principal | undefined {
  const tenantId = get(PRINCIPAL_METADATA.tenantId);
  const userId = get(PRINCIPAL_METADATA.userId);
  const role = get(PRINCIPAL_METADATA.role) as Role | undefined;
  const owners = get(PRINCIPAL_METADATA.visibleOwners);
  if (!tenantId || !UUID.test(tenantId) || !userId || !ID.test(userId) || !role || !ROLES.includes(role) || owners === undefined) {
    return undefined;
  }
  let visibleOwnerIds: Principal['visibleOwnerIds'];
  if (owners === '*') {
    if (role !== 'admin') return undefined;
    visibleOwnerIds = 'all';
  } else {
    const ids = owners.split(',').filter(Boolean);
    if (!ids.every((id) => ID.test(id)) || !ids.includes(userId)) return undefined;
    visibleOwnerIds = ids;
  }
  return { tenantId, userId, role, visibleOwnerIds };
}
