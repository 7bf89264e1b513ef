import ICAL from 'ical.js';
import type { ParticipationStatus } from '../appointments/appointment-rules';

/** One attendee's answer, as an iTIP REPLY (RFC 5546) carries it. */
export interface ItipReply {
  uid: string;
  sequence: number;
  /** The occurrence answered, for an answer to one occurrence of a series. */
  recurrenceId: Date | null;
  attendee: string;
  status: ParticipationStatus;
  /** When the attendee's client made the answer: orders answers of one SEQUENCE. */
  stamp: Date;
}

const STATUSES: Record<string, ParticipationStatus> = { ACCEPTED: 'accepted', DECLINED: 'declined', TENTATIVE: 'tentative' };

/** The REPLY in an iCalendar object, or why it is none (another METHOD, no UID, not one attendee, an answer we do not record). */
export function parseReply(text: string): ItipReply | { ignored: string } {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    return { ignored: `unparsable iCalendar: ${(e as Error).message.slice(0, 200)}` };
  }
  const method = String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase();
  if (method !== 'REPLY') return { ignored: `METHOD ${method || 'missing'}, not REPLY` };
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const event = calendar.getFirstSubcomponent('vevent');
  const uid = event?.getFirstPropertyValue('uid');
  if (!event || typeof uid !== 'string' || uid.length === 0) return { ignored: 'no VEVENT with a UID' };
  const attendees = event.getAllProperties('attendee');
  if (attendees.length !== 1) return { ignored: `${attendees.length} ATTENDEE lines, not one` };
  const attendee = attendees[0]!;
  const address = String(attendee.getFirstValue() ?? '').replace(/^mailto:/i, '').trim().toLowerCase();
  const status = STATUSES[String(attendee.getParameter('partstat') ?? '').toUpperCase()];
  if (!address) return { ignored: 'ATTENDEE without an address' };
  if (!status) return { ignored: `PARTSTAT ${String(attendee.getParameter('partstat'))} is no answer recorded here` };
  const time = (name: string): Date | null => {
    const value = event.getFirstPropertyValue(name);
    return value instanceof ICAL.Time ? value.toJSDate() : null;
  };
  const sequence = Number(event.getFirstPropertyValue('sequence') ?? 0);
  return { uid, sequence: Number.isInteger(sequence) ? sequence : 0, recurrenceId: time('recurrence-id'), attendee: address, status, stamp: time('dtstamp') ?? new Date(0) };
}

/** The tenant a CRM-made UID names (`<uuid>@<tenant id>.pipewright`), or null for any other UID. */
export function tenantOfUid(uid: string): string | null {
  const match = /@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pipewright$/i.exec(uid);
  return match ? match[1]!.toLowerCase() : null;
}
