import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import type { crm } from '@crm/proto';
import { KafkaProbe, TENANTS } from '@crm/testing';
import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const MANAGER = USERS.acmeManager.username;
const inDays = (days: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + days * 86_400_000);
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const hour = (d: Date) => new Date(d.getTime() + 3_600_000);
type Item = { data: { id: number; starts_at: string; recurrence_id: string | null; name: string } };

async function create(as: string, data: Record<string, unknown>) {
  const res = await api('POST', '/v2/appointments', { as, body: { data } });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('/v2/appointments and /v2/calendars', () => {
  const probe = new KafkaProbe([TOPICS.calendarAppointment]);
  beforeAll(() => probe.start());
  afterAll(() => probe.stop());

  it('gives every user a built-in default calendar, on which a new appointment lands', async () => {
    const calendars = await api('GET', '/v2/calendars', { as: U1 });
    expect(calendars.status).toBe(200);
    // The built-in one, whatever the user connected besides.
    const builtin = calendars.body.items.map((i: { data: { kind: string } }) => i.data).find((c: { kind: string }) => c.kind === 'builtin');
    expect(builtin).toEqual({
      id: expect.any(Number), owner_id: USERS.acmeUser1.id, kind: 'builtin', name: 'Calendar', default: expect.any(Boolean), server_url: null, calendar_url: null, username: null,
      sync_status: 'ok', sync_error: null, last_synced_at: null, sync_pending: false, created_at: expect.any(String), updated_at: expect.any(String),
    });
    const calendarId = calendars.body.items.find((i: { data: { default: boolean } }) => i.data.default).data.id;
    const start = inDays(2);
    const created = await create(U1, { name: ' Demo ', starts_at: iso(start), ends_at: iso(hour(start)), time_zone: 'America/New_York', location: 'Room 4' });
    expect(created).toEqual({
      id: expect.any(Number), calendar_id: calendarId, owner_id: USERS.acmeUser1.id, creator_id: USERS.acmeUser1.id, name: 'Demo', description: '', location: 'Room 4',
      starts_at: iso(start), ends_at: iso(hour(start)), time_zone: 'America/New_York', all_day: false, recurrence: null, exdates: [], series_id: null, recurrence_id: null,
      resource_type: null, resource_id: null, status: 'confirmed', reminder: null, attendees: [], editable: true, uid: expect.stringMatching(new RegExp(`@${TENANTS.acme}\\.pipewright$`)), sequence: 0,
      created_at: expect.any(String), updated_at: expect.any(String),
    });
    expect((await api('GET', `/v2/appointments/${created.id}`, { as: U1 })).body.data).toEqual(created);
    expect((await api('GET', `/v2/calendars/${calendarId}`, { as: MANAGER })).status).toBe(200);
    expect((await api('GET', `/v2/calendars/${calendarId}`, { as: U2 })).status).toBe(404);
  });

  it('expands a weekly series at 10:00 Berlin time across the change to summer time, without its EXDATE and with an overridden occurrence', async () => {
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'Weekly' } } })).body.data;
    // Tuesdays from 16 March 2027, 10:00 in Berlin (09:00 UTC; 08:00 UTC from 28 March).
    const series = await create(U1, {
      name: 'Weekly sync', starts_at: '2027-03-16T09:00:00Z', ends_at: '2027-03-16T09:30:00Z', time_zone: 'Europe/Berlin', recurrence: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6',
      resource_type: 'contact', resource_id: contact.id, exdates: ['2027-04-06T08:00:00Z'],
    });
    expect(series).toMatchObject({ recurrence: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6', exdates: ['2027-04-06T08:00:00Z'] });
    const moved = await create(U1, { series_id: series.id, recurrence_id: '2027-03-30T08:00:00Z', starts_at: '2027-03-30T12:00:00Z', ends_at: '2027-03-30T12:30:00Z', name: 'Weekly sync (moved)' });
    expect(moved).toMatchObject({ series_id: series.id, recurrence_id: '2027-03-30T08:00:00Z', uid: series.uid, recurrence: null, resource_id: contact.id });

    const range = await api('GET', `/v2/appointments?resource_type=contact&resource_id=${contact.id}&from=2027-03-01T00:00:00Z&to=2027-05-01T00:00:00Z`, { as: U1 });
    expect(range.status).toBe(200);
    expect(range.body.items.map((i: Item) => [i.data.id, i.data.starts_at, i.data.recurrence_id, i.data.name])).toEqual([
      [series.id, '2027-03-16T09:00:00Z', '2027-03-16T09:00:00Z', 'Weekly sync'],
      [series.id, '2027-03-23T09:00:00Z', '2027-03-23T09:00:00Z', 'Weekly sync'],
      [moved.id, '2027-03-30T12:00:00Z', '2027-03-30T08:00:00Z', 'Weekly sync (moved)'],
      [series.id, '2027-04-13T08:00:00Z', '2027-04-13T08:00:00Z', 'Weekly sync'],
      [series.id, '2027-04-20T08:00:00Z', '2027-04-20T08:00:00Z', 'Weekly sync'],
    ]);
    const paged = await api('GET', `/v2/appointments?resource_type=contact&resource_id=${contact.id}&from=2027-03-01T00:00:00Z&to=2027-05-01T00:00:00Z&per_page=2&page=2`, { as: U1 });
    expect(paged.body.items.map((i: Item) => i.data.starts_at)).toEqual(['2027-03-30T12:00:00Z', '2027-04-13T08:00:00Z']);
    // Without a range each appointment appears once.
    const plain = await api('GET', `/v2/appointments?resource_type=contact&resource_id=${contact.id}`, { as: U1 });
    expect(plain.body.items.map((i: Item) => i.data.id)).toEqual([series.id, moved.id]);
    expectError(await api('POST', '/v2/appointments', { as: U1, body: { data: { series_id: series.id, recurrence_id: '2027-03-30T08:00:00Z' } } }), 422, 'already_exists', '/data/recurrence_id');
    expectError(await api('POST', '/v2/appointments', { as: U1, body: { data: { series_id: series.id, recurrence_id: '2027-03-31T08:00:00Z' } } }), 422, 'incorrect_value', '/data/recurrence_id');
  });

  it('invites users, who see the appointment and answer it; a new time asks again and raises the sequence; cancelling keeps it readable', async () => {
    const start = inDays(3);
    const appointment = await create(MANAGER, {
      name: 'Pipeline review', starts_at: iso(start), ends_at: iso(hour(start)),
      attendees: [{ user_id: USERS.acmeUser2.id }, { email: 'Client@Example.COM', name: 'A client' }],
    });
    expect(appointment.attendees).toEqual([
      { email: 'acme-user2@acme.example', name: 'Acme User Two', user_id: USERS.acmeUser2.id, status: 'needs-action', responded_at: null },
      { email: 'client@example.com', name: 'A client', user_id: null, status: 'needs-action', responded_at: null },
    ]);
    const id = String(appointment.id);
    // User 2 does not see the manager, but is invited: sees it, read-only, and answers it.
    const seen = await api('GET', `/v2/appointments/${id}`, { as: U2 });
    expect(seen.body.data).toMatchObject({ id: appointment.id, editable: false });
    const attending = await api('GET', '/v2/appointments?attending=true&per_page=100&sort_by=id:desc', { as: U2 });
    expect(attending.body.items.map((i: Item) => i.data.id)).toContain(appointment.id);
    expectError(await api('PUT', `/v2/appointments/${id}`, { as: U2, body: { data: { name: 'Mine' } } }), 422, 'incorrect_value', '/data/editable');
    const replied = await api('POST', `/v2/appointments/${id}/reply`, { as: U2, body: { data: { status: 'accepted' } } });
    expect(replied.status).toBe(200);
    expect(replied.body.data.attendees.find((a: { user_id: number | null }) => a.user_id === USERS.acmeUser2.id)).toMatchObject({ status: 'accepted', responded_at: expect.any(String) });
    expectError(await api('POST', `/v2/appointments/${id}/reply`, { as: U2, body: { data: { status: 'maybe' } } }), 422, 'incorrect_value', '/data/status');
    expect((await api('POST', `/v2/appointments/${id}/reply`, { as: U1, body: { data: { status: 'accepted' } } })).status).toBe(404);
    expect((await api('GET', `/v2/appointments/${id}`, { as: U1 })).status).toBe(404);

    const renamed = await api('PUT', `/v2/appointments/${id}`, { as: MANAGER, body: { data: { location: 'Room 9' } } });
    expect(renamed.body.data).toMatchObject({ sequence: 1, location: 'Room 9' });
    expect(renamed.body.data.attendees.map((a: { status: string }) => a.status).sort()).toEqual(['accepted', 'needs-action']);
    const later = inDays(4);
    const moved = await api('PUT', `/v2/appointments/${id}`, { as: MANAGER, body: { data: { starts_at: iso(later), ends_at: iso(hour(later)) } } });
    expect(moved.body.data).toMatchObject({ sequence: 2, starts_at: iso(later) });
    expect(moved.body.data.attendees.map((a: { status: string }) => a.status)).toEqual(['needs-action', 'needs-action']);

    expect((await api('DELETE', `/v2/appointments/${id}`, { as: MANAGER })).status).toBe(204);
    expect((await api('GET', `/v2/appointments/${id}`, { as: MANAGER })).body.data).toMatchObject({ status: 'cancelled', sequence: 3, editable: false });
    expectError(await api('PUT', `/v2/appointments/${id}`, { as: MANAGER, body: { data: { name: 'Revived' } } }), 422, 'incorrect_value', '/data/editable');
    const cancelled = await api('GET', '/v2/appointments?status=cancelled&per_page=100&sort_by=id:desc', { as: MANAGER });
    expect(cancelled.body.items.map((i: Item) => i.data.id)).toContain(appointment.id);

    await probe.waitFor((r) => r.key === id && r.headers.ce_type === 'com.pipewright.crm.calendar.appointment.cancelled.v1', 1);
    const mine = probe.records.filter((r) => r.key === id);
    expect(mine.map((r) => r.headers.ce_type!.replace('com.pipewright.crm.calendar.appointment.', ''))).toEqual(['created.v1', 'attendee-replied.v1', 'updated.v1', 'updated.v1', 'cancelled.v1']);
    for (const r of mine) expect(r.headers).toMatchObject({ ce_source: '/crm/calendar-tasks', ce_tenantid: TENANTS.acme, ce_subject: `tenants/${TENANTS.acme}/appointments/${id}` });
    const reply = decodePayload<crm.calendar.v1.AppointmentAttendeeReplied>(parseCloudEvent(mine[1]!.topic, mine[1]!.key, mine[1]!.value, mine[1]!.headers));
    expect({ email: reply.attendeeEmail, user: reply.attendeeUserId, status: reply.status, via: reply.via }).toEqual({ email: 'acme-user2@acme.example', user: String(USERS.acmeUser2.id), status: 'accepted', via: 'api' });
    const updates = mine.filter((r) => r.headers.ce_type!.endsWith('updated.v1')).map((r) => decodePayload<crm.calendar.v1.AppointmentUpdated>(parseCloudEvent(r.topic, r.key, r.value, r.headers)));
    expect(updates.map((u) => [...u.changedFields].sort())).toEqual([['location'], ['ends_at', 'starts_at']]);
  });

  it('refuses bad input with a Sell error naming the field and writes nothing', async () => {
    const before = (await api('GET', '/v2/appointments?per_page=100', { as: U2 })).body.items.length;
    const start = iso(inDays(1));
    const end = iso(hour(inDays(1)));
    const othersLead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'Not for user 2' } } })).body.data;
    const bad = async (data: Record<string, unknown>, status: number, code: string, field: string) => expectError(await api('POST', '/v2/appointments', { as: U2, body: { data: { name: 'Bad', starts_at: start, ends_at: end, ...data } } }), status, code, field);
    await bad({ ends_at: start }, 422, 'incorrect_value', '/data/ends_at');
    await bad({ ends_at: iso(inDays(0)) }, 422, 'incorrect_value', '/data/ends_at');
    await bad({ time_zone: 'Mars/Olympus_Mons' }, 422, 'incorrect_value', '/data/time_zone');
    await bad({ recurrence: 'FREQ=FORTNIGHTLY' }, 422, 'incorrect_value', '/data/recurrence');
    await bad({ recurrence: 'FREQ=HOURLY' }, 422, 'incorrect_value', '/data/recurrence');
    await bad({ attendees: [{ email: 'not an address' }] }, 422, 'incorrect_value', '/data/attendees/0/email');
    await bad({ attendees: [{ user_id: 987654 }] }, 422, 'incorrect_value', '/data/attendees/0/user_id');
    await bad({ name: '   ' }, 422, 'blank', '/data/name');
    await bad({ reminder: 'whenever' }, 422, 'incorrect_value', '/data/reminder');
    await bad({ all_day: true }, 422, 'incorrect_value', '/data/all_day');
    await bad({ resource_type: 'lead', resource_id: othersLead.id }, 404, 'not_found', '/data/resource_id');
    await bad({ owner_id: USERS.acmeUser1.id }, 403, 'forbidden', '/data/owner_id');
    await bad({ calendar_id: 999999999 }, 404, 'not_found', '/data/calendar_id');
    expectError(await api('GET', `/v2/appointments?from=${start}`, { as: U2 }), 400, 'invalid_param', 'to');
    expectError(await api('GET', `/v2/appointments?from=2027-01-01T00:00:00Z&to=2029-01-01T00:00:00Z`, { as: U2 }), 400, 'invalid_param', 'to');
    expect((await api('GET', '/v2/appointments?per_page=100', { as: U2 })).body.items.length).toBe(before);
  });

  it('fires a reminder at the preset before the start, as appointment.reminder-due', async () => {
    const start = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_000);
    const appointment = await create(U1, { name: 'Soon', starts_at: iso(start), ends_at: iso(hour(start)), reminder: 'at_due_time' });
    const [record] = await probe.waitFor((r) => r.key === String(appointment.id) && r.headers.ce_type === 'com.pipewright.crm.calendar.appointment.reminder-due.v1', 1, 30_000);
    const due = decodePayload<crm.calendar.v1.AppointmentReminderDue>(parseCloudEvent(record!.topic, record!.key, record!.value, record!.headers));
    expect({ occurrence: due.occurrence, remindAt: due.remindAt, name: due.appointment?.name }).toEqual({ occurrence: start, remindAt: start, name: 'Soon' });
  });

  it('unlinks the appointments of a deleted lead and moves those of a converted lead to its contact', async () => {
    const [gone, converted] = await Promise.all(['Gone', 'Converted'].map(async (name) => (await api('POST', '/v2/leads', { as: U1, body: { data: { first_name: 'Ada', last_name: name } } })).body.data));
    const start = inDays(5);
    const onGone = await create(U1, { name: 'On a lead to delete', starts_at: iso(start), ends_at: iso(hour(start)), resource_type: 'lead', resource_id: gone.id });
    const onConverted = await create(U1, { name: 'On a lead to convert', starts_at: iso(start), ends_at: iso(hour(start)), resource_type: 'lead', resource_id: converted.id });
    expect((await api('DELETE', `/v2/leads/${gone.id}`, { as: U1 })).status).toBe(204);
    const conversion = await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: converted.id } } });
    expect(conversion.status).toBe(200);
    const unlinked = await eventually(() => api('GET', `/v2/appointments/${onGone.id}`, { as: U1 }), (r) => r.body?.data?.resource_id === null, 30_000);
    expect(unlinked.body.data).toMatchObject({ resource_type: null, resource_id: null, status: 'confirmed' });
    const moved = await eventually(() => api('GET', `/v2/appointments/${onConverted.id}`, { as: U1 }), (r) => r.body?.data?.resource_type === 'contact', 30_000);
    expect(moved.body.data).toMatchObject({ resource_type: 'contact', resource_id: conversion.body.data.individual_id });
  });
});
