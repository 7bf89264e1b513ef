import { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { isTimeZone, type ParticipationStatus } from '../appointments/appointment-rules';
import { calendarShell, eventFields, partstatOf, type InvitationSnapshot } from '../invitations/itip';

/** One VEVENT of a CalDAV object: a single event, a series, or one overridden occurrence (recurrenceId). */
export interface RemoteEvent {
  uid: string;
  recurrenceId: Date | null;
  sequence: number;
  name: string;
  description: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  allDay: boolean;
  rrule: string | null;
  exdates: Date[];
  cancelled: boolean;
  attendees: { email: string; name: string; status: ParticipationStatus }[];
}

const STATUSES: Record<string, ParticipationStatus> = { ACCEPTED: 'accepted', DECLINED: 'declined', TENTATIVE: 'tentative', 'NEEDS-ACTION': 'needs-action' };
const clip = (text: unknown, max: number) => (typeof text === 'string' ? text : text === null || text === undefined ? '' : String(text)).slice(0, max);

/** The TZID a time was given in, if any. */
function tzidOf(time: ICAL.Time): string | null {
  const tzid = (time as unknown as { timezone?: string }).timezone || time.zone?.tzid;
  return tzid && tzid !== 'floating' && tzid !== 'Z' ? tzid : null;
}

function zoneOf(time: ICAL.Time): string {
  const tzid = tzidOf(time);
  return tzid && isTimeZone(tzid) ? tzid : 'UTC';
}

/**
 * The instant of a time: an IANA zone by the IANA database (whether or not the file holds its
 * VTIMEZONE), another zone by the file's VTIMEZONE, UTC and floating times as UTC, and a whole day
 * as midnight UTC (the event's zone is then UTC, see zoneOf), as all-day rules want.
 */
function instant(time: ICAL.Time): Date {
  if (time.isDate) return new Date(Date.UTC(time.year, time.month - 1, time.day));
  const tzid = tzidOf(time);
  if (tzid && isTimeZone(tzid)) {
    const local = Temporal.PlainDateTime.from({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second });
    return new Date(local.toZonedDateTime(tzid, { disambiguation: 'compatible' }).epochMilliseconds);
  }
  if (tzid && time.zone && time.zone.tzid === tzid) return time.toJSDate();
  return new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second));
}

/**
 * The VEVENTs of a CalDAV object's iCalendar data, in the CRM's terms: zones by IANA name (an
 * unknown or floating one counts as UTC), whole days as all-day, RRULE and EXDATEs, STATUS and
 * attendees. Anything but VEVENTs (tasks, journals) is left out; null when the data does not parse.
 */
export function parseResource(data: string): RemoteEvent[] | null {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(data));
  } catch {
    return null;
  }
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    try {
      ICAL.TimezoneService.register(zone);
    } catch {
      // A VTIMEZONE that does not parse leaves its TZID to the IANA database.
    }
  }
  const events: RemoteEvent[] = [];
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    try {
      const event = new ICAL.Event(vevent);
      const uid = event.uid;
      const start = event.startDate;
      if (!uid || !start) continue;
      const timeZone = start.isDate ? 'UTC' : zoneOf(start);
      const end = event.endDate ?? (start.isDate ? start.clone() : start);
      const startsAt = instant(start);
      let endsAt = instant(end);
      if (endsAt.getTime() <= startsAt.getTime()) endsAt = new Date(startsAt.getTime() + (start.isDate ? 86_400_000 : 60_000));
      const rruleProp = vevent.getFirstProperty('rrule');
      const exdates = vevent.getAllProperties('exdate').flatMap((p) => p.getValues().filter((v): v is ICAL.Time => v instanceof ICAL.Time).map(instant));
      const recurrence = vevent.getFirstPropertyValue('recurrence-id');
      events.push({
        uid: clip(uid, 255),
        recurrenceId: recurrence instanceof ICAL.Time ? instant(recurrence) : null,
        sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0) || 0,
        name: clip(event.summary, 255).trim() || '(no title)',
        description: clip(event.description, 10_000),
        location: clip(event.location, 1_000),
        startsAt,
        endsAt,
        timeZone,
        allDay: start.isDate,
        rrule: rruleProp ? String(rruleProp.getFirstValue()).replace(/^RRULE:/i, '') : null,
        exdates,
        cancelled: String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
        attendees: vevent.getAllProperties('attendee').slice(0, 100).flatMap((p) => {
          const email = String(p.getFirstValue() ?? '').replace(/^mailto:/i, '').trim().toLowerCase();
          if (!email.includes('@')) return [];
          return [{ email: email.slice(0, 320), name: clip(p.getParameter('cn'), 255), status: STATUSES[String(p.getParameter('partstat') ?? '').toUpperCase()] ?? 'needs-action' }];
        }),
      });
    } catch {
      // One VEVENT that cannot be read does not stop the others.
    }
  }
  return events;
}

/**
 * A CalDAV object for an appointment and its overridden occurrences: no METHOD (a stored object,
 * not a message), and attendees marked SCHEDULE-AGENT=CLIENT so a scheduling server does not send
 * invitations of its own: the CRM sends them (decision 27).
 */
export function renderResource(master: InvitationSnapshot, overrides: readonly InvitationSnapshot[]): string {
  const calendar = calendarShell(null);
  addEvents(calendar, [master, ...overrides]);
  return calendar.toString();
}

/** A subscribable feed (METHOD PUBLISH): every appointment with its overridden occurrences. */
export function renderFeed(name: string, groups: readonly { master: InvitationSnapshot; overrides: readonly InvitationSnapshot[] }[]): string {
  const calendar = calendarShell(null);
  calendar.method(ICalCalendarMethod.PUBLISH).name(name).ttl(15 * 60);
  for (const g of groups) addEvents(calendar, [g.master, ...g.overrides]);
  return calendar.toString();
}

function addEvents(calendar: ICalCalendar, snapshots: readonly InvitationSnapshot[]): void {
  for (const s of snapshots) {
    calendar.createEvent({
      ...eventFields(s),
      status: ICalEventStatus.CONFIRMED,
      attendees: s.attendees.map((a) => ({ email: a.email, ...(a.name ? { name: a.name } : {}), role: ICalAttendeeRole.REQ, status: partstatOf(a.status), x: [['SCHEDULE-AGENT', 'CLIENT']] as [string, string][] })),
    });
  }
}
