import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import ICAL from 'ical.js';
import { Mailer } from '@crm/mail';
import { KafkaProbe, stack, TENANTS } from '@crm/testing';
import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import type { crm } from '@crm/proto';
import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';
import { inbox, inboxWith, type ReceivedMail } from '../support/mail';
import { calendarIn, rsvpToken, rsvpTokenIn } from '../support/rsvp';

const MANAGER = USERS.acmeManager.username;
const ADMIN = USERS.acmeAdmin.username;
const run = Date.now().toString(36);
const guest = (name: string) => `${name}-${run}@guests.example`;
const LOGO = 'GIF89a the invitation logo';

/** The VEVENT of an iMIP mail and its calendar's METHOD. */
function eventIn(mail: ReceivedMail) {
  const calendar = new ICAL.Component(ICAL.parse(calendarIn(mail.source)));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const attendees = event.getAllProperties('attendee').map((p) => ({ address: String(p.getFirstValue()).toLowerCase(), partstat: p.getParameter('partstat'), rsvp: p.getParameter('rsvp') }));
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    summary: event.getFirstPropertyValue('summary'),
    status: event.getFirstPropertyValue('status'),
    organizer: String(event.getFirstPropertyValue('organizer')).toLowerCase(),
    dtstart: event.getFirstProperty('dtstart')!.toICALString(),
    rrule: event.getFirstProperty('rrule')?.toICALString() ?? null,
    timezones: calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    attendees,
  };
}

async function mailsFor(address: string, count: number): Promise<ReceivedMail[]> {
  return inboxWith(address, count);
}

/** What an attendee's calendar client sends back: an iTIP REPLY with their PARTSTAT, from `from` to the ORGANIZER. */
async function sendReply(answer: { uid: string; sequence: number; attendee: string; partstat: ICalAttendeeStatus; stamp?: Date }, from = answer.attendee) {
  const calendar = ical({ method: ICalCalendarMethod.REPLY, prodId: '//Attendee//Client//EN' });
  calendar.createEvent({
    id: answer.uid, sequence: answer.sequence, stamp: answer.stamp ?? new Date(), start: new Date('2027-05-05T08:00:00Z'), end: new Date('2027-05-05T09:00:00Z'), summary: 'Answer',
    organizer: { name: 'Organizer', email: 'calendar@pipewright.local' }, attendees: [{ email: answer.attendee, status: answer.partstat }],
  });
  const mailer = new Mailer({ smtpUrl: `smtp://127.0.0.1:${stack.MAIL_SMTP_PORT}`, from, timeoutMs: 10_000, tlsVerify: false });
  try {
    await mailer.send({ to: 'calendar@pipewright.local', from, subject: `Answer: ${answer.partstat}`, text: answer.partstat, calendar: { method: 'REPLY', content: calendar.toString() } });
  } finally {
    mailer.close();
  }
}

