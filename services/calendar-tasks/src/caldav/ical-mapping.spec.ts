import { parseResource, renderResource } from './ical-mapping';
import type { InvitationSnapshot } from '../invitations/itip';

const series: InvitationSnapshot = {
  appointmentId: '1', uid: 'u-1@t.pipewright', sequence: 4, name: 'Weekly', description: 'Notes', location: 'Room 1',
  startsAt: '2027-03-16T09:00:00.000Z', endsAt: '2027-03-16T10:00:00.000Z', timeZone: 'Europe/Berlin', allDay: false,
  rrule: 'FREQ=WEEKLY;COUNT=5', exdates: ['2027-03-23T09:00:00.000Z'], recurrenceId: null, ownerId: '3', organizerName: '',
  attendees: [{ email: 'guest@example.com', name: 'Guest', status: 'tentative' }],
};
const moved: InvitationSnapshot = { ...series, rrule: null, exdates: [], recurrenceId: '2027-03-30T08:00:00.000Z', startsAt: '2027-03-30T12:00:00.000Z', endsAt: '2027-03-30T13:00:00.000Z', name: 'Weekly (moved)' };

describe('CalDAV objects', () => {
  it('round-trips a series in its zone with its EXDATE, an overridden occurrence and attendees marked SCHEDULE-AGENT=CLIENT', () => {
    const text = renderResource(series, [moved]);
    expect(text).not.toContain('METHOD:');
    expect(text.replace(/\r?\n[ \t]/g, '')).toContain('SCHEDULE-AGENT=CLIENT');
    const events = parseResource(text)!;
    expect(events.map((e) => [e.uid, e.recurrenceId?.toISOString() ?? null, e.startsAt.toISOString(), e.timeZone, e.rrule, e.exdates.map((d) => d.toISOString()), e.sequence])).toEqual([
      ['u-1@t.pipewright', null, '2027-03-16T09:00:00.000Z', 'Europe/Berlin', 'FREQ=WEEKLY;COUNT=5', ['2027-03-23T09:00:00.000Z'], 4],
      ['u-1@t.pipewright', '2027-03-30T08:00:00.000Z', '2027-03-30T12:00:00.000Z', 'Europe/Berlin', null, [], 4],
    ]);
    expect(events[0]!.attendees).toEqual([{ email: 'guest@example.com', name: 'Guest', status: 'tentative' }]);
  });

  it('reads whole days as all-day in UTC, a floating time as UTC, a missing end as a day or a minute, and STATUS:CANCELLED', () => {
    const calendar = (lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//x//x//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
    const [day] = parseResource(calendar(['BEGIN:VEVENT', 'UID:d', 'DTSTAMP:20270101T000000Z', 'DTSTART;VALUE=DATE:20270105', 'SUMMARY:Holiday', 'END:VEVENT']))!;
    expect(day).toMatchObject({ allDay: true, timeZone: 'UTC', startsAt: new Date('2027-01-05T00:00:00Z'), endsAt: new Date('2027-01-06T00:00:00Z') });
    const [floating] = parseResource(calendar(['BEGIN:VEVENT', 'UID:f', 'DTSTAMP:20270101T000000Z', 'DTSTART:20270105T100000', 'STATUS:CANCELLED', 'END:VEVENT']))!;
    expect(floating).toMatchObject({ timeZone: 'UTC', startsAt: new Date('2027-01-05T10:00:00Z'), endsAt: new Date('2027-01-05T10:01:00Z'), cancelled: true, name: '(no title)' });
    expect(parseResource('garbage')).toBeNull();
    expect(parseResource(calendar(['BEGIN:VTODO', 'UID:t', 'END:VTODO']))).toEqual([]);
  });
});
