import { DomainError, ErrorKind } from '@crm/errors';

export interface KeycloakAdminOptions {
  baseUrl: string;
  realm: string;
  /** A confidential client with a service account holding `realm-management` roles. */
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** A user as Keycloak's Admin API returns it (`briefRepresentation=false`); attributes are string arrays. */
export interface KeycloakUser {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  emailVerified?: boolean;
  createdTimestamp?: number;
  requiredActions?: string[];
  attributes?: Record<string, string[]>;
}

const PAGE = 500;

/**
 * Keycloak's Admin API with a client-credentials token of a service account: the token is kept
 * until shortly before it expires and fetched again after a 401.
 */
export class KeycloakAdminClient {
  private serviceToken?: { value: string; expiresAt: number };
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: KeycloakAdminOptions) {
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Every user matching `q` (Keycloak's attribute search, e.g. `tenant_id:<uuid>`), page by page. */
  async users(q?: string): Promise<KeycloakUser[]> {
    return this.paged('users', { ...(q ? { q } : {}), briefRepresentation: 'false' });
  }

  /** The users holding a realm role directly. */
  async realmRoleMembers(role: string): Promise<KeycloakUser[]> {
    return this.paged(`roles/${encodeURIComponent(role)}/users`, { briefRepresentation: 'true' });
  }

  async user(id: string): Promise<KeycloakUser | undefined> {
    const res = await this.request('GET', `users/${encodeURIComponent(id)}`);
    if (res.status === 404) return undefined;
    return (await this.json(res, 'user')) as KeycloakUser;
  }

  /** Changes a user: the current representation with `patch` over it (attributes merged by key). */
  async updateUser(id: string, patch: Partial<KeycloakUser>): Promise<void> {
    const current = await this.user(id);
    if (!current) throw new DomainError('KEYCLOAK_USER_NOT_FOUND', ErrorKind.NotFound, `Keycloak has no user ${id}`);
    const attributes = patch.attributes ? Object.fromEntries(Object.entries({ ...current.attributes, ...patch.attributes }).filter(([, v]) => v.length > 0)) : current.attributes;
    await this.expectOk(await this.request('PUT', `users/${encodeURIComponent(id)}`, { ...current, ...patch, attributes }), 'user update');
  }

  /**
   * Creates a user and answers its Keycloak id. A username or email the realm already has
   * answers `ALREADY_EXISTS` (Keycloak's 409) and a value its user profile refuses
   * `INVALID_ARGUMENT` with Keycloak's message (400), so callers can tell both from an outage.
   */
  async createUser(user: Omit<KeycloakUser, 'id'>): Promise<string> {
    const res = await this.request('POST', 'users', user);
    if (res.status === 409) throw new DomainError('KEYCLOAK_USER_EXISTS', ErrorKind.AlreadyExists, 'a user with this username or email already exists');
    if (res.status === 400) {
      const answer = (await res.json().catch(() => ({}))) as { errorMessage?: string };
      throw new DomainError('KEYCLOAK_USER_REFUSED', ErrorKind.InvalidArgument, answer.errorMessage ?? 'Keycloak refused the user');
    }
    await this.expectOk(res, 'user creation');
    const id = res.headers.get('location')?.split('/').pop();
    if (!id) throw unavailable('Keycloak created a user without answering its location');
    return id;
  }

  async deleteUser(id: string): Promise<void> {
    const res = await this.request('DELETE', `users/${encodeURIComponent(id)}`);
    if (res.status !== 404) await this.expectOk(res, 'user removal');
  }

  /**
   * Emails the user a link to perform `actions` (e.g. set a password, verify the address) through
   * the realm's SMTP server; the link is valid for `lifespanSeconds` and, when given, ends at
   * `redirectUri` of `clientId`.
   */
  async executeActionsEmail(id: string, actions: readonly string[], link: { lifespanSeconds: number; clientId?: string | undefined; redirectUri?: string | undefined }): Promise<void> {
    const query: Record<string, string> = { lifespan: String(link.lifespanSeconds), ...(link.clientId ? { client_id: link.clientId } : {}), ...(link.redirectUri ? { redirect_uri: link.redirectUri } : {}) };
    await this.expectOk(await this.request('PUT', `users/${encodeURIComponent(id)}/execute-actions-email`, actions, query), 'the actions email');
  }

  /** Grants and takes away realm roles of a user. */
  async changeRealmRoles(id: string, grant: readonly string[], revoke: readonly string[]): Promise<void> {
    const representation = async (names: readonly string[]) => Promise.all(names.map(async (name) => this.get(`roles/${encodeURIComponent(name)}`)));
    const path = `users/${encodeURIComponent(id)}/role-mappings/realm`;
    if (revoke.length > 0) await this.expectOk(await this.request('DELETE', path, await representation(revoke)), 'role removal');
    if (grant.length > 0) await this.expectOk(await this.request('POST', path, await representation(grant)), 'role grant');
  }

  async get(path: string, query: Record<string, string> = {}): Promise<unknown> {
    return this.json(await this.request('GET', path, undefined, query), path);
  }

  /** Sends a request to `/admin/realms/<realm>/<path>`; the caller reads the answer. */
  async request(method: string, path: string, body?: unknown, query: Record<string, string> = {}): Promise<Response> {
    const url = new URL(`${this.options.baseUrl}/admin/realms/${this.options.realm}/${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const send = async () =>
      this.fetchImpl(url, {
        method,
        headers: { authorization: `Bearer ${await this.token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      }).catch((err: unknown) => {
        throw unavailable(`Keycloak is unreachable: ${(err as Error).message}`);
      });
    let res = await send();
    if (res.status === 401) {
      this.serviceToken = undefined;
      res = await send();
    }
    return res;
  }

  private async paged(path: string, query: Record<string, string>): Promise<KeycloakUser[]> {
    const all: KeycloakUser[] = [];
    for (let first = 0; ; first += PAGE) {
      const page = (await this.get(path, { ...query, first: String(first), max: String(PAGE) })) as KeycloakUser[];
      all.push(...page);
      if (page.length < PAGE) return all;
    }
  }

  private async expectOk(res: Response, what: string): Promise<void> {
    if (!res.ok) throw unavailable(`Keycloak answered ${res.status} for ${what}`);
  }

  private async json(res: Response, what: string): Promise<unknown> {
    if (!res.ok) throw unavailable(`Keycloak answered ${res.status} for ${what}`);
    return res.json();
  }

  private async token(): Promise<string> {
    if (this.serviceToken && this.serviceToken.expiresAt > Date.now() + 10_000) return this.serviceToken.value;
    const res = await this.fetchImpl(`${this.options.baseUrl}/realms/${this.options.realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret }),
      signal: AbortSignal.timeout(this.timeoutMs),
    }).catch((err: unknown) => {
      throw unavailable(`Keycloak is unreachable: ${(err as Error).message}`);
    });
    if (!res.ok) throw unavailable(`Keycloak login answered ${res.status}`);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    this.serviceToken = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }
}

/** The first value of a user attribute. */
export function keycloakAttribute(user: KeycloakUser, key: string): string | undefined {
  const v = user.attributes?.[key];
  return Array.isArray(v) && v.length > 0 ? v[0] : undefined;
}

function unavailable(message: string) {
  return new DomainError('USER_DIRECTORY_UNAVAILABLE', ErrorKind.Unavailable, message);
}
