// Helpers shared by the bench scripts: tokens, gateway calls, tenant-scoped SQL and percentiles.
import { performance } from 'node:perf_hooks';

export const TENANT = '11111111-1111-4111-8111-111111111111';

export async function token(keycloak, user) {
  const res = await fetch(`${keycloak}/realms/crm/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'crm-cli', username: user, password: 'pipewright' }),
  });
  return (await res.json()).access_token;
}

/** One gateway call; anything but 2xx throws with the answer. */
export async function api(gateway, tok, method, path, body, type = 'application/json') {
  const res = await fetch(`${gateway}${path}`, { method, headers: { authorization: `Bearer ${tok}`, 'content-type': type }, body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Runs one statement in a transaction scoped to the tenant (row-level security on, as the services run). */
export async function inTenant(client, text, params) {
  await client.query('begin');
  await client.query(`select set_config('app.tenant_id', $1, true)`, [TENANT]);
  const res = await client.query(text, params);
  await client.query('commit');
  return res;
}

export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * p50/p99 of a gateway GET and of its hand-written SQL (one statement, or a list run in sequence,
 * each in its own tenant transaction), sampled alternately after one warm-up each.
 */
export async function compare(gateway, tok, path, sqlClient, text, params, samples) {
  const statements = Array.isArray(text) ? text : [[text, params]];
  const runSql = async () => {
    for (const [t, p] of statements) await inTenant(sqlClient, t, p);
  };
  const get = async () => {
    const res = await fetch(`${gateway}${path}`, { headers: { authorization: `Bearer ${tok}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  await get();
  await runSql();
  const apiTimes = [];
  const sqlTimes = [];
  for (let i = 0; i < samples; i++) {
    apiTimes.push(await timed(get));
    sqlTimes.push(await timed(runSql));
  }
  return { api: [pct(apiTimes, 50), pct(apiTimes, 99)], sql: [pct(sqlTimes, 50), pct(sqlTimes, 99)] };
}
