import { accessToken, stack } from '@crm/testing';
import { api, USERS } from '../support/http';

const lead = (lastName: string, extra: Record<string, unknown> = {}) => ({ data: { last_name: lastName, ...extra } });

async function createLeadAs(username: string, lastName: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await api('POST', '/v2/leads', { as: username, body: lead(lastName, extra) });
  expect(res.status).toBe(200);
  return res.body.data.id as number;
}

function expectSellError(res: { status: number; headers: Headers; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body.meta).toMatchObject({ type: 'errors', logref: res.headers.get('x-request-id') });
  expect(res.body.meta.http_status).toMatch(new RegExp(`^${status} `));
  expect(res.body.errors.map((e: any) => e.error.code)).toContain(code);
}

describe('/v2/leads', () => {
  describe('lifecycle in Sell envelopes', () => {
    it('creates (200), reads, partially updates, lists and deletes (204) a lead', async () => {
      const created = await api('POST', '/v2/leads', {
        as: USERS.acmeUser1.username,
        body: { data: { first_name: 'Ada', last_name: 'Lovelace', organization_name: 'Engines Ltd', status: 'New', email: 'ada@example.com', tags: ['vip'], address: { city: 'London' } }, meta: { type: 'lead' } },
      });
      expect(created.status).toBe(200);
      expect(created.headers.get('x-request-id')).toBeTruthy();
      expect(created.body).toMatchObject({
        data: { first_name: 'Ada', last_name: 'Lovelace', status: 'new', owner_id: USERS.acmeUser1.id, creator_id: USERS.acmeUser1.id, tags: ['vip'], address: { city: 'London', country: null } },
        meta: { type: 'lead', version: 1 },
      });
      expect(created.body.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const id = created.body.data.id;

      const updated = await api('PUT', `/v2/leads/${id}`, { as: USERS.acmeUser1.username, body: { data: { title: 'Countess', email: null, tags: ['a', 'b'], custom_fields: {} } } });
      expect(updated.status).toBe(200);
      expect(updated.body.data).toMatchObject({ first_name: 'Ada', title: 'Countess', email: null, tags: ['a', 'b'], address: { city: 'London' } });
      expect(updated.body.meta.version).toBe(2);

      // A client round-trips the record it read, read-only attributes included.
      const roundTrip = await api('PUT', `/v2/leads/${id}`, { as: USERS.acmeUser1.username, body: { data: updated.body.data } });
      expect(roundTrip.status).toBe(200);
      expect(roundTrip.body.meta.version).toBe(2);

      const got = await api('GET', `/v2/leads/${id}`, { as: USERS.acmeUser1.username });
      expect(got.body.data).toEqual(updated.body.data);

      const listed = await api('GET', `/v2/leads?ids=${id}`, { as: USERS.acmeUser1.username });
      expect(listed.status).toBe(200);
      expect(listed.body.meta).toMatchObject({ type: 'collection', count: 1 });
      expect(listed.body.items[0]).toEqual({ data: updated.body.data, meta: { type: 'lead', version: 2 } });

      const deleted = await api('DELETE', `/v2/leads/${id}`, { as: USERS.acmeUser1.username });
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();
      expectSellError(await api('GET', `/v2/leads/${id}`, { as: USERS.acmeUser1.username }), 404, 'not_found');
    });

    it('pages, sorts and filters', async () => {
      const tag = `p${Date.now()}`;
      const ids = [];
      for (const name of ['Cc', 'Aa', 'Bb']) ids.push(await createLeadAs(USERS.acmeUser2.username, `${tag}-${name}`, { organization_name: tag }));
      const page1 = await api('GET', `/v2/leads?organization_name=${tag}&sort_by=last_name:desc&per_page=2&with_total_count=true`, { as: USERS.acmeUser2.username });
      expect(page1.body.items.map((i: any) => i.data.last_name)).toEqual([`${tag}-Cc`, `${tag}-Bb`]);
      expect(page1.body.meta).toMatchObject({ count: 2, total_count: 3 });
      expect((await api('GET', `/v2/leads?organization_name=${tag}`, { as: USERS.acmeUser2.username })).body.meta).not.toHaveProperty('total_count');
      expectSellError(await api('GET', '/v2/leads?with_total_count=yes', { as: USERS.acmeUser2.username }), 400, 'invalid_param');
      expect(page1.body.meta.links.next_page).toContain('page=2');
      const page2 = await api('GET', `/v2/leads?organization_name=${tag}&sort_by=last_name:desc&per_page=2&page=2`, { as: USERS.acmeUser2.username });
      expect(page2.body.items.map((i: any) => i.data.last_name)).toEqual([`${tag}-Aa`]);
      const byIds = await api('GET', `/v2/leads?ids=${[...ids].reverse().join(',')}`, { as: USERS.acmeUser2.username });
      expect(byIds.body.items.map((i: any) => i.data.id)).toEqual([...ids].sort((a, b) => a - b));
      const byStatus = await api('GET', `/v2/leads?organization_name=${tag}&status=working`, { as: USERS.acmeUser2.username });
      expect(byStatus.body.items).toEqual([]);

      const createdAt = (await api('GET', `/v2/leads/${ids[0]}`, { as: USERS.acmeUser2.username })).body.data.created_at as string;
      const inRange = await api('GET', `/v2/leads?organization_name=${tag}&created_at[from]=${createdAt}&updated_at[to]=2999-01-01`, { as: USERS.acmeUser2.username });
      expect(inRange.body.items).toHaveLength(3);
      expect((await api('GET', `/v2/leads?organization_name=${tag}&created_at[from]=2999-01-01`, { as: USERS.acmeUser2.username })).body.items).toEqual([]);
      expectSellError(await api('GET', '/v2/leads?created_at[from]=yesterday', { as: USERS.acmeUser2.username }), 400, 'invalid_param');
      expectSellError(await api('GET', '/v2/leads?created_at[from]=2026-02-01&created_at[to]=2026-01-01', { as: USERS.acmeUser2.username }), 400, 'invalid_param');
    });
  });

  describe('roles and visibility', () => {
    let user1Lead: number;
    let user2Lead: number;
    let user3Lead: number;

    beforeAll(async () => {
      user1Lead = await createLeadAs(USERS.acmeUser1.username, 'Vis-U1');
      user2Lead = await createLeadAs(USERS.acmeUser2.username, 'Vis-U2');
      user3Lead = await createLeadAs(USERS.acmeUser3.username, 'Vis-U3');
    });

    const visible = async (username: string) => {
      const res = await api('GET', `/v2/leads?ids=${user1Lead},${user2Lead},${user3Lead}`, { as: username });
      expect(res.status).toBe(200);
      return res.body.items.map((i: any) => i.data.id);
    };

    it('shows a user only their own leads', async () => {
      expect(await visible(USERS.acmeUser1.username)).toEqual([user1Lead]);
      expectSellError(await api('GET', `/v2/leads/${user2Lead}`, { as: USERS.acmeUser1.username }), 404, 'not_found');
      expectSellError(await api('PUT', `/v2/leads/${user2Lead}`, { as: USERS.acmeUser1.username, body: lead('Hijack') }), 404, 'not_found');
      expectSellError(await api('DELETE', `/v2/leads/${user2Lead}`, { as: USERS.acmeUser1.username }), 404, 'not_found');
    });

    it('shows a manager their own and their direct reports’ leads', async () => {
      expect(await visible(USERS.acmeManager.username)).toEqual([user1Lead, user2Lead]);
      const res = await api('PUT', `/v2/leads/${user2Lead}`, { as: USERS.acmeManager.username, body: { data: { title: 'Reviewed' } } });
      expect(res.status).toBe(200);
    });

    it('shows an admin the whole tenant', async () => {
      expect(await visible(USERS.acmeAdmin.username)).toEqual([user1Lead, user2Lead, user3Lead]);
    });

    it('follows the owner assignment rules and changes nothing on refusal', async () => {
      expectSellError(await api('PUT', `/v2/leads/${user1Lead}`, { as: USERS.acmeUser1.username, body: { data: { owner_id: USERS.acmeUser2.id } } }), 403, 'forbidden');
      expectSellError(await api('PUT', `/v2/leads/${user1Lead}`, { as: USERS.acmeManager.username, body: { data: { owner_id: USERS.acmeUser3.id } } }), 403, 'forbidden');
      expect((await api('GET', `/v2/leads/${user1Lead}`, { as: USERS.acmeUser1.username })).body.data.owner_id).toBe(USERS.acmeUser1.id);

      const byManager = await api('PUT', `/v2/leads/${user1Lead}`, { as: USERS.acmeManager.username, body: { data: { owner_id: USERS.acmeUser2.id } } });
      expect(byManager.body.data.owner_id).toBe(USERS.acmeUser2.id);
      const byAdmin = await api('POST', '/v2/leads', { as: USERS.acmeAdmin.username, body: lead('Assigned', { owner_id: USERS.acmeUser3.id }) });
      expect(byAdmin.body.data.owner_id).toBe(USERS.acmeUser3.id);
      expectSellError(await api('POST', '/v2/leads', { as: USERS.acmeAdmin.username, body: lead('Nobody', { owner_id: USERS.globexUser1.id }) }), 422, 'incorrect_value');
    });

    it('never shows one tenant another tenant’s leads', async () => {
      const globexLead = await createLeadAs(USERS.globexAdmin.username, 'Globex-Only');
      expectSellError(await api('GET', `/v2/leads/${globexLead}`, { as: USERS.acmeAdmin.username }), 404, 'not_found');
      expectSellError(await api('PUT', `/v2/leads/${globexLead}`, { as: USERS.acmeAdmin.username, body: lead('X') }), 404, 'not_found');
      const list = await api('GET', `/v2/leads?ids=${globexLead},${user1Lead}`, { as: USERS.acmeAdmin.username });
      expect(list.body.items.map((i: any) => i.data.id)).toEqual([user1Lead]);
      const globexList = await api('GET', `/v2/leads?ids=${globexLead},${user1Lead}`, { as: USERS.globexAdmin.username });
      expect(globexList.body.items.map((i: any) => i.data.id)).toEqual([globexLead]);
    });
  });

  describe('authentication', () => {
    it('answers 401 without a token, with a malformed or tampered token', async () => {
      expectSellError(await api('GET', '/v2/leads'), 401, 'unauthorized');
      expectSellError(await api('GET', '/v2/leads', { token: 'not-a-jwt' }), 401, 'unauthorized');
      const real = await accessToken(USERS.acmeUser1.username);
      const [h, p, s] = real.split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, realm_access: { roles: ['crm-admin'] } })).toString('base64url')}.${s}`;
      expectSellError(await api('GET', '/v2/leads', { token: forged }), 401, 'unauthorized');
    });

    it('answers 403 for a signed-in user without a CRM role', async () => {
      expectSellError(await api('GET', '/v2/leads', { as: 'acme-guest' }), 403, 'forbidden');
    });

    it('answers 401 for a token of another audience or issuer', async () => {
      const form = (realm: string, client: string, user: string, password: string) =>
        fetch(`${stack.KEYCLOAK_URL}/realms/${realm}/protocol/openid-connect/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'password', client_id: client, username: user, password }),
        }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
      const otherAudience = await form('crm', 'admin-cli', USERS.acmeUser1.username, 'pipewright');
      expectSellError(await api('GET', '/v2/leads', { token: otherAudience }), 401, 'unauthorized');
      const otherIssuer = await form('master', 'admin-cli', 'admin', 'admin');
      expectSellError(await api('GET', '/v2/leads', { token: otherIssuer }), 401, 'unauthorized');
    });
  });

  describe('bad input', () => {
    const countMine = async () => (await api('GET', '/v2/leads?per_page=100&owner_id=1005', { as: USERS.acmeUser3.username })).body.items.length;

    it('rejects unknown and malformed query parameters with exactly one invalid_param error', async () => {
      for (const query of ['unknown=param', 'per_page=200', 'page=0', 'sort_by=color', 'ids=1,x', 'owner_id=abc']) {
        const res = await api('GET', `/v2/leads?${query}`, { as: USERS.acmeUser3.username });
        expectSellError(res, 400, 'invalid_param');
        expect(res.body.errors).toHaveLength(1);
      }
    });

    it('rejects invalid bodies with Sell errors and writes nothing', async () => {
      const before = await countMine();
      const empty = await api('POST', '/v2/leads', { as: USERS.acmeUser3.username, body: { data: {} } });
      expectSellError(empty, 422, 'missing');
      expect(empty.body.errors).toHaveLength(1);
      expectSellError(await api('POST', '/v2/leads', { as: USERS.acmeUser3.username, body: lead('X', { unknown: 'attribute' }) }), 422, 'unknown');
      expectSellError(await api('POST', '/v2/leads', { as: USERS.acmeUser3.username, body: lead('X', { tags: 'vip' }) }), 422, 'invalid_type');
      expectSellError(await api('POST', '/v2/leads', { as: USERS.acmeUser3.username, body: lead('X', { status: 'won' }) }), 422, 'incorrect_value');
      expectSellError(await api('POST', '/v2/leads', { as: USERS.acmeUser3.username, body: lead('X', { custom_fields: { Budget: 5 } }) }), 422, 'unknown');
      expectSellError(await api('POST', '/v2/leads', { as: USERS.acmeUser3.username, body: { last_name: 'no envelope' } }), 400, 'invalid_payload');
      expectSellError(await api('POST', '/v2/leads', { as: USERS.acmeUser3.username, rawBody: '{"data": ' }), 400, 'invalid_payload');
      const huge = await api('POST', '/v2/leads', { as: USERS.acmeUser3.username, body: lead('X', { description: 'x'.repeat(2_000_000) }) });
      expectSellError(huge, 413, 'payload_too_large');
      expectSellError(await api('GET', '/v2/leads/abc', { as: USERS.acmeUser3.username }), 404, 'not_found');
      expectSellError(await api('GET', '/v2/nowhere', { as: USERS.acmeUser3.username }), 404, 'incorrect_path');
      expect(await countMine()).toBe(before);
    });

    it('rejects an invalid update and leaves the lead unchanged', async () => {
      const id = await createLeadAs(USERS.acmeUser3.username, 'Stable');
      expectSellError(await api('PUT', `/v2/leads/${id}`, { as: USERS.acmeUser3.username, body: { data: { last_name: null, email: 'not-an-email' } } }), 422, 'incorrect_value');
      const after = await api('GET', `/v2/leads/${id}`, { as: USERS.acmeUser3.username });
      expect(after.body).toMatchObject({ data: { last_name: 'Stable', email: null }, meta: { version: 1 } });
    });
  });

  it('serves its OpenAPI document without a token', async () => {
    const res = await api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    // The areas of the gateway contribute their paths; the set is the contract, not the order.
    expect(Object.keys(res.body.paths).sort()).toEqual(['/v2/leads', '/v2/leads/{id}', '/v2/lead_sources', '/v2/lead_sources/{id}', '/v2/lead_unqualified_reasons', '/v2/lead_unqualified_reasons/{id}', '/v2/contacts', '/v2/contacts/{id}', '/v2/search', '/v2/notes', '/v2/notes/{id}', '/v2/documents', '/v2/documents/{id}', '/v2/documents/{id}/content', '/v2/capture_forms', '/v2/capture_forms/{id}', '/public/capture_forms/{form_key}/submissions', '/v2/imports', '/v2/imports/{id}', '/v2/imports/{id}/file', '/v2/imports/{id}/errors', '/v2/exports', '/v2/exports/{id}', '/v2/exports/{id}/file', '/v2/pipelines', '/v2/pipelines/{id}', '/v2/pipelines/{id}/stage_order', '/v2/stages', '/v2/stages/{id}', '/v2/lead_conversions', '/v2/lead/custom_fields', '/v2/lead/custom_fields/{id}', '/v2/contact/custom_fields', '/v2/contact/custom_fields/{id}',
      '/v2/deal/custom_fields', '/v2/deal/custom_fields/{id}', '/v2/deal_sources', '/v2/deal_sources/{id}', '/v2/sources', '/v2/sources/{id}', '/v2/loss_reasons', '/v2/loss_reasons/{id}',
      '/v2/deal_unqualified_reasons', '/v2/deal_unqualified_reasons/{id}', '/v2/deals', '/v2/deals/stage_summary', '/v2/deals/{id}', '/v2/deals/{id}/associated_contacts',
      '/v2/deals/{id}/associated_contacts/{contact_id}', '/v2/products', '/v2/products/{id}', '/v2/users', '/v2/users/self', '/v2/users/{id}', '/v2/users/{id}/invitation', '/v2/tasks', '/v2/tasks/{id}', '/v2/calls', '/v2/calls/{id}', '/v2/text_messages', '/v2/text_messages/{id}', '/v2/visits', '/v2/call_outcomes', '/v2/call_outcomes/{id}', '/v2/visit_outcomes', '/v2/visit_outcomes/{id}', '/v2/voice_integration', '/public/voice/{tenant_key}/events', '/v2/calendars', '/v2/calendars/{id}', '/v2/calendars/{id}/sync', '/v2/appointments', '/v2/appointments/import', '/v2/calendar_feed', '/public/calendar_feeds/{token}', '/v2/appointments/{id}', '/public/rsvp/{token}', '/v2/appointments/{id}/reply', '/v2/sync/start', '/v2/sync/{session_id}/queues/{queue}', '/v2/sync/ack', '/v2/teams', '/v2/teams/{id}', '/v2/accounts/self', '/v2/access_tokens', '/v2/access_tokens/{id}', '/v2/orders', '/v2/orders/{id}', '/v2/orders/{id}/line_items',
      '/v2/orders/{id}/line_items/{line_item_id}', '/v2/analytics/deal_summary', '/v2/tags', '/v2/tags/{id}', '/v2/leads/upsert', '/v2/contacts/upsert', '/v2/deals/upsert', '/v2/lead_statuses', '/v2/collaborations', '/v2/collaborations/{id}', '/v2/accounts/self/logo', '/v2/notifications', '/v2/notifications/unread_count', '/v2/notifications/mark_all_read', '/v2/notifications/{id}', '/v2/notification_preferences', '/v2/notification_preferences/account', '/public/notifications/unsubscribe/{token}', '/v2/push_subscriptions', '/v2/push_subscriptions/vapid_key', '/v2/push_subscriptions/{id}', '/v2/notifications/stream', '/v2/activities', '/v2/dashboard', '/v2/notification_subscriptions', '/v2/notification_subscriptions/{id}'].sort());
    expect(res.body.components.schemas.LeadWrite.properties).toHaveProperty('organization_name');
  });

  it('lists the lead statuses a lead can have, as its status attribute holds them', async () => {
    const res = await api('GET', '/v2/lead_statuses', { as: USERS.acmeUser1.username });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ meta: { type: 'collection', count: 3 } });
    expect(res.body.items).toEqual(['new', 'working', 'unqualified'].map((name, i) => ({ data: { id: i + 1, name, position: i + 1 }, meta: { type: 'lead_status' } })));
    const lead = await api('POST', '/v2/leads', { as: USERS.acmeUser1.username, body: { data: { last_name: 'Statused', status: res.body.items[1].data.name } } });
    expect(lead.body.data.status).toBe('working');
    expect((await api('GET', '/v2/lead_statuses?page=2', { as: USERS.acmeUser1.username })).body.items).toEqual([]);
    expect((await api('GET', '/v2/lead_statuses?name=new', { as: USERS.acmeUser1.username })).status).toBe(400);
  });
});
