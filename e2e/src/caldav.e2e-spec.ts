import { stack } from '@crm/testing';
import { CaldavClient, eventIcs } from '../support/caldav';
import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';

// The owner is a user the access matrix connects no calendars for; the other one does not see them.
const OWNER = USERS.acmeUser2.username;
const OTHER = USERS.acmeUser1.username;
const MANAGER = USERS.acmeManager.username;
const run = Date.now().toString(36);
type Item = { data: { id: number; name: string; uid: string; editable: boolean; sequence: number; starts_at: string; time_zone: string } };

/** Asks for a sync and waits until none is pending (the one asked for, and any a change asked for, ran). */
async function synced(as: string, id: number) {
  const asked = await api('POST', `/v2/calendars/${id}/sync`, { as });
  expect([asked.status, asked.body.data.sync_pending]).toEqual([202, true]);
  const done = await eventually(() => api('GET', `/v2/calendars/${id}`, { as }), (r) => r.body.data.sync_pending === false, 30_000);
  expect(done.body.data.sync_pending).toBe(false);
  return done.body.data;
}

async function appointmentsOn(as: string, calendarId: number): Promise<Item['data'][]> {
  return (await api('GET', `/v2/appointments?calendar_id=${calendarId}&per_page=100&sort_by=id`, { as })).body.items.map((i: Item) => i.data);
}

/** The server's copy of a UID: its iCalendar text, or undefined. */
async function remoteCopy(remote: CaldavClient, uid: string) {
  return (await remote.objects()).find((o) => o.data.replace(/\r?\n[ \t]/g, '').includes(`UID:${uid}`));
}

