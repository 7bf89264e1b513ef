import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';
import { inbox, inboxWith } from '../support/mail';

const admin = USERS.initechAdmin.username;
/** Addresses unique to this run: Keycloak and the mailboxes outlive a test run. */
const address = (name: string) => `${name}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}@initech.example`;
const userIds = async () => ((await api('GET', '/v2/users?per_page=100', { as: admin })).body.items as { data: { id: number } }[]).map((i) => i.data.id);
/** The action link of a Keycloak invitation email. */
const actionLink = (source: string) => source.match(/https?:\/\/[^\s"<>]+\/login-actions\/action-token\?[^\s"<>]+/)?.[0].replace(/&amp;/g, '&');

describe('invitations (POST /v2/users)', () => {
  // The directory copies Keycloak's users on start; the admin is known once the first copy ends.
  beforeAll(() => eventually(() => api('GET', '/v2/users/self', { as: admin }), (res) => res.status === 200, 30_000));

  it('lets an admin invite someone: listed at once as invited and unconfirmed, emailed a working link to set a password', async () => {
    const email = address('nina');
    const res = await api('POST', '/v2/users', { as: admin, body: { data: { name: 'Nina  Newcomer', email, role: 'manager', reports_to: USERS.initechAdmin.id, timezone: 'Europe/Paris', phone_number: '+33 1 23 45 67 89' } } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Nina Newcomer', email, role: 'manager', status: 'active', invited: true, confirmed: false, reports_to: USERS.initechAdmin.id, timezone: 'Europe/Paris', phone_number: '+33 1 23 45 67 89' });
    const id = res.body.data.id as number;
    expect(id).toBeGreaterThan(100_000);
    expect((await api('GET', `/v2/users/${id}`, { as: admin })).body.data).toMatchObject({ id, invited: true, confirmed: false });
    expect(await userIds()).toContain(id);

    const [mail] = await inboxWith(email, 1);
    expect(mail!.from).toBe('no-reply@pipewright.test');
    const link = actionLink(mail!.source);
    expect(link).toBeDefined();
    // The link opens Keycloak's page for the required actions (here: choose a password).
    const page = await fetch(link!, { redirect: 'follow' });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/password/i);
  });

  it('sends an invited user who has not accepted a new email on request, and refuses for anyone else', async () => {
    const email = address('omar');
    const invited = await api('POST', '/v2/users', { as: admin, body: { data: { name: 'Omar', email, role: 'user' } } });
    expect(invited.status).toBe(200);
    await inboxWith(email, 1);
    const again = await api('POST', `/v2/users/${invited.body.data.id}/invitation`, { as: admin });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ id: invited.body.data.id, invited: true, confirmed: false });
    const mails = await inboxWith(email, 2);
    expect(mails.map((m) => actionLink(m.source))).toHaveLength(2);

    expectError(await api('POST', `/v2/users/${USERS.initechAdmin.id}/invitation`, { as: admin }), 422, 'incorrect_value', '/data/invited');
    expectError(await api('POST', `/v2/users/${USERS.acmeAdmin.id}/invitation`, { as: admin }), 404, 'not_found');
  });

  it('answers 422 for a taken address, a blank name, an address that is not one and an unknown role, and creates nobody', async () => {
    const before = await userIds();
    const taken = 'initech-admin@initech.example';
    expectError(await api('POST', '/v2/users', { as: admin, body: { data: { name: 'Copy', email: taken.toUpperCase(), role: 'user' } } }), 422, 'already_exists', '/data/email');
    // An address of another tenant's user is a Keycloak user name already: one person, one account.
    expectError(await api('POST', '/v2/users', { as: admin, body: { data: { name: 'Copy', email: 'acme-user1@acme.example', role: 'user' } } }), 422, 'already_exists', '/data/email');
    const bad = await api('POST', '/v2/users', { as: admin, body: { data: { name: '  ', email: 'not-an-address', role: 'user' } } });
    expectError(bad, 422, 'blank', '/data/name');
    expectError(bad, 422, 'incorrect_value', '/data/email');
    expectError(await api('POST', '/v2/users', { as: admin, body: { data: { name: 'Role', email: address('role'), role: 'owner' } } }), 422, 'incorrect_value', '/data/role');
    expectError(await api('POST', '/v2/users', { as: admin, body: { data: { name: 'Boss', email: address('boss'), role: 'user', reports_to: USERS.acmeAdmin.id } } }), 422, 'incorrect_value', '/data/reports_to');
    expect(await userIds()).toEqual(before);
    expect(await inbox(taken)).toEqual([]);
  });

  it('takes an admin\'s personal access token as it takes a Keycloak token; one with the read scope only may not invite', async () => {
    const make = async (scopes: string[]) => (await api('POST', '/v2/access_tokens', { as: admin, body: { data: { name: `invite ${scopes.join(' ')}`, scopes } } })).body.data.token as string;
    const email = address('pat');
    const invited = await api('POST', '/v2/users', { token: await make(['read', 'write']), body: { data: { name: 'Pat Token', email, role: 'user' } } });
    expect(invited.status).toBe(200);
    expect(invited.body.data).toMatchObject({ email, invited: true });
    expect(await inboxWith(email, 1)).toHaveLength(1);
    expectError(await api('POST', '/v2/users', { token: await make(['read']), body: { data: { name: 'Read Only', email: address('ro'), role: 'user' } } }), 403, 'insufficient_scope');
  });

  it('is for admins only', async () => {
    for (const as of [USERS.acmeManager.username, USERS.acmeUser1.username]) {
      expectError(await api('POST', '/v2/users', { as, body: { data: { name: 'Nope', email: address('nope'), role: 'user' } } }), 403, 'forbidden');
      expectError(await api('POST', `/v2/users/${USERS.acmeUser1.id}/invitation`, { as }), 403, 'forbidden');
    }
    expectError(await api('POST', '/v2/users', { body: { data: { name: 'Nope', email: address('nope'), role: 'user' } } }), 401, 'unauthorized');
  });
});
