import { TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { crm } from '@crm/proto';
import { E2E, gatewayEnv } from '../support/e2e-env';
import { USERS, api, expectError } from '../support/http';
import { startService, waitForHttp, type ServiceProcess } from '../support/service-process';

const ADMIN = USERS.acmeAdmin.username;
const U1 = USERS.acmeUser1.username;


/** A submission as a website would send it: no token. */
async function submit(formKey: string, body: string, contentType: string, options: { baseUrl?: string; clientIp?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (options.clientIp) headers['x-forwarded-for'] = options.clientIp;
  const res = await fetch(`${options.baseUrl ?? E2E.gatewayUrl}/public/capture_forms/${formKey}/submissions`, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const json = (values: Record<string, unknown>) => JSON.stringify({ data: values });

describe('capture forms', () => {
  const tag = `F${Date.now()}`;
  let budgetField: any;
  let source: any;

  beforeAll(async () => {
    budgetField = (await api('POST', '/v2/lead/custom_fields', { as: ADMIN, body: { data: { name: `${tag} Budget`, type: 'number' } } })).body.data;
    source = (await api('POST', '/v2/lead_sources', { as: ADMIN, body: { data: { name: `${tag} Website` } } })).body.data;
  });

  it('lets an admin define a form whose public submissions create new, captured leads for its owner', async () => {
    const probe = new KafkaProbe([TOPICS.leadsLead]);
    await probe.start();
    const created = await api('POST', '/v2/capture_forms', {
      as: ADMIN,
      body: {
        data: {
          name: `${tag} Contact us`,
          fields: [{ name: 'first_name' }, { name: 'last_name', required: true }, { name: 'email', required: true }, { name: 'address.city' }, { name: `custom_fields.${budgetField.name}` }],
          owner_id: USERS.acmeUser1.id,
          source_id: source.id,
          tags: ['website'],
        },
      },
    });
    expect(created.status).toBe(200);
    const form = created.body.data;
    expect(form).toMatchObject({ name: `${tag} Contact us`, owner_id: USERS.acmeUser1.id, source_id: source.id, tags: ['website'], active: true, creator_id: USERS.acmeAdmin.id });
    expect(form.form_key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(form.submission_url).toBe(`/public/capture_forms/${form.form_key}/submissions`);

    // JSON from a script, and an HTML form post.
    const a = await submit(form.form_key, json({ first_name: 'Ann', last_name: `${tag}-Lee`, email: 'ann@example.com', [`custom_fields.${budgetField.name}`]: 5000 }), 'application/json');
    expect(a.status).toBe(201);
    const b = await submit(form.form_key, new URLSearchParams({ last_name: `${tag}-Kim`, email: 'kim@example.com', 'address.city': 'Oslo' }).toString(), 'application/x-www-form-urlencoded');
    expect(b.status).toBe(201);

    const lead = (await api('GET', `/v2/leads/${a.body.data.lead_id}`, { as: U1 })).body.data;
    expect(lead).toMatchObject({ first_name: 'Ann', last_name: `${tag}-Lee`, email: 'ann@example.com', status: 'new', owner_id: USERS.acmeUser1.id, source_id: source.id, tags: ['website'], custom_fields: { [budgetField.name]: '5000' } });
    expect((await api('GET', `/v2/leads/${b.body.data.lead_id}`, { as: U1 })).body.data).toMatchObject({ last_name: `${tag}-Kim`, address: { city: 'Oslo' }, status: 'new' });

    const [event] = await probe.waitFor((r) => r.key === String(a.body.data.lead_id), 1);
    expect(event!.headers.ce_type).toBe('com.pipewright.crm.leads.lead.created.v1');
    const payload = crm.leads.v1.LeadCreated.decode(event!.value!);
    expect(payload.capture).toMatchObject({ formId: String(form.id), formName: `${tag} Contact us`, clientAddress: '127.0.0.1' });
    await probe.stop();

    // Bad submissions: a clear error, no lead.
    const before = (await api('GET', `/v2/leads?tags=website&with_total_count=true`, { as: ADMIN })).body.meta.total_count;
    expectError(await submit(form.form_key, json({ last_name: 'X', email: 'x@example.com', owner_id: 1001 }), 'application/json'), 422, 'unknown');
    expectError(await submit(form.form_key, json({ last_name: 'X' }), 'application/json'), 422, 'blank');
    expectError(await submit(form.form_key, json({ last_name: 'X', email: 'not-an-email' }), 'application/json'), 422, 'incorrect_value');
    expectError(await submit(form.form_key, json({ last_name: 'X', email: 'x@example.com', [`custom_fields.${budgetField.name}`]: 'lots' }), 'application/json'), 422, 'incorrect_value');
    expectError(await submit(form.form_key, '{"data": ', 'application/json'), 400, 'invalid_payload');
    expectError(await submit(form.form_key, 'last_name=X', 'text/plain'), 415, 'unsupported_media_type');
    expectError(await submit('no-such-form-key-000000', json({ last_name: 'X' }), 'application/json'), 404, 'not_found');
    expect((await api('GET', `/v2/leads?tags=website&with_total_count=true`, { as: ADMIN })).body.meta.total_count).toBe(before);

    // A deactivated form stops accepting; a deleted one too.
    await api('PUT', `/v2/capture_forms/${form.id}`, { as: ADMIN, body: { data: { active: false } } });
    expectError(await submit(form.form_key, json({ last_name: 'X', email: 'x@example.com' }), 'application/json'), 404, 'not_found');
    expect((await api('DELETE', `/v2/capture_forms/${form.id}`, { as: ADMIN })).status).toBe(204);
    expectError(await api('GET', `/v2/capture_forms/${form.id}`, { as: ADMIN }), 404, 'not_found');
  });

  it('is managed by admins only, within their tenant, with every definition checked', async () => {
    const body = { data: { name: `${tag} Admin only`, fields: [{ name: 'last_name', required: true }], owner_id: USERS.acmeUser1.id } };
    expectError(await api('POST', '/v2/capture_forms', { as: U1, body }), 403, 'forbidden');
    expectError(await api('POST', '/v2/capture_forms', { as: USERS.acmeManager.username, body }), 403, 'forbidden');
    expectError(await api('GET', '/v2/capture_forms', { as: U1 }), 403, 'forbidden');
    const form = (await api('POST', '/v2/capture_forms', { as: ADMIN, body })).body.data;
    expectError(await api('POST', '/v2/capture_forms', { as: ADMIN, body }), 422, 'already_exists');
    expectError(await api('GET', `/v2/capture_forms/${form.id}`, { as: USERS.globexAdmin.username }), 404, 'not_found');
    expect((await api('GET', '/v2/capture_forms', { as: USERS.globexAdmin.username })).body.items.map((i: any) => i.data.id)).not.toContain(form.id);

    const bad = await api('POST', '/v2/capture_forms', {
      as: ADMIN,
      body: { data: { name: `${tag} Bad`, fields: [{ name: 'first_name' }, { name: 'owner_id' }, { name: 'custom_fields.Nope' }], owner_id: 999_999 } },
    });
    expectError(bad, 422, 'incorrect_value');
    // Every problem at once: the fields and an owner who is no user of the account.
    expect(bad.body.errors.map((e: any) => e.error.field)).toEqual(['/data/fields/1/name', '/data/fields/2/name', '/data/fields', '/data/owner_id']);
    const badFields = await api('POST', '/v2/capture_forms', { as: ADMIN, body: { data: { name: `${tag} Bad`, fields: [{ name: 'first_name' }, { name: 'owner_id' }, { name: 'custom_fields.Nope' }], owner_id: USERS.acmeUser1.id } } });
    expect(badFields.body.errors.map((e: any) => e.error.field)).toEqual(['/data/fields/1/name', '/data/fields/2/name', '/data/fields']);
    expectError(await api('POST', '/v2/capture_forms', { as: ADMIN, body: { data: { ...body.data, name: `${tag} S`, source_id: 999_999 } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/capture_forms', { as: ADMIN, body: { data: { ...body.data, name: `${tag} U`, colour: 'red' } } }), 422, 'unknown');
    expect((await api('GET', '/v2/capture_forms?per_page=100', { as: ADMIN })).body.items.filter((i: any) => i.data.name.startsWith(`${tag} `)).map((i: any) => i.data.id)).toEqual([form.id]);

    // The form's lead source cannot be deleted while the form uses it.
    const withSource = (await api('POST', '/v2/capture_forms', { as: ADMIN, body: { data: { ...body.data, name: `${tag} Sourced`, source_id: source.id } } })).body.data;
    expectError(await api('DELETE', `/v2/lead_sources/${source.id}`, { as: ADMIN }), 409, 'conflict');
    await api('DELETE', `/v2/capture_forms/${withSource.id}`, { as: ADMIN });
  });

  describe('rate limits', () => {
    let gateway: ServiceProcess;
    const url = `http://127.0.0.1:${E2E.rateLimitedGateway + 10}`;

    beforeAll(async () => {
      gateway = startService('gateway-capture-limited', 'gateway', gatewayEnv({
        HTTP_PORT: String(E2E.rateLimitedGateway + 10), CAPTURE_RATE_PER_FORM_PER_MINUTE: '4', CAPTURE_RATE_PER_CLIENT_PER_MINUTE: '2', METRICS_PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: '',
      }));
      await waitForHttp(`${url}/readyz`);
    });
    afterAll(() => gateway?.stop());

    it('limits submissions per client address and per form, with Retry-After', async () => {
      const make = async (name: string) => (await api('POST', '/v2/capture_forms', { as: ADMIN, body: { data: { name: `${tag} ${name}`, fields: [{ name: 'last_name', required: true }], owner_id: USERS.acmeUser1.id } } })).body.data.form_key;
      const [one, two] = [await make('Limited 1'), await make('Limited 2')];
      const post = (key: string, ip: string) => submit(key, json({ last_name: `${tag}-Rate` }), 'application/json', { baseUrl: url, clientIp: ip });

      // Client 203.0.113.1 may send 2 a minute.
      expect((await post(one, '203.0.113.1')).status).toBe(201);
      expect((await post(one, '203.0.113.1')).status).toBe(201);
      const limited = await post(two, '203.0.113.1');
      expectError(limited, 429, 'rate_limit_exceeded');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Form one takes 4 a minute from all clients together.
      expect((await post(one, '203.0.113.2')).status).toBe(201);
      expect((await post(one, '203.0.113.3')).status).toBe(201);
      expectError(await post(one, '203.0.113.4'), 429, 'rate_limit_exceeded');
      // Form two and other clients are unaffected.
      expect((await post(two, '203.0.113.4')).status).toBe(201);
    });
  });
});
