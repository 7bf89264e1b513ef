import { createHash } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { stack, TENANTS } from '@crm/testing';
import { E2E } from '../support/e2e-env';
import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';

const ids = (res: { body: any }) => res.body.items.map((i: any) => i.data.id);

/** The directory copies Keycloak's users on start; the first copy may still be running. */
async function usersOnceSynced(as: string): Promise<any[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await api('GET', '/v2/users?per_page=100', { as });
    // Users other suites invite (ids from 100001) come and go; the demo users are fixed.
    if (res.status === 200 && res.body.items.length >= 5) return res.body.items.map((i: any) => i.data).filter((u: any) => u.id < 100_000);
    if (Date.now() > deadline) throw new Error(`users not synced: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('users and the account (/v2/users, /v2/accounts/self)', () => {
  beforeAll(async () => {
    await usersOnceSynced(USERS.acmeUser1.username);
    await usersOnceSynced(USERS.globexAdmin.username);
  });

  it('lists the tenant\'s CRM users in Sell\'s shape, by id, and nobody of another tenant', async () => {
    const users = await usersOnceSynced(USERS.acmeUser1.username);
    expect(users.map((u) => [u.id, u.role, u.status, u.reports_to])).toEqual([
      [1001, 'admin', 'active', null],
      [1002, 'manager', 'active', null],
      [1003, 'user', 'active', 1002],
      [1004, 'user', 'active', 1002],
      [1005, 'user', 'active', null],
    ]);
    expect(users[2]).toEqual({
      id: 1003, name: 'Acme User One', email: 'acme-user1@acme.example', role: 'user', status: 'active', invited: false, confirmed: true,
      phone_number: null, timezone: null, reports_to: 1002, team_name: null, group: null,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/), updated_at: expect.stringMatching(/Z$/), deleted_at: null,
    });
    const globex = await usersOnceSynced(USERS.globexAdmin.username);
    expect(globex.every((u) => u.id >= 2001 && u.id <= 2005)).toBe(true);
  });

  it('filters by role, reporting line, address, status and ids, and sorts', async () => {
    const as = USERS.acmeManager.username;
    expect(ids(await api('GET', '/v2/users?role=manager', { as }))).toEqual([1002]);
    expect(ids(await api('GET', '/v2/users?reports_to=1002', { as }))).toEqual([1003, 1004]);
    expect(ids(await api('GET', '/v2/users?email=ACME-USER1@acme.example', { as }))).toEqual([1003]);
    expect(ids(await api('GET', '/v2/users?status=inactive', { as }))).toEqual([]);
    expect(ids(await api('GET', '/v2/users?ids=1005,1001,2001', { as }))).toEqual([1001, 1005]);
    expect(ids(await api('GET', '/v2/users?confirmed=true&sort_by=email:desc&per_page=2', { as }))).toEqual([1005, 1004]);
    expect(ids(await api('GET', '/v2/users?name=Acme%20User%20Two', { as }))).toEqual([1004]);
  });

  it('answers 400 invalid_param for a bad filter and an unknown parameter, with exactly one error', async () => {
    const as = USERS.acmeUser1.username;
    expectError(await api('GET', '/v2/users?role=owner', { as }), 400, 'invalid_param', 'role');
    expectError(await api('GET', '/v2/users?sort_by=password', { as }), 400, 'invalid_param', 'sort_by');
    const unknown = await api('GET', '/v2/users/self?unknown=1', { as });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: any) => e.error.code)).toEqual(['invalid_param']);
    expect(unknown.body.meta.logref).toBe(unknown.headers.get('x-request-id'));
  });

  it('shows the caller at /v2/users/self and any user of the tenant by id; another tenant\'s user is not found', async () => {
    const self = await api('GET', '/v2/users/self', { as: USERS.acmeUser1.username });
    expect(self.status).toBe(200);
    expect(self.body.meta.type).toBe('user');
    expect(self.body.data).toMatchObject({ id: 1003, reports_to: 1002, role: 'user' });
    expect((await api('GET', '/v2/users/1001', { as: USERS.acmeUser1.username })).body.data).toMatchObject({ id: 1001, role: 'admin', name: 'Acme Admin' });
    expectError(await api('GET', '/v2/users/2001', { as: USERS.acmeUser1.username }), 404, 'not_found');
    expectError(await api('GET', '/v2/users/self'), 401, 'unauthorized');
  });

  it('shows each tenant its own account settings', async () => {
    const acme = await api('GET', '/v2/accounts/self', { as: USERS.acmeUser1.username });
    expect(acme.status).toBe(200);
    expect(acme.body).toEqual({
      data: { id: expect.any(Number), name: 'acme.example', currency: 'USD', time_format: '24H', timezone: 'UTC', phone: null, logo: null, created_at: expect.stringMatching(/Z$/), updated_at: expect.stringMatching(/Z$/) },
      meta: { type: 'account' },
    });
    const globex = await api('GET', '/v2/accounts/self', { as: USERS.globexAdmin.username });
    expect(globex.body.data.name).toBe('globex.example');
    expect(globex.body.data.id).not.toBe(acme.body.data.id);
    expectError(await api('GET', '/v2/accounts/self?x=1', { as: USERS.acmeUser1.username }), 400, 'invalid_param', 'x');
  });

  it('lets an admin change the account settings, checked, with nothing changed for a refused change', async () => {
    const admin = USERS.globexAdmin.username;
    const changed = await api('PUT', '/v2/accounts/self', { as: admin, body: { data: { name: ' Globex Corp ', currency: 'eur', time_format: '12h', timezone: 'Europe/Berlin', phone: '+49 30 1234567' } } });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ name: 'Globex Corp', currency: 'EUR', time_format: '12H', timezone: 'Europe/Berlin', phone: '+49 30 1234567' });
    const refused = await api('PUT', '/v2/accounts/self', { as: admin, body: { data: { name: 'Never', timezone: 'Europe/Atlantis', currency: 'EU1' } } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: any) => e.error.field).sort()).toEqual(['/data/currency', '/data/timezone']);
    expect((await api('GET', '/v2/accounts/self', { as: USERS.globexUser1.username })).body.data.name).toBe('Globex Corp');
    expectError(await api('PUT', '/v2/accounts/self', { as: USERS.globexUser1.username, body: { data: { name: 'Mine' } } }), 403, 'forbidden');
    const restored = await api('PUT', '/v2/accounts/self', { as: admin, body: { data: { name: 'globex.example', currency: 'USD', time_format: '24H', timezone: 'UTC', phone: null } } });
    expect(restored.body.data).toMatchObject({ name: 'globex.example', currency: 'USD', time_format: '24H', timezone: 'UTC', phone: null });
  });

  it('keeps an account logo an admin sets: type- and size-checked, in object storage, served to every member', async () => {
    const s3 = new S3Client({ endpoint: stack.S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e-secret' } });
    const logoObjects = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: stack.S3_BUCKET, Prefix: `${E2E.s3Prefix}directory/tenants/${TENANTS.globex}/account/` }))).Contents ?? []).map((o) => o.Key);
    const admin = USERS.globexAdmin.username;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a png logo body')]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('a jpeg logo body')]);
    const put = (as: string, bytes: Uint8Array | string, type: string) => api('PUT', '/v2/accounts/self/logo', { as, rawBody: bytes, headers: { 'content-type': type } });

    const set = await put(admin, png, 'image/png');
    expect(set.status).toBe(200);
    expect(set.body.data.logo).toEqual({ content_type: 'image/png', size: png.length, sha256: createHash('sha256').update(png).digest('hex'), updated_at: expect.stringMatching(/Z$/), url: '/v2/accounts/self/logo' });
    const read = await api('GET', '/v2/accounts/self/logo', { as: USERS.globexUser1.username });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(read.body as Buffer, png)).toBe(0);
    const etag = read.headers.get('etag')!;
    expect((await api('GET', '/v2/accounts/self/logo', { as: USERS.globexUser1.username, headers: { 'if-none-match': etag } })).status).toBe(304);
    // Another tenant has a logo of its own, or none.
    expectError(await api('GET', '/v2/accounts/self/logo', { as: USERS.acmeUser1.username }), 404, 'not_found');

    expectError(await put(USERS.globexUser1.username, jpeg, 'image/jpeg'), 403, 'forbidden');
    expectError(await put(admin, jpeg, 'image/png'), 422, 'incorrect_value');
    expectError(await put(admin, '<svg onload="alert(1)"/>', 'image/svg+xml'), 422, 'incorrect_value');
    expect((await put(admin, Buffer.concat([png, Buffer.alloc(1024 * 1024)]), 'image/png')).status).toBe(413);
    expect(Buffer.compare((await api('GET', '/v2/accounts/self/logo', { as: admin })).body as Buffer, png)).toBe(0);

    expect((await put(admin, jpeg, 'image/jpeg')).body.data.logo).toMatchObject({ content_type: 'image/jpeg', size: jpeg.length });
    expect(Buffer.compare((await api('GET', '/v2/accounts/self/logo', { as: admin })).body as Buffer, jpeg)).toBe(0);
    expect(await logoObjects()).toHaveLength(1);
    const removed = await api('DELETE', '/v2/accounts/self/logo', { as: admin });
    expect(removed.status).toBe(200);
    expect(removed.body.data.logo).toBeNull();
    expectError(await api('GET', '/v2/accounts/self/logo', { as: admin }), 404, 'not_found');
    // The replaced and the removed logo's bytes leave storage once their changes commit.
    expect(await eventually(logoObjects, (keys) => keys.length === 0)).toEqual([]);
  });
});

describe('admins change users and teams (/v2/users/{id}, /v2/teams)', () => {
  const admin = USERS.acmeAdmin.username;
  const run = Date.now().toString(36);
  const user3 = `/v2/users/${USERS.acmeUser3.id}`;

  afterAll(async () => {
    // Keycloak is shared by every suite: put acme-user3 back as it was and wait until it can call again.
    await api('PUT', user3, { as: admin, body: { data: { status: 'active', role: 'user', reports_to: null, group_id: null, phone_number: null, timezone: null } } });
    const deadline = Date.now() + 60_000;
    while ((await api('GET', '/v2/users/self', { as: USERS.acmeUser3.username })).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  });

  it('creates, renames and deletes teams, puts users in them and filters users by them', async () => {
    const created = await api('POST', '/v2/teams', { as: admin, body: { data: { name: ` East ${run} ` } } });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ name: `East ${run}` });
    const team = created.body.data.id;
    expectError(await api('POST', '/v2/teams', { as: admin, body: { data: { name: `east ${run}` } } }), 422, 'already_exists');
    expectError(await api('POST', '/v2/teams', { as: USERS.acmeManager.username, body: { data: { name: `x${run}` } } }), 403, 'forbidden');
    const joined = await api('PUT', user3, { as: admin, body: { data: { group_id: team, phone_number: '+44 20 7946 0000', timezone: 'Europe/London' } } });
    expect(joined.status).toBe(200);
    expect(joined.body.data).toMatchObject({ group: { id: team, name: `East ${run}` }, team_name: `East ${run}`, phone_number: '+44 20 7946 0000', timezone: 'Europe/London' });
    expect(ids(await api('GET', `/v2/users?group_id=${team}`, { as: USERS.acmeUser1.username }))).toEqual([USERS.acmeUser3.id]);
    expect((await api('PUT', `/v2/teams/${team}`, { as: admin, body: { data: { name: `West ${run}` } } })).body.data.name).toBe(`West ${run}`);
    expect(ids(await api('GET', `/v2/users?team_name=west%20${run}`, { as: USERS.acmeUser1.username }))).toEqual([USERS.acmeUser3.id]);
    expect((await api('DELETE', `/v2/teams/${team}`, { as: admin })).status).toBe(204);
    expect((await api('GET', user3, { as: admin })).body.data).toMatchObject({ group: null, team_name: null });
    expectError(await api('GET', `/v2/teams/${team}`, { as: admin }), 404, 'not_found');
  });

  it('changes role and manager in Keycloak, refusing loops, unknown values and an admin demoting themself', async () => {
    const promoted = await api('PUT', user3, { as: admin, body: { data: { role: 'manager', reports_to: USERS.acmeManager.id } } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.data).toMatchObject({ role: 'manager', reports_to: USERS.acmeManager.id });
    expect(ids(await api('GET', `/v2/users?reports_to=${USERS.acmeManager.id}`, { as: admin }))).toContain(USERS.acmeUser3.id);
    // acme-user3 reports to acme-manager, so acme-manager cannot report to acme-user3.
    expectError(await api('PUT', `/v2/users/${USERS.acmeManager.id}`, { as: admin, body: { data: { reports_to: USERS.acmeUser3.id } } }), 422, 'incorrect_value', '/data/reports_to');
    expectError(await api('PUT', user3, { as: admin, body: { data: { timezone: 'Mars/Olympus' } } }), 422, 'incorrect_value', '/data/timezone');
    expectError(await api('PUT', user3, { as: admin, body: { data: { role: 'owner' } } }), 422, 'incorrect_value');
    expectError(await api('PUT', user3, { as: admin, body: { data: { password: 'x' } } }), 422, 'unknown');
    expectError(await api('PUT', `/v2/users/${USERS.acmeAdmin.id}`, { as: admin, body: { data: { status: 'inactive' } } }), 422, 'incorrect_value', '/data/status');
    expectError(await api('PUT', `/v2/users/${USERS.acmeAdmin.id}`, { as: admin, body: { data: { role: 'user' } } }), 422, 'incorrect_value', '/data/role');
    expectError(await api('PUT', user3, { as: USERS.acmeManager.username, body: { data: { phone_number: '1' } } }), 403, 'forbidden');
    const demoted = await api('PUT', user3, { as: admin, body: { data: { role: 'user', reports_to: null } } });
    expect(demoted.body.data).toMatchObject({ role: 'user', reports_to: null });
  });

  it('deactivates a user, whose tokens stop working, and reactivates them', async () => {
    const before = await api('GET', '/v2/users/self', { as: USERS.acmeUser3.username });
    expect(before.status).toBe(200);
    const off = await api('PUT', user3, { as: admin, body: { data: { status: 'inactive' } } });
    expect(off.body.data.status).toBe('inactive');
    const deadline = Date.now() + 60_000;
    let status = 200;
    while (status !== 401 && Date.now() < deadline) {
      status = (await api('GET', '/v2/users/self', { as: USERS.acmeUser3.username })).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(401);
    expect((await api('PUT', user3, { as: admin, body: { data: { status: 'active' } } })).body.data.status).toBe('active');
  });

  it('lets records be assigned to active users only, as the services that write them learn from the user events', async () => {
    const forUser3 = (extra: object = {}) => api('POST', '/v2/leads', { as: admin, body: { data: { last_name: `Owned ${Date.now()}`, owner_id: USERS.acmeUser3.id, ...extra } } });
    // leads-contacts learns that user 3 is active again (the test before reactivated them) from the event.
    expect((await eventually(async () => forUser3(), (res) => res.status === 200)).status).toBe(200);
    expect((await api('PUT', user3, { as: admin, body: { data: { status: 'inactive' } } })).body.data.status).toBe('inactive');
    try {
      // Only the user.updated event tells leads-contacts, which knows user 3 already.
      const refused = await eventually(async () => forUser3(), (res) => res.status === 422);
      expectError(refused, 422, 'incorrect_value', '/data/owner_id');
      const contact = (await api('POST', '/v2/contacts', { as: admin, body: { data: { last_name: 'Buyer' } } })).body.data;
      const deal = await eventually(
        () => api('POST', '/v2/deals', { as: admin, body: { data: { name: 'Not theirs', contact_id: contact.id, owner_id: USERS.acmeUser3.id } } }),
        (res) => res.status === 422,
      );
      expectError(deal, 422, 'incorrect_value', '/data/owner_id');
      expectError(await api('POST', '/v2/imports', { as: admin, body: { data: { resource_type: 'lead', owner_id: USERS.acmeUser3.id, column_mapping: { last_name: 'Last' } } } }), 422, 'incorrect_value', '/data/owner_id');
      // No id of a user of the tenant at all.
      expectError(await api('POST', '/v2/leads', { as: admin, body: { data: { last_name: 'Nobody', owner_id: 987654 } } }), 422, 'incorrect_value', '/data/owner_id');
      expectError(await api('POST', '/v2/leads', { as: admin, body: { data: { last_name: 'Foreign', owner_id: USERS.globexUser1.id } } }), 422, 'incorrect_value', '/data/owner_id');
    } finally {
      expect((await api('PUT', user3, { as: admin, body: { data: { status: 'active' } } })).body.data.status).toBe('active');
    }
    expect((await eventually(async () => forUser3(), (res) => res.status === 200)).status).toBe(200);
  });
});
