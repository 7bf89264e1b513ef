import { KeycloakAdminClient, keycloakAttribute, type KeycloakAdminOptions, type KeycloakUser } from './keycloak-admin.client';

export interface DirectoryUser {
  id: string;
  subject: string;
  tenantId: string;
  username: string;
  email?: string;
  name: string;
  managerId?: string;
  enabled: boolean;
}

export interface KeycloakUserDirectoryOptions extends KeycloakAdminOptions {
  /** How long one tenant's user list is reused before it is fetched again. */
  cacheTtlMs: number;
}

/**
 * The tenant's users and reporting lines, read from Keycloak's admin API with the gateway's
 * service account. Keycloak stays the single source of truth for who reports to whom; the cache
 * bounds the load on it and the staleness of a changed reporting line.
 */
export class KeycloakUserDirectory {
  private readonly cache = new Map<string, { users: Promise<DirectoryUser[]>; expiresAt: number }>();
  private readonly admin: KeycloakAdminClient;

  constructor(private readonly options: KeycloakUserDirectoryOptions) {
    this.admin = new KeycloakAdminClient(options);
  }

  async tenantUsers(tenantId: string): Promise<DirectoryUser[]> {
    const now = Date.now();
    const hit = this.cache.get(tenantId);
    if (hit && hit.expiresAt > now) return hit.users;
    const users = this.loadTenantUsers(tenantId);
    this.cache.set(tenantId, { users, expiresAt: now + this.options.cacheTtlMs });
    users.catch(() => this.cache.delete(tenantId));
    return users;
  }

  async directReports(tenantId: string, managerId: string): Promise<string[]> {
    return (await this.tenantUsers(tenantId)).filter((u) => u.managerId === managerId && u.enabled).map((u) => u.id);
  }

  async findUser(tenantId: string, userId: string): Promise<DirectoryUser | undefined> {
    return (await this.tenantUsers(tenantId)).find((u) => u.id === userId);
  }

  private async loadTenantUsers(tenantId: string): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    for (const u of await this.admin.users(`tenant_id:${tenantId}`)) {
      const mapped = toDirectoryUser(u);
      // `q=` matches substrings on some Keycloak versions; keep exact tenant matches only.
      if (mapped && mapped.tenantId === tenantId) users.push(mapped);
    }
    return users;
  }
}

function toDirectoryUser(u: KeycloakUser): DirectoryUser | undefined {
  const id = keycloakAttribute(u, 'crm_user_id');
  const tenantId = keycloakAttribute(u, 'tenant_id');
  if (!id || !tenantId) return undefined;
  const managerId = keycloakAttribute(u, 'manager_id');
  return {
    id,
    subject: u.id,
    tenantId: tenantId.toLowerCase(),
    username: u.username,
    ...(u.email ? { email: u.email } : {}),
    name: [u.firstName, u.lastName].filter(Boolean).join(' ') || u.username,
    ...(managerId ? { managerId } : {}),
    enabled: u.enabled !== false,
  };
}
