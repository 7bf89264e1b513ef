import { KeycloakAdminClient } from '@crm/auth';
import { accessToken, stack } from '@crm/testing';
import { api, expectError, USERS } from '../support/http';

const keycloak = new KeycloakAdminClient({ baseUrl: stack.KEYCLOAK_URL, realm: stack.KEYCLOAK_REALM, clientId: 'crm-directory', clientSecret: 'crm-directory-dev-secret' });
/** acme-user3 in deploy/keycloak/realm-crm.json. */
const ACME_USER3 = '00000000-0000-4000-8000-000000001005';

async function setEnabled(subject: string, enabled: boolean): Promise<void> {
  const user = await keycloak.user(subject);
  const res = await keycloak.request('PUT', `users/${subject}`, { ...user, enabled });
  if (res.status !== 204) throw new Error(`Keycloak answered ${res.status}`);
}

/** Polls until `call` answers `status`; answers how long that took. */
async function until(status: number, call: () => Promise<{ status: number }>, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await call();
    if (res.status === status) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`still ${res.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function createToken(as: string, data: object): Promise<{ id: number; token: string; [k: string]: unknown }> {
  const res = await api('POST', '/v2/access_tokens', { as, body: { data } });
  if (res.status !== 200) throw new Error(`token not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

describe('personal access tokens and who a caller is', () => {
  it('issues a 64-character token, shown once, that acts as its user', async () => {
    const created = await createToken(USERS.acmeUser1.username, { name: 'sell client' });
    expect(created).toEqual({
      id: expect.any(Number), user_id: USERS.acmeUser1.id, name: 'sell client', scopes: ['read', 'write'],
      expires_at: null, revoked_at: null, last_used_at: null, created_at: expect.stringMatching(/Z$/), token: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const self = await api('GET', '/v2/users/self', { token: created.token });
    expect(self.status).toBe(200);
    expect(self.body.data.id).toBe(USERS.acmeUser1.id);
    const lead = await api('POST', '/v2/leads', { token: created.token, body: { data: { last_name: 'Token lead' } } });
    expect(lead.status).toBe(200);
    expect(lead.body.data.owner_id).toBe(USERS.acmeUser1.id);
    // A user sees their own tokens, never the token text; an admin sees the tenant's.
    const own = await api('GET', '/v2/access_tokens?per_page=100', { as: USERS.acmeUser1.username });
    const listed = own.body.items.map((i: any) => i.data).find((t: any) => t.id === created.id);
    expect(listed).toMatchObject({ name: 'sell client', last_used_at: expect.stringMatching(/Z$/) });
    expect(listed.token).toBeUndefined();
    expect((await api('GET', '/v2/access_tokens?per_page=100', { as: USERS.acmeUser2.username })).body.items.map((i: any) => i.data.id)).not.toContain(created.id);
    expect((await api('GET', `/v2/access_tokens?per_page=100&user_id=${USERS.acmeUser1.id}`, { as: USERS.acmeAdmin.username })).body.items.map((i: any) => i.data.id)).toContain(created.id);
    expect((await api('GET', '/v2/access_tokens?per_page=100', { as: USERS.globexAdmin.username })).body.items.map((i: any) => i.data.id)).not.toContain(created.id);
  });

  it('lets a read token read and answers 403 insufficient_scope to its writes', async () => {
    const { token } = await createToken(USERS.acmeUser1.username, { name: 'reader', scopes: ['read'] });
    expect((await api('GET', '/v2/leads', { token })).status).toBe(200);
    expectError(await api('POST', '/v2/leads', { token, body: { data: { last_name: 'Nope' } } }), 403, 'insufficient_scope');
  });

  it('refuses a revoked, an expired and an unknown token with 401 within seconds', async () => {
    const revoked = await createToken(USERS.acmeUser1.username, { name: 'to revoke' });
    expect((await api('GET', '/v2/users/self', { token: revoked.token })).status).toBe(200);
    // Only its user or an admin revokes a token; to anyone else it does not exist.
    expectError(await api('DELETE', `/v2/access_tokens/${revoked.id}`, { as: USERS.acmeUser2.username }), 404, 'not_found');
    expect((await api('DELETE', `/v2/access_tokens/${revoked.id}`, { as: USERS.acmeUser1.username })).status).toBe(204);
    expect(await until(401, () => api('GET', '/v2/users/self', { token: revoked.token }), 10_000)).toBeLessThan(10_000);
    const expiring = await createToken(USERS.acmeUser1.username, { name: 'short', expires_at: new Date(Date.now() + 2_000).toISOString() });
    await until(401, () => api('GET', '/v2/users/self', { token: expiring.token }), 10_000);
    expectError(await api('GET', '/v2/users/self', { token: 'f'.repeat(64) }), 401, 'unauthorized');
    const byAdmin = await createToken(USERS.acmeUser2.username, { name: 'admin revokes' });
    expect((await api('DELETE', `/v2/access_tokens/${byAdmin.id}`, { as: USERS.acmeAdmin.username })).status).toBe(204);
  });

  it('rejects a blank name, an unknown scope and an expiry in the past with 422', async () => {
    const as = USERS.acmeUser1.username;
    expectError(await api('POST', '/v2/access_tokens', { as, body: { data: { name: ' ' } } }), 422, 'blank', '/data/name');
    expectError(await api('POST', '/v2/access_tokens', { as, body: { data: { name: 'x', scopes: ['admin'] } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/access_tokens', { as, body: { data: { name: 'x', expires_at: '2001-01-01T00:00:00Z' } } }), 422, 'incorrect_value', '/data/expires_at');
  });

  describe('a user deactivated in Keycloak', () => {
    afterAll(async () => {
      await setEnabled(ACME_USER3, true);
      // Later suites call as this user: wait until the directory and the gateway have them back.
      await until(200, () => api('GET', '/v2/users/self', { as: USERS.acmeUser3.username }));
    });

    it('loses access within a minute, with both kinds of token, and keeps owning their records', async () => {
      const as = USERS.acmeUser3.username;
      const { token } = await createToken(as, { name: 'deactivated' });
      const lead = await api('POST', '/v2/leads', { as, body: { data: { last_name: 'Kept owner' } } });
      expect(lead.status).toBe(200);
      const jwt = await accessToken(as);
      await setEnabled(ACME_USER3, false);
      expect(await until(401, () => api('GET', '/v2/leads', { token: jwt }))).toBeLessThan(60_000);
      await until(401, () => api('GET', '/v2/leads', { token }), 10_000);
      const seenByAdmin = await api('GET', `/v2/leads/${lead.body.data.id}`, { as: USERS.acmeAdmin.username });
      expect(seenByAdmin.body.data.owner_id).toBe(USERS.acmeUser3.id);
      const listed = await api('GET', `/v2/users/${USERS.acmeUser3.id}`, { as: USERS.acmeAdmin.username });
      expect(listed.body.data.status).toBe('inactive');
    });
  });
});