describe('appointment invitations (iMIP) and RSVP links', () => {
  const probe = new KafkaProbe([TOPICS.calendarAppointment]);
  beforeAll(async () => {
    await probe.start();
    expect((await api('PUT', '/v2/accounts/self/logo', { as: ADMIN, rawBody: new TextEncoder().encode(LOGO), headers: { 'content-type': 'image/gif' } })).status).toBe(200);
  });
  afterAll(async () => {
    await api('DELETE', '/v2/accounts/self/logo', { as: ADMIN });
    await probe.stop();
  });

  it('mails each external attendee an invitation with the iCalendar REQUEST, the logo and a link that answers without an account', async () => {
    const [ann, bob] = [guest('ann'), guest('bob')];
    const created = await api('POST', '/v2/appointments', {
      as: MANAGER,
      body: { data: { name: 'Quarterly review', starts_at: '2027-03-16T09:00:00Z', ends_at: '2027-03-16T10:00:00Z', time_zone: 'Europe/Berlin', recurrence: 'FREQ=WEEKLY;COUNT=3', location: 'HQ', attendees: [{ email: ann, name: 'Ann' }, { email: bob }, { user_id: USERS.acmeUser1.id }] } },
    });
    expect(created.status).toBe(200);
    const appointment = created.body.data;

    const [mail] = await mailsFor(ann, 1);
    expect(mail!.subject).toMatch(/^Invitation: Quarterly review @ /);
    expect(mail!.source).toMatch(/^Reply-To: calendar@pipewright\.local/m);
    expect(mail!.source).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(mail!.source).toContain('cid:account-logo');
    expect(mail!.source).toMatch(/Content-ID: <account-logo>/i);
    const event = eventIn(mail!);
    expect(event).toMatchObject({
      method: 'REQUEST', uid: appointment.uid, sequence: 0, summary: 'Quarterly review', status: 'CONFIRMED', organizer: 'mailto:calendar@pipewright.local',
      dtstart: 'DTSTART;TZID=Europe/Berlin:20270316T100000', rrule: 'RRULE:FREQ=WEEKLY;COUNT=3', timezones: ['Europe/Berlin'],
    });
    expect(event.attendees).toEqual(expect.arrayContaining([
      { address: `mailto:${ann}`, partstat: 'NEEDS-ACTION', rsvp: 'TRUE' },
      { address: `mailto:${bob}`, partstat: 'NEEDS-ACTION', rsvp: 'TRUE' },
    ]));
    // Users of the account see the appointment in their calendar: no mail.
    expect(await inbox('acme-user1@acme.example').then((m) => m.filter((x) => x.subject.includes('Quarterly review')))).toEqual([]);

    // The link: GET shows the invitation and changes nothing; POST answers.
    const token = rsvpTokenIn(mail!.source);
    const page = await api('GET', `/public/rsvp/${token}`, {});
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('Quarterly review');
    expect((await api('GET', `/v2/appointments/${appointment.id}`, { as: MANAGER })).body.data.attendees.find((a: { email: string }) => a.email === ann).status).toBe('needs-action');
    const answered = await api('POST', `/public/rsvp/${token}`, { body: { data: { status: 'accepted' } } });
    expect(answered.status).toBe(200);
    expect(answered.body.data).toMatchObject({ name: 'Quarterly review', attendee_email: ann, status: 'accepted', appointment_status: 'confirmed' });
    const form = await api('POST', `/public/rsvp/${rsvpTokenIn((await mailsFor(bob, 1))[0]!.source)}`, { rawBody: new TextEncoder().encode('status=declined'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(200);
    expect(String(form.body)).toContain('you declined');
    const statuses = (await api('GET', `/v2/appointments/${appointment.id}`, { as: MANAGER })).body.data.attendees.map((a: { email: string; status: string }) => [a.email, a.status]);
    expect(statuses).toEqual(expect.arrayContaining([[ann, 'accepted'], [bob, 'declined']]));
    const replies = await probe.waitFor((r) => r.key === String(appointment.id) && r.headers.ce_type === 'com.pipewright.crm.calendar.appointment.attendee-replied.v1', 2);
    expect(replies).toHaveLength(2);
    for (const r of replies) expect(r.headers.ce_tenantid).toBe(TENANTS.acme);
  });

  it('re-sends with a higher SEQUENCE on a change, sends CANCEL to a removed attendee and to everyone on cancellation', async () => {
    const [carol, dan] = [guest('carol'), guest('dan')];
    const created = await api('POST', '/v2/appointments', { as: MANAGER, body: { data: { name: 'Site visit', starts_at: '2027-05-04T08:00:00Z', ends_at: '2027-05-04T09:00:00Z', attendees: [{ email: carol }, { email: dan }] } } });
    const id = created.body.data.id;
    await mailsFor(carol, 1);
    await mailsFor(dan, 1);

    const moved = await api('PUT', `/v2/appointments/${id}`, { as: MANAGER, body: { data: { starts_at: '2027-05-05T08:00:00Z', ends_at: '2027-05-05T09:00:00Z', attendees: [{ email: carol }] } } });
    expect(moved.body.data.sequence).toBe(1);
    const carolMails = await mailsFor(carol, 2);
    expect(carolMails[1]!.subject).toMatch(/^Updated invitation: Site visit/);
    expect(eventIn(carolMails[1]!)).toMatchObject({ method: 'REQUEST', sequence: 1, dtstart: 'DTSTART:20270505T080000Z' });
    const danMails = await mailsFor(dan, 2);
    expect(danMails[1]!.subject).toMatch(/^Cancelled: Site visit/);
    expect(eventIn(danMails[1]!)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', attendees: [{ address: `mailto:${dan}`, partstat: 'NEEDS-ACTION', rsvp: undefined }] });
    expect(danMails[1]!.source).toContain('removed you from this appointment');

    // A removed attendee's link no longer answers.
    expect((await api('POST', `/public/rsvp/${rsvpTokenIn(danMails[0]!.source)}`, { body: { data: { status: 'accepted' } } })).status).toBe(404);

    expect((await api('DELETE', `/v2/appointments/${id}`, { as: MANAGER })).status).toBe(204);
    const cancelled = await mailsFor(carol, 3);
    expect(eventIn(cancelled[2]!)).toMatchObject({ method: 'CANCEL', sequence: 2, status: 'CANCELLED' });
    // An answer to a cancelled appointment is refused, and the page says so.
    const late = await api('POST', `/public/rsvp/${rsvpTokenIn(carolMails[0]!.source)}`, { body: { data: { status: 'accepted' } } });
    expectError(late, 422, 'incorrect_value');
    expect(String((await api('GET', `/public/rsvp/${rsvpTokenIn(carolMails[0]!.source)}`, {})).body)).toContain('cancelled');
  });

  it('refuses forged, altered and foreign tokens and bad answers, changing nothing', async () => {
    const erin = guest('erin');
    const created = await api('POST', '/v2/appointments', { as: MANAGER, body: { data: { name: 'Forgery check', starts_at: '2027-06-01T08:00:00Z', ends_at: '2027-06-01T09:00:00Z', attendees: [{ email: erin }] } } });
    const id = created.body.data.id;
    const claim = { tenantId: TENANTS.acme, appointmentId: id, email: erin };
    const forged = rsvpToken(claim, 'another-key-of-the-same-length-0123456789abcdef');
    const otherAttendee = rsvpToken({ ...claim, email: 'nobody@guests.example' });
    const otherTenant = rsvpToken({ ...claim, tenantId: TENANTS.globex });
    const valid = rsvpToken(claim);
    const altered = `${valid.slice(0, -2)}${valid.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const token of [forged, otherAttendee, otherTenant, altered, 'not-a-token', 'a.b.c']) {
      const res = await api('POST', `/public/rsvp/${token}`, { body: { data: { status: 'accepted' } } });
      expect([token, res.status]).toEqual([token, 404]);
      expect((await api('GET', `/public/rsvp/${token}`, {})).status).toBe(404);
    }
    expectError(await api('POST', `/public/rsvp/${valid}`, { body: { data: { status: 'maybe' } } }), 422, 'incorrect_value', '/data/status');
    expect((await api('POST', `/public/rsvp/${valid}`, { rawBody: new TextEncoder().encode('status=sure'), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(422);
    const after = await eventually(() => api('GET', `/v2/appointments/${id}`, { as: MANAGER }), (r) => r.status === 200);
    expect(after.body.data.attendees).toEqual([expect.objectContaining({ email: erin, status: 'needs-action' })]);
  });

  it('applies an iTIP REPLY by mail from the attendee to the current SEQUENCE, and ignores stale, out-of-order and foreign ones', async () => {
    const frank = guest('frank');
    const created = await api('POST', '/v2/appointments', { as: MANAGER, body: { data: { name: 'Answer by mail', starts_at: '2027-07-01T08:00:00Z', ends_at: '2027-07-01T09:00:00Z', attendees: [{ email: frank }] } } });
    const { id, uid } = created.body.data;
    const statusOf = async () => (await api('GET', `/v2/appointments/${id}`, { as: MANAGER })).body.data.attendees[0].status;

    await sendReply({ uid, sequence: 0, attendee: frank, partstat: ICalAttendeeStatus.ACCEPTED });
    expect(await eventually(statusOf, (s) => s === 'accepted', 30_000)).toBe('accepted');

    // A new time asks again (SEQUENCE 1); then: an answer to SEQUENCE 0, one sent by someone else,
    // one to SEQUENCE 1 dated before the answer on file, and last a current one.
    expect((await api('PUT', `/v2/appointments/${id}`, { as: MANAGER, body: { data: { starts_at: '2027-07-02T08:00:00Z', ends_at: '2027-07-02T09:00:00Z' } } })).body.data.sequence).toBe(1);
    expect(await statusOf()).toBe('needs-action');
    await sendReply({ uid, sequence: 0, attendee: frank, partstat: ICalAttendeeStatus.DECLINED });
    await sendReply({ uid, sequence: 1, attendee: frank, partstat: ICalAttendeeStatus.DECLINED }, guest('mallory'));
    await sendReply({ uid, sequence: 1, attendee: frank, partstat: ICalAttendeeStatus.TENTATIVE });
    expect(await eventually(statusOf, (s) => s === 'tentative', 30_000)).toBe('tentative');
    await sendReply({ uid, sequence: 1, attendee: frank, partstat: ICalAttendeeStatus.DECLINED, stamp: new Date(Date.now() - 3_600_000) });
    // A last current answer (within the same second, as clients stamp whole seconds) shows the one
    // before it was read (messages are read in order) and ignored.
    await sendReply({ uid, sequence: 1, attendee: frank, partstat: ICalAttendeeStatus.ACCEPTED });
    expect(await eventually(statusOf, (s) => s === 'accepted', 30_000)).toBe('accepted');

    const replies = (await probe.waitFor((r) => r.key === String(id) && r.headers.ce_type === 'com.pipewright.crm.calendar.appointment.attendee-replied.v1', 3))
      .map((r) => decodePayload<crm.calendar.v1.AppointmentAttendeeReplied>(parseCloudEvent(r.topic, r.key, r.value, r.headers)));
    expect(replies.map((r) => [r.status, r.via, r.attendeeEmail])).toEqual([['accepted', 'email', frank], ['tentative', 'email', frank], ['accepted', 'email', frank]]);
  });
});
