import { request } from 'node:http';
import { accessToken } from '@crm/testing';
import { E2E } from '../support/e2e-env';
import { api, expectError, USERS } from '../support/http';

const U1 = USERS.acmeUser1.username;

/** One request with node:http, whose raw header list keeps the case the server wrote. */
async function rawHeaderNames(path: string): Promise<{ status: number; names: string[] }> {
  const token = await accessToken(U1);
  return new Promise((resolve, reject) => {
    const req = request(`${E2E.gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}`, 'user-agent': 'pipewright-e2e' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, names: res.rawHeaders.filter((_v, i) => i % 2 === 0) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Sell wire details the official clients rely on', () => {
  it('sends header names in Sell\'s case, on answers and on errors', async () => {
    for (const [path, status] of [['/v2/users/self', 200], ['/v2/leads/999999999', 404]] as const) {
      const res = await rawHeaderNames(path);
      expect(res.status).toBe(status);
      expect(res.names).toEqual(expect.arrayContaining(['Content-Type', 'X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'Content-Language']));
      expect(res.names.filter((n) => n !== n.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase()) && !/RateLimit/.test(n))).toEqual([]);
    }
  });

  it('accepts a DELETE that says its body is JSON and sends none', async () => {
    const lead = await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'Deleted with a content type' } } });
    const res = await api('DELETE', `/v2/leads/${lead.body.data.id}`, { as: U1, rawBody: '', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(204);
    expectError(await api('GET', `/v2/leads/${lead.body.data.id}`, { as: U1 }), 404, 'not_found');
  });

  it('reads 0 for an optional reference as none', async () => {
    const lead = await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'Zero refs', source_id: 0, unqualified_reason_id: 0 } } });
    expect(lead.status).toBe(200);
    expect(lead.body.data).toMatchObject({ source_id: null, unqualified_reason_id: null });
    const contact = await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'Zero org', contact_id: 0, parent_organization_id: 0 } } });
    expect(contact.status).toBe(200);
    expect(contact.body.data.parent_organization_id ?? null).toBeNull();
  });

  it('answers with Sell\'s error codes and messages written for people', async () => {
    const res = await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'x'.repeat(300), tags: 'vip' } } });
    expect(res.status).toBe(422);
    for (const { error } of res.body.errors) {
      expect(['unknown', 'missing', 'blank', 'already_exists', 'invalid_type', 'incorrect_value', 'incorrect_payload']).toContain(error.code);
      expect(error.message).not.toMatch(/Too (small|big)|Invalid input|expected .* received/);
    }
  });
});
