import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalCalendar, type ICalEventData } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import { tzlib_get_ical_block } from 'timezones-ical-library';

/** An appointment as an invitation shows it, taken when its change committed. */
export interface InvitationSnapshot {
  appointmentId: string;
  uid: string;
  sequence: number;
  name: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  allDay: boolean;
  rrule: string | null;
  exdates: string[];
  /** The original start of an overridden occurrence. */
  recurrenceId: string | null;
  ownerId: string;
  organizerName: string;
  attendees: { email: string; name: string; status: string }[];
}

export type InvitationMethod = 'REQUEST' | 'CANCEL';

const PARTSTAT: Record<string, ICalAttendeeStatus> = {
  'needs-action': ICalAttendeeStatus.NEEDSACTION,
  accepted: ICalAttendeeStatus.ACCEPTED,
  declined: ICalAttendeeStatus.DECLINED,
  tentative: ICalAttendeeStatus.TENTATIVE,
};

/** Wall-clock time of an instant in a zone, as iCalendar's local DATE-TIME with TZID expects it. */
function wallClock(iso: string, zone: string, dateOnly: boolean): string {
  const local = Temporal.Instant.from(iso).toZonedDateTimeISO(zone).toPlainDateTime();
  return dateOnly ? local.toPlainDate().toString() : local.toString({ smallestUnit: 'second' });
}

function compact(iso: string, zone: string): string {
  return wallClock(iso, zone, false).replace(/[-:]/g, '');
}

const isUtc = (zone: string) => zone === 'UTC' || zone === 'Etc/UTC';

/** A VCALENDAR with the CRM's PRODID, the VTIMEZONEs its events name and, for iTIP, a METHOD (none for a CalDAV object). */
export function calendarShell(method: InvitationMethod | null): ICalCalendar {
  return ical({
    prodId: { company: 'Pipewright', product: 'CRM', language: 'EN' },
    ...(method ? { method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL } : {}),
    timezone: { name: null, generator: (zone) => (isUtc(zone) ? null : (tzlib_get_ical_block(zone)[0] ?? null)) },
  });
}

/** The VEVENT properties of an appointment: identity, time in its own zone, recurrence, text. */
export function eventFields(s: InvitationSnapshot): ICalEventData {
  const exdate = s.exdates.length === 0 ? null
    : isUtc(s.timeZone) ? `EXDATE:${s.exdates.map((d) => `${compact(d, 'UTC')}Z`).join(',')}`
    : `EXDATE;TZID=${s.timeZone}:${s.exdates.map((d) => compact(d, s.timeZone)).join(',')}`;
  const recurrence = s.rrule ? [`RRULE:${s.rrule}`, ...(exdate ? [exdate] : [])].join('\n') : null;
  return {
    id: s.uid,
    sequence: s.sequence,
    stamp: new Date(),
    start: wallClock(s.startsAt, s.timeZone, s.allDay),
    end: wallClock(s.endsAt, s.timeZone, s.allDay),
    allDay: s.allDay,
    ...(s.allDay ? {} : { timezone: s.timeZone }),
    summary: s.name,
    ...(s.description ? { description: s.description } : {}),
    ...(s.location ? { location: s.location } : {}),
    ...(recurrence ? { repeating: recurrence } : {}),
    ...(s.recurrenceId ? { recurrenceId: wallClock(s.recurrenceId, s.timeZone, false) } : {}),
  };
}

/** An attendee's PARTSTAT from the API's participation status. */
export function partstatOf(status: string): ICalAttendeeStatus {
  return PARTSTAT[status] ?? ICalAttendeeStatus.NEEDSACTION;
}

/**
 * The iCalendar object of an iMIP message (RFC 5546/6047): METHOD REQUEST (an invitation or an
 * update) or CANCEL, the event in its own zone with its VTIMEZONE, the organizer at the CRM's
 * calendar address, and the attendees. A CANCEL to a removed attendee names only them.
 */
export function renderCalendar(s: InvitationSnapshot, method: InvitationMethod, organizerAddress: string, recipient: string, rsvpUrl: string | null): string {
  const calendar = calendarShell(method);
  const attendees = method === 'CANCEL' && !s.attendees.some((a) => a.email === recipient) ? [{ email: recipient, name: '', status: 'needs-action' }] : s.attendees;
  calendar.createEvent({
    ...eventFields(s),
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: s.organizerName || 'Pipewright', email: organizerAddress },
    attendees: attendees.map((a) => ({ email: a.email, ...(a.name ? { name: a.name } : {}), role: ICalAttendeeRole.REQ, status: partstatOf(a.status), rsvp: method === 'REQUEST' })),
    ...(rsvpUrl && method === 'REQUEST' ? { url: rsvpUrl } : {}),
  });
  return calendar.toString();
}

/** When the appointment (a series: its first occurrence) takes place, in its zone, for people. */
export function describeWhen(s: Pick<InvitationSnapshot, 'startsAt' | 'endsAt' | 'timeZone' | 'allDay'>): string {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: s.timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: s.timeZone, hour: '2-digit', minute: '2-digit' });
  const [start, end] = [new Date(s.startsAt), new Date(s.endsAt)];
  return s.allDay ? `${day.format(start)} (all day)` : `${day.format(start)} ${time.format(start)}–${time.format(end)} (${s.timeZone})`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Subject, text and HTML of an invitation mail; the HTML shows the account's logo when it has one (`cid:account-logo`). */
export function renderInvitationMail(s: InvitationSnapshot, method: InvitationMethod, removed: boolean, rsvpUrl: string | null, withLogo: boolean): { subject: string; text: string; html: string } {
  const when = describeWhen(s);
  const subject = method === 'CANCEL' ? `Cancelled: ${s.name} @ ${when}` : s.sequence > 0 ? `Updated invitation: ${s.name} @ ${when}` : `Invitation: ${s.name} @ ${when}`;
  const lead = method === 'CANCEL'
    ? removed ? `${s.organizerName} removed you from this appointment.` : `${s.organizerName} cancelled this appointment.`
    : `${s.organizerName} invites you to this appointment.`;
  const lines = [lead, '', s.name, `When: ${when}`, ...(s.rrule ? [`Repeats: ${s.rrule}`] : []), ...(s.location ? [`Where: ${s.location}`] : []), ...(s.description ? ['', s.description] : [])];
  const answer = rsvpUrl && method === 'REQUEST' ? ['', `Answer (accept, decline or maybe): ${rsvpUrl}`] : [];
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    withLogo ? '<p><img src="cid:account-logo" alt="" style="max-height:48px"></p>' : '',
    `<p>${escapeHtml(lead)}</p>`,
    `<h2>${escapeHtml(s.name)}</h2>`,
    `<p>When: ${escapeHtml(when)}${s.rrule ? `<br>Repeats: ${escapeHtml(s.rrule)}` : ''}${s.location ? `<br>Where: ${escapeHtml(s.location)}` : ''}</p>`,
    s.description ? `<p style="white-space:pre-wrap">${escapeHtml(s.description)}</p>` : '',
    rsvpUrl && method === 'REQUEST' ? `<p><a href="${escapeHtml(rsvpUrl)}">Answer: accept, decline or maybe</a></p>` : '',
    '</body></html>',
  ].join('');
  return { subject, text: [...lines, ...answer].join('\n'), html };
}
