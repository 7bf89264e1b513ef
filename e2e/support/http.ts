import { accessToken } from '@crm/testing';
import { E2E } from './e2e-env';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** One HTTP call to the gateway; `as` names a demo user whose real Keycloak token is sent. */
export async function api<T = any>(method: string, path: string, options: { as?: string; token?: string; body?: unknown; rawBody?: string | Uint8Array; headers?: Record<string, string>; baseUrl?: string } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'pipewright-e2e', ...options.headers };
  const token = options.token ?? (options.as ? await accessToken(options.as) : undefined);
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | Uint8Array | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${options.baseUrl ?? E2E.gatewayUrl}${path}`, { method, headers, body });
  // A live event stream does not end: its answer is the status and headers.
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, headers: res.headers, body: undefined as T };
  }
  // JSON is parsed; anything else (a downloaded file) is answered as its bytes.
  if (!(res.headers.get('content-type') ?? 'application/json').includes('json')) {
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) as T };
  }
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Demo users from deploy/keycloak/realm-crm.json with their crm_user_id. */
export const USERS = {
  acmeAdmin: { username: 'acme-admin', id: 1001 },
  acmeManager: { username: 'acme-manager', id: 1002 },
  acmeUser1: { username: 'acme-user1', id: 1003 },
  acmeUser2: { username: 'acme-user2', id: 1004 },
  acmeUser3: { username: 'acme-user3', id: 1005 },
  /** A user of the tenant without any CRM role. */
  acmeGuest: { username: 'acme-guest', id: 1009 },
  globexAdmin: { username: 'globex-admin', id: 2001 },
  globexUser1: { username: 'globex-user1', id: 2003 },
  initechAdmin: { username: 'initech-admin', id: 3001 },
  initechUser1: { username: 'initech-user1', id: 3002 },
  umbrellaAdmin: { username: 'umbrella-admin', id: 4001 },
  umbrellaUser1: { username: 'umbrella-user1', id: 4002 },
} as const;

/** Asserts a Sell error answer: the status, an error item with `code`, and one naming `field` when given. */
export function expectError(res: ApiResponse, status: number, code: string, field?: string): void {
  const body = res.body as { errors: { error: { code: string; field?: string } }[] };
  expect(res.status).toBe(status);
  expect(body.errors.map((e) => e.error.code)).toContain(code);
  if (field) expect(body.errors.map((e) => e.error.field)).toContain(field);
}
