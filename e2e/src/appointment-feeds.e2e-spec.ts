import ICAL from 'ical.js';
import { api, expectError, USERS } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const run = Date.now().toString(36);

function ics(events: string[][]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Desktop//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', 'DTSTAMP:20270101T000000Z', ...e, 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n');
}

const importFile = (as: string, body: string, type = 'text/calendar') => api('POST', '/v2/appointments/import', { as, rawBody: new TextEncoder().encode(body), headers: { 'content-type': type } });

describe('iCalendar import and feeds', () => {
  it('imports a file event by event into the default calendar, reporting each refused one by its position', async () => {
    const file = ics([
      [`UID:series-${run}@desk.example`, 'DTSTART;TZID=Europe/Berlin:20270316T100000', 'DTEND;TZID=Europe/Berlin:20270316T110000', 'RRULE:FREQ=WEEKLY;COUNT=4', 'SUMMARY:Imported series', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:guest@desk.example'],
      [`UID:series-${run}@desk.example`, 'RECURRENCE-ID;TZID=Europe/Berlin:20270323T100000', 'DTSTART;TZID=Europe/Berlin:20270323T150000', 'DTEND;TZID=Europe/Berlin:20270323T160000', 'SUMMARY:Imported, moved'],
      [`UID:bad-rule-${run}@desk.example`, 'DTSTART:20270401T090000Z', 'DTEND:20270401T100000Z', 'RRULE:FREQ=HOURLY', 'SUMMARY:Too often'],
      [`UID:orphan-${run}@desk.example`, 'RECURRENCE-ID:20270402T090000Z', 'DTSTART:20270402T100000Z', 'DTEND:20270402T110000Z', 'SUMMARY:No series'],
      [`UID:day-${run}@desk.example`, 'DTSTART;VALUE=DATE:20270501', 'DTEND;VALUE=DATE:20270502', 'SUMMARY:A whole day'],
    ]);
    const imported = await importFile(U1, file);
    expect(imported.status).toBe(200);
    expect(imported.body.data.created.map((a: { name: string; all_day: boolean; recurrence: string | null; series_id: number | null }) => [a.name, a.all_day, a.recurrence, a.series_id !== null])).toEqual([
      ['Imported series', false, 'FREQ=WEEKLY;COUNT=4', false], ['A whole day', true, null, false], ['Imported, moved', false, null, true],
    ]);
    expect(imported.body.data.errors).toEqual([
      { index: 2, uid: `bad-rule-${run}@desk.example`, field: 'recurrence', code: 'incorrect_value', message: expect.any(String) },
      { index: 3, uid: `orphan-${run}@desk.example`, field: 'recurrence_id', code: 'incorrect_value', message: expect.any(String) },
    ]);
    const series = imported.body.data.created[0];
    expect(series).toMatchObject({ uid: `series-${run}@desk.example`, time_zone: 'Europe/Berlin', starts_at: '2027-03-16T09:00:00Z', attendees: [{ email: 'guest@desk.example', status: 'accepted' }] });

    // The same file again: every event is there already.
    const again = await importFile(U1, file);
    expect(again.body.data.created).toEqual([]);
    expect(again.body.data.errors.filter((e: { code: string }) => e.code === 'already_exists').map((e: { index: number }) => e.index)).toEqual([0, 1, 4]);

    expectError(await importFile(U1, 'not a calendar'), 422, 'incorrect_value', '/data/file');
    expect((await importFile(U1, file, 'text/plain')).status).toBe(415);
  });

  it('serves each user a secret feed of their appointments that a new URL replaces and deleting revokes', async () => {
    expect((await api('GET', '/v2/calendar_feed', { as: U2 })).status === 404 || (await api('DELETE', '/v2/calendar_feed', { as: U2 })).status === 204).toBe(true);
    expect((await api('GET', '/v2/calendar_feed', { as: U2 })).status).toBe(404);
    const mine = await api('POST', '/v2/appointments', { as: U2, body: { data: { name: `Feed item ${run}`, starts_at: '2027-02-01T09:00:00Z', ends_at: '2027-02-01T10:00:00Z', time_zone: 'America/New_York' } } });
    const made = await api('POST', '/v2/calendar_feed', { as: U2 });
    expect(made.status).toBe(200);
    const { url, token } = made.body.data;
    expect(url).toBe(`/public/calendar_feeds/${token}`);
    expect((await api('GET', '/v2/calendar_feed', { as: U2 })).body.data).toEqual({ owner_id: USERS.acmeUser2.id, created_at: expect.any(String) });

    const feed = await api('GET', `${url}.ics`, {});
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(String(feed.body)));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const uids = calendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid'));
    expect(uids).toContain(mine.body.data.uid);
    // Only the owner's: another user's appointment is not in it.
    const others = await api('POST', '/v2/appointments', { as: U1, body: { data: { name: 'Not in the feed', starts_at: '2027-02-01T09:00:00Z', ends_at: '2027-02-01T10:00:00Z' } } });
    expect(String((await api('GET', url, {})).body)).not.toContain(others.body.data.uid);

    const rotated = await api('POST', '/v2/calendar_feed', { as: U2 });
    expect(rotated.body.data.token).not.toBe(token);
    expect((await api('GET', url, {})).status).toBe(404);
    expect((await api('GET', rotated.body.data.url, {})).status).toBe(200);
    expect((await api('DELETE', '/v2/calendar_feed', { as: U2 })).status).toBe(204);
    expect((await api('GET', rotated.body.data.url, {})).status).toBe(404);
    expect((await api('GET', `/public/calendar_feeds/${'0'.repeat(36)}.${'A'.repeat(43)}`, {})).status).toBe(404);
  });
});
