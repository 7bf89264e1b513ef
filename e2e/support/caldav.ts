import { DAVClient, type DAVCalendar } from 'tsdav';
import { stack } from '@crm/testing';

/** The local CalDAV server's users (deploy/local/components/radicale.sh). */
export const CALDAV_USERS = ['caldav-user1', 'caldav-user2', 'caldav-user3'] as const;

/**
 * The user's other calendar client, straight to the CalDAV server: makes a calendar of its own
 * for a test, and reads and writes its events as Thunderbird or a phone would.
 */
export class CaldavClient {
  private constructor(
    private readonly client: DAVClient,
    readonly calendar: DAVCalendar,
  ) {}

  /** A new, empty calendar named `name` in the user's home. */
  static async withCalendar(username: string, name: string): Promise<CaldavClient> {
    const client = new DAVClient({ serverUrl: stack.CALDAV_URL, credentials: { username, password: stack.CALDAV_PASSWORD }, authMethod: 'Basic', defaultAccountType: 'caldav' });
    await client.login();
    const url = `${client.account!.homeUrl}${name}/`;
    await client.makeCalendar({ url, props: { displayname: name } });
    const calendar = (await client.fetchCalendars()).find((c) => c.url === url);
    if (!calendar) throw new Error(`calendar ${url} was not made`);
    return new CaldavClient(client, calendar);
  }

  async put(filename: string, ics: string, etag?: string): Promise<void> {
    const url = `${this.calendar.url}${filename}`;
    const res = etag ? await this.client.updateCalendarObject({ calendarObject: { url, data: ics, etag } }) : await this.client.createCalendarObject({ calendar: this.calendar, filename, iCalString: ics });
    if (!res.ok) throw new Error(`PUT ${url}: ${res.status}`);
  }

  async objects(): Promise<{ url: string; etag: string; data: string }[]> {
    return (await this.client.fetchCalendarObjects({ calendar: this.calendar })).map((o) => ({ url: o.url, etag: o.etag ?? '', data: String(o.data) }));
  }

  async remove(url: string): Promise<void> {
    const res = await this.client.deleteCalendarObject({ calendarObject: { url, etag: '' } });
    if (!res.ok) throw new Error(`DELETE ${url}: ${res.status}`);
  }

  /** Removes the whole calendar (the collection) from the server. */
  async dropCalendar(): Promise<void> {
    await this.client.deleteObject({ url: this.calendar.url });
  }
}

/** A VCALENDAR with one event, as a calendar client stores it. */
export function eventIcs(e: { uid: string; summary: string; start: string; end: string; sequence?: number; tzid?: string; rrule?: string }): string {
  const time = (v: string) => (e.tzid ? `;TZID=${e.tzid}:${v}` : `:${v}`);
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Other Client//EN', 'BEGIN:VEVENT', `UID:${e.uid}`, `SEQUENCE:${e.sequence ?? 0}`, 'DTSTAMP:20270101T000000Z',
    `DTSTART${time(e.start)}`, `DTEND${time(e.end)}`, ...(e.rrule ? [`RRULE:${e.rrule}`] : []), `SUMMARY:${e.summary}`, 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}
