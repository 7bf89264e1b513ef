import { DEMO_PASSWORD, stack } from './stack';

const cache = new Map<string, { token: string; expiresAt: number }>();

/** A real access token from Keycloak for a demo user (password grant of the crm-cli client). */
export async function accessToken(username: string, password = DEMO_PASSWORD): Promise<string> {
  const hit = cache.get(username);
  if (hit && hit.expiresAt > Date.now() + 30_000) return hit.token;
  const res = await fetch(`${stack.KEYCLOAK_URL}/realms/${stack.KEYCLOAK_REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'crm-cli', username, password, scope: 'openid' }),
  });
  if (!res.ok) throw new Error(`token for ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { access_token: string; expires_in: number };
  cache.set(username, { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 });
  return body.access_token;
}
