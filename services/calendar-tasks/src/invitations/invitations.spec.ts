import ICAL from 'ical.js';
import { planInvitations } from './invitation-plan';
import { renderCalendar, renderInvitationMail, type InvitationSnapshot } from './itip';
import { parseReply, tenantOfUid } from './itip-reply';
import { signRsvp, verifyRsvp } from './rsvp-token';

const KEY = 'unit-test-key-0123456789abcdef0123456789';
const snapshot: InvitationSnapshot = {
  appointmentId: '7', uid: 'u-1@tenant.pipewright', sequence: 2, name: 'Review <Q1>', description: 'Agenda', location: 'HQ',
  startsAt: '2027-03-30T08:00:00.000Z', endsAt: '2027-03-30T09:00:00.000Z', timeZone: 'Europe/Berlin', allDay: false,
  rrule: 'FREQ=WEEKLY;COUNT=4', exdates: ['2027-04-06T08:00:00.000Z'], recurrenceId: null, ownerId: '3', organizerName: 'Ann Owner',
  attendees: [{ email: 'guest@example.com', name: 'Guest', status: 'accepted' }],
};

describe('RSVP tokens', () => {
  it('verify what they signed and nothing else', () => {
    const claim = { tenantId: '11111111-1111-4111-8111-111111111111', appointmentId: '42', email: 'a@example.com' };
    const token = signRsvp(claim, KEY);
    expect(verifyRsvp(token, KEY)).toEqual(claim);
    expect(verifyRsvp(token, `${KEY}x`)).toBeNull();
    const [body, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ t: claim.tenantId, a: '43', e: claim.email })).toString('base64url');
    expect(verifyRsvp(`${other}.${mac}`, KEY)).toBeNull();
    expect(verifyRsvp(`${body}`, KEY)).toBeNull();
    expect(verifyRsvp(`${body}.${mac}.x`, KEY)).toBeNull();
  });
});

describe('iMIP rendering', () => {
  it('writes the event in its zone with its VTIMEZONE, RRULE and EXDATE, the organizer and RSVP attendees', () => {
    const text = renderCalendar(snapshot, 'REQUEST', 'calendar@crm.example', 'guest@example.com', 'https://crm.example/public/rsvp/t');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    expect(event.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART;TZID=Europe/Berlin:20270330T100000');
    expect(event.getFirstProperty('exdate')!.toICALString()).toBe('EXDATE;TZID=Europe/Berlin:20270406T100000');
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(String(event.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:calendar@crm.example');
    const attendee = event.getFirstProperty('attendee')!;
    expect([attendee.getParameter('partstat'), attendee.getParameter('rsvp')]).toEqual(['ACCEPTED', 'TRUE']);
  });

  it('names only the removed attendee in a CANCEL to them, and escapes the HTML', () => {
    const text = renderCalendar(snapshot, 'CANCEL', 'calendar@crm.example', 'gone@example.com', null);
    const event = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    expect(event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase())).toEqual(['mailto:gone@example.com']);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    const mail = renderInvitationMail(snapshot, 'CANCEL', true, null, false);
    expect(mail.subject).toMatch(/^Cancelled: Review <Q1> @ Tue, 30 Mar 2027 10:00–11:00 \(Europe\/Berlin\)$/);
    expect(mail.html).toContain('Review &#60;Q1&#62;');
    expect(mail.text).toContain('Ann Owner removed you from this appointment.');
  });
});

describe('invitation plan', () => {
  it('mails everyone when created or changed visibly, only newcomers otherwise, and CANCEL to those removed', () => {
    expect(planInvitations({ kind: 'created', before: [], after: ['a', 'b'], sequenceRaised: false }).map((p) => [p.recipient, p.method])).toEqual([['a', 'REQUEST'], ['b', 'REQUEST']]);
    expect(planInvitations({ kind: 'updated', before: ['a', 'b'], after: ['a', 'c'], sequenceRaised: false }).map((p) => [p.recipient, p.method, p.removed])).toEqual([['c', 'REQUEST', false], ['b', 'CANCEL', true]]);
    expect(planInvitations({ kind: 'updated', before: ['a'], after: ['a'], sequenceRaised: true }).map((p) => p.recipient)).toEqual(['a']);
    expect(planInvitations({ kind: 'cancelled', before: ['a', 'b'], after: [], sequenceRaised: true }).map((p) => p.method)).toEqual(['CANCEL', 'CANCEL']);
  });
});

describe('iTIP REPLY', () => {
  const reply = (lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
  const event = (attendees: string[], extra: string[] = []) => ['BEGIN:VEVENT', 'UID:abc@11111111-1111-4111-8111-111111111111.pipewright', 'SEQUENCE:3', 'DTSTAMP:20270101T120000Z', 'DTSTART:20270102T090000Z', ...attendees, ...extra, 'END:VEVENT'];

  it('reads the UID, SEQUENCE, the one attendee\'s answer and its DTSTAMP', () => {
    expect(parseReply(reply(['METHOD:REPLY', ...event(['ATTENDEE;PARTSTAT=TENTATIVE:MAILTO:Guest@Example.com'])]))).toEqual({
      uid: 'abc@11111111-1111-4111-8111-111111111111.pipewright', sequence: 3, recurrenceId: null, attendee: 'guest@example.com', status: 'tentative', stamp: new Date('2027-01-01T12:00:00Z'),
    });
    expect(parseReply(reply(['METHOD:REPLY', ...event(['ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.com'], ['RECURRENCE-ID:20270109T090000Z'])]))).toMatchObject({ recurrenceId: new Date('2027-01-09T09:00:00Z') });
  });

  it('says why it ignores anything else', () => {
    expect(parseReply(reply(['METHOD:REQUEST', ...event(['ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.com'])]))).toEqual({ ignored: 'METHOD REQUEST, not REPLY' });
    expect(parseReply(reply(['METHOD:REPLY', ...event(['ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.com', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:b@example.com'])]))).toEqual({ ignored: '2 ATTENDEE lines, not one' });
    expect(parseReply(reply(['METHOD:REPLY', ...event(['ATTENDEE;PARTSTAT=DELEGATED:mailto:a@example.com'])]))).toEqual({ ignored: 'PARTSTAT DELEGATED is no answer recorded here' });
    expect('ignored' in parseReply('not iCalendar at all')).toBe(true);
  });

  it('finds the tenant in a UID the CRM made, and none in others', () => {
    expect(tenantOfUid('abc@11111111-1111-4111-8111-111111111111.pipewright')).toBe('11111111-1111-4111-8111-111111111111');
    expect(tenantOfUid('040000008200E00074C5B7101A82E008@outlook.com')).toBeNull();
    expect(tenantOfUid('abc@11111111-1111-4111-8111-111111111111.pipewright.evil')).toBeNull();
  });
});
