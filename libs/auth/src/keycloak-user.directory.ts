import { DomainError, ErrorKind } from '@crm/errors';

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

export interface KeycloakUserDirectoryOptions {
  baseUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  /** How long one tenant's user list is reused before it is fetched again. */
  cacheTtlMs: number;
  fetchImpl?: typeof fetch;
}

interface KeycloakUser {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  attributes?: Record<string, string[]>;
}

const PAGE = 500;

/**
 * The tenant's users and reporting lines, read from Keycloak's admin API with the gateway's
 * service account. Keycloak stays the single source of truth for who reports to whom; the cache
 * bounds the load on it and the staleness of a changed reporting line.
 */
export class KeycloakUserDirectory {
  private serviceToken?: { value: string; expiresAt: number };
  private readonly cache = new Map<string, { users: Promise<DirectoryUser[]>; expiresAt: number }>();
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: KeycloakUserDirectoryOptions) {
    this.fetchImpl = options.fetchImpl ?? fetch;
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
    for (let first = 0; ; first += PAGE) {
      const url = new URL(`${this.options.baseUrl}/admin/realms/${this.options.realm}/users`);
      url.searchParams.set('q', `tenant_id:${tenantId}`);
      url.searchParams.set('briefRepresentation', 'false');
      url.searchParams.set('first', String(first));
      url.searchParams.set('max', String(PAGE));
      const page = (await this.adminGet(url)) as KeycloakUser[];
      for (const u of page) {
        const mapped = toDirectoryUser(u);
        // `q=` matches substrings on some Keycloak versions; keep exact tenant matches only.
        if (mapped && mapped.tenantId === tenantId) users.push(mapped);
      }
      if (page.length < PAGE) return users;
    }
  }

  private async adminGet(url: URL): Promise<unknown> {
    const token = await this.token();
    const res = await this.fetchImpl(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
    if (res.status === 401) this.serviceToken = undefined;
    if (!res.ok) throw unavailable(`user directory answered ${res.status}`);
    return res.json();
  }

  private async token(): Promise<string> {
    if (this.serviceToken && this.serviceToken.expiresAt > Date.now() + 10_000) return this.serviceToken.value;
    const res = await this.fetchImpl(`${this.options.baseUrl}/realms/${this.options.realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw unavailable(`user directory login answered ${res.status}`);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    this.serviceToken = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }
}

function first(attrs: Record<string, string[]> | undefined, key: string): string | undefined {
  const v = attrs?.[key];
  return Array.isArray(v) && v.length > 0 ? v[0] : undefined;
}

function toDirectoryUser(u: KeycloakUser): DirectoryUser | undefined {
  const id = first(u.attributes, 'crm_user_id');
  const tenantId = first(u.attributes, 'tenant_id');
  if (!id || !tenantId) return undefined;
  const managerId = first(u.attributes, 'manager_id');
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

function unavailable(message: string) {
  return new DomainError('USER_DIRECTORY_UNAVAILABLE', ErrorKind.Unavailable, message);
}