describe('CalDAV calendars (against the local Radicale)', () => {
  let remote: CaldavClient;
  let calendarId: number;

  beforeAll(async () => {
    remote = await CaldavClient.withCalendar('caldav-user1', `crm-${run}`);
  });

  it('connects a calendar after discovery and a check of the credentials, and never shows the password', async () => {
    const body = (data: Record<string, unknown>) => ({ data: { server_url: stack.CALDAV_URL, username: 'caldav-user1', password: stack.CALDAV_PASSWORD, ...data } });
    expectError(await api('POST', '/v2/calendars', { as: OWNER, body: body({ password: 'wrong' }) }), 422, 'incorrect_value', '/data/password');
    expectError(await api('POST', '/v2/calendars', { as: OWNER, body: body({ server_url: 'http://127.0.0.1:1/' }) }), 422, 'incorrect_value', '/data/server_url');
    expectError(await api('POST', '/v2/calendars', { as: OWNER, body: body({ server_url: 'ftp://example.com/' }) }), 422, 'incorrect_value', '/data/server_url');
    expectError(await api('POST', '/v2/calendars', { as: OWNER, body: body({ calendar_url: `${stack.CALDAV_URL}caldav-user1/no-such-${run}/` }) }), 422, 'incorrect_value', '/data/calendar_url');
    expectError(await api('POST', '/v2/calendars', { as: OWNER, body: body({ password: undefined }) }), 422, 'missing', '/data/password');

    const connected = await api('POST', '/v2/calendars', { as: OWNER, body: body({ calendar_url: remote.calendar.url, name: 'Phone' }) });
    expect(connected.status).toBe(200);
    calendarId = connected.body.data.id;
    expect(connected.body.data).toEqual({
      id: expect.any(Number), owner_id: USERS.acmeUser2.id, kind: 'caldav', name: 'Phone', default: false, server_url: stack.CALDAV_URL, calendar_url: remote.calendar.url,
      username: 'caldav-user1', sync_status: 'ok', sync_error: null, last_synced_at: null, sync_pending: true, created_at: expect.any(String), updated_at: expect.any(String),
    });
    const listed = await api('GET', '/v2/calendars', { as: OWNER });
    expect(JSON.stringify(listed.body)).not.toContain(stack.CALDAV_PASSWORD);
    expect(listed.body.items.map((i: { data: { kind: string; default: boolean } }) => [i.data.kind, i.data.default])).toEqual([['builtin', true], ['caldav', false]]);
    expectError(await api('POST', '/v2/calendars', { as: OWNER, body: body({ calendar_url: remote.calendar.url }) }), 422, 'already_exists', '/data/calendar_url');

    // The manager sees it; only its owner changes, syncs or disconnects it.
    expect((await api('GET', `/v2/calendars/${calendarId}`, { as: MANAGER })).status).toBe(200);
    expect((await api('GET', `/v2/calendars/${calendarId}`, { as: OTHER })).status).toBe(404);
    expect((await api('PUT', `/v2/calendars/${calendarId}`, { as: MANAGER, body: { data: { name: 'Mine' } } })).status).toBe(404);
    expect((await api('POST', `/v2/calendars/${calendarId}/sync`, { as: MANAGER })).status).toBe(404);
  });

  it('brings a calendar that is not the default in one way: its events become read-only appointments, changes and deletions follow', async () => {
    const uid = `phone-${run}@other.example`;
    await remote.put('phone.ics', eventIcs({ uid, summary: 'From the phone', start: '20270301T090000', end: '20270301T100000', tzid: 'Europe/Berlin' }));
    expect((await synced(OWNER, calendarId)).sync_status).toBe('ok');
    const [mirrored] = await appointmentsOn(OWNER, calendarId);
    expect(mirrored).toMatchObject({ uid, name: 'From the phone', editable: false, starts_at: '2027-03-01T08:00:00Z', time_zone: 'Europe/Berlin' });
    expectError(await api('PUT', `/v2/appointments/${mirrored!.id}`, { as: OWNER, body: { data: { name: 'Changed in the CRM' } } }), 422, 'incorrect_value', '/data/editable');

    const copy = (await remoteCopy(remote, uid))!;
    await remote.put('phone.ics', eventIcs({ uid, summary: 'Moved on the phone', start: '20270302T090000', end: '20270302T100000', tzid: 'Europe/Berlin', sequence: 1 }), copy.etag);
    await synced(OWNER, calendarId);
    expect((await appointmentsOn(OWNER, calendarId))[0]).toMatchObject({ id: mirrored!.id, name: 'Moved on the phone', starts_at: '2027-03-02T08:00:00Z', sequence: 1 });

    await remote.remove((await remoteCopy(remote, uid))!.url);
    await synced(OWNER, calendarId);
    expect(await appointmentsOn(OWNER, calendarId)).toEqual([]);
    expect((await api('GET', `/v2/appointments/${mirrored!.id}`, { as: OWNER })).status).toBe(404);
  });

  it('writes the CRM\'s appointments to the default calendar and applies the conflict rule: the higher SEQUENCE wins, the server\'s copy when equal', async () => {
    const made = await api('PUT', `/v2/calendars/${calendarId}`, { as: OWNER, body: { data: { default: true } } });
    expect(made.body.data.default).toBe(true);
    const created = await api('POST', '/v2/appointments', { as: OWNER, body: { data: { name: 'Made in the CRM', starts_at: '2027-04-01T09:00:00Z', ends_at: '2027-04-01T10:00:00Z', time_zone: 'Europe/Paris', attendees: [{ email: `guest-${run}@guests.example` }] } } });
    expect(created.body.data).toMatchObject({ calendar_id: calendarId, editable: true });
    const { id, uid } = created.body.data;
    const pushed = await eventually(() => remoteCopy(remote, uid), (c) => c !== undefined, 30_000);
    expect(pushed!.data).toContain('SUMMARY:Made in the CRM');
    expect(pushed!.data).toMatch(/DTSTART;TZID=Europe\/Paris:20270401T110000/);
    expect(pushed!.data.replace(/\r?\n[ \t]/g, '')).toMatch(/ATTENDEE;[^\r\n]*SCHEDULE-AGENT=CLIENT/);

    const nameOf = async () => (await api('GET', `/v2/appointments/${id}`, { as: OWNER })).body.data;
    const remoteSummary = async () => /SUMMARY:([^\r\n]*)/.exec((await remoteCopy(remote, uid))?.data ?? '')?.[1];
    const settle = () => synced(OWNER, calendarId);

    // The server's edit with a higher SEQUENCE beats the CRM's concurrent one.
    await settle();
    let local = await nameOf();
    await remote.put(new URL(pushed!.url).pathname.split('/').pop()!, eventIcs({ uid, summary: 'Server wins', start: '20270401T090000Z', end: '20270401T100000Z', sequence: local.sequence + 3 }), (await remoteCopy(remote, uid))!.etag);
    await api('PUT', `/v2/appointments/${id}`, { as: OWNER, body: { data: { name: 'CRM loses' } } });
    await settle();
    expect((await nameOf()).name).toBe('Server wins');
    expect(await remoteSummary()).toBe('Server wins');

    // Equal SEQUENCEs: the server's copy is kept.
    local = await nameOf();
    await remote.put(new URL(pushed!.url).pathname.split('/').pop()!, eventIcs({ uid, summary: 'Server kept', start: '20270401T090000Z', end: '20270401T100000Z', sequence: local.sequence + 1 }), (await remoteCopy(remote, uid))!.etag);
    await api('PUT', `/v2/appointments/${id}`, { as: OWNER, body: { data: { name: 'CRM same SEQUENCE' } } });
    await settle();
    expect((await nameOf()).name).toBe('Server kept');

    // The CRM's edit with the higher SEQUENCE replaces a server edit that did not raise it.
    local = await nameOf();
    await remote.put(new URL(pushed!.url).pathname.split('/').pop()!, eventIcs({ uid, summary: 'Server stale', start: '20270401T090000Z', end: '20270401T100000Z', sequence: local.sequence }), (await remoteCopy(remote, uid))!.etag);
    await api('PUT', `/v2/appointments/${id}`, { as: OWNER, body: { data: { name: 'CRM wins' } } });
    await settle();
    expect((await nameOf()).name).toBe('CRM wins');
    expect(await remoteSummary()).toBe('CRM wins');

    // Deletions go both ways: a cancelled appointment leaves the server; one deleted there leaves the CRM.
    expect((await api('DELETE', `/v2/appointments/${id}`, { as: OWNER })).status).toBe(204);
    await settle();
    expect(await remoteCopy(remote, uid)).toBeUndefined();
    const second = await api('POST', '/v2/appointments', { as: OWNER, body: { data: { name: 'Deleted on the server', starts_at: '2027-04-02T09:00:00Z', ends_at: '2027-04-02T10:00:00Z' } } });
    const copy = await eventually(() => remoteCopy(remote, second.body.data.uid), (c) => c !== undefined, 30_000);
    await remote.remove(copy!.url);
    await settle();
    expect((await api('GET', `/v2/appointments/${second.body.data.id}`, { as: OWNER })).status).toBe(404);
  });

  it('records a failed sync on the calendar and keeps its appointments; disconnecting makes the built-in calendar the default again', async () => {
    const kept = await api('POST', '/v2/appointments', { as: OWNER, body: { data: { name: 'Kept through a failure', starts_at: '2027-05-01T09:00:00Z', ends_at: '2027-05-01T10:00:00Z' } } });
    await eventually(() => remoteCopy(remote, kept.body.data.uid), (c) => c !== undefined, 30_000);
    await remote.dropCalendar();
    const failed = await synced(OWNER, calendarId);
    expect(failed).toMatchObject({ sync_status: 'error', sync_error: expect.stringMatching(/no longer on the server/) });
    expect((await appointmentsOn(OWNER, calendarId)).map((a) => a.id)).toEqual([kept.body.data.id]);

    expect((await api('DELETE', `/v2/calendars/${calendarId}`, { as: OWNER })).status).toBe(204);
    expect((await api('GET', `/v2/appointments/${kept.body.data.id}`, { as: OWNER })).status).toBe(404);
    const calendars = (await api('GET', '/v2/calendars', { as: OWNER })).body.items.map((i: { data: { kind: string; default: boolean } }) => [i.data.kind, i.data.default]);
    expect(calendars).toEqual([['builtin', true]]);
    const builtinId = (await api('GET', '/v2/calendars', { as: OWNER })).body.items[0].data.id;
    expectError(await api('DELETE', `/v2/calendars/${builtinId}`, { as: OWNER }), 422, 'incorrect_value', '/data/kind');
  });
});
