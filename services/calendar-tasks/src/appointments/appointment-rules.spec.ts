import {
  applyAppointmentChanges,
  changedAppointmentFields,
  checkAttendees,
  checkTiming,
  isOccurrenceOf,
  isTimeZone,
  nextReminder,
  occurrencesBetween,
  type AppointmentState,
  type AppointmentTiming,
} from './appointment-rules';

const weekly: AppointmentTiming = {
  // Tuesday 16 March 2027, 10:00 in Berlin (CET, UTC+1); Berlin moves to CEST on 28 March.
  startsAt: new Date('2027-03-16T09:00:00Z'),
  endsAt: new Date('2027-03-16T10:00:00Z'),
  timeZone: 'Europe/Berlin',
  allDay: false,
  rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
  exdates: [],
};
const iso = (o: { startsAt: Date; endsAt: Date }[]) => o.map((x) => [x.startsAt.toISOString(), x.endsAt.toISOString()]);

describe('appointment timing', () => {
  it('expands a weekly series at the same wall-clock time across a daylight-saving change', () => {
    expect(iso(occurrencesBetween(weekly, new Date('2027-03-01T00:00:00Z'), new Date('2027-05-01T00:00:00Z')))).toEqual([
      ['2027-03-16T09:00:00.000Z', '2027-03-16T10:00:00.000Z'],
      ['2027-03-23T09:00:00.000Z', '2027-03-23T10:00:00.000Z'],
      ['2027-03-30T08:00:00.000Z', '2027-03-30T09:00:00.000Z'],
      ['2027-04-06T08:00:00.000Z', '2027-04-06T09:00:00.000Z'],
    ]);
  });

  it('leaves out EXDATEs and keeps to the range, including an occurrence already running at its start', () => {
    const withExdate = { ...weekly, exdates: [new Date('2027-03-23T09:00:00Z')] };
    expect(iso(occurrencesBetween(withExdate, new Date('2027-03-16T09:30:00Z'), new Date('2027-03-31T00:00:00Z')))).toEqual([
      ['2027-03-16T09:00:00.000Z', '2027-03-16T10:00:00.000Z'],
      ['2027-03-30T08:00:00.000Z', '2027-03-30T09:00:00.000Z'],
    ]);
  });

  it('answers a single appointment when it overlaps the range', () => {
    const single = { ...weekly, rrule: null };
    expect(occurrencesBetween(single, new Date('2027-03-16T09:59:00Z'), new Date('2027-03-17T00:00:00Z'))).toHaveLength(1);
    expect(occurrencesBetween(single, new Date('2027-03-16T10:00:00Z'), new Date('2027-03-17T00:00:00Z'))).toHaveLength(0);
  });

  it('refuses an end before the start, an unknown zone, a bad or too frequent rule and one not starting at starts_at', () => {
    expect(checkTiming(weekly)).toEqual([]);
    expect(checkTiming({ ...weekly, endsAt: weekly.startsAt }).map((v) => v.field)).toEqual(['ends_at']);
    expect(checkTiming({ ...weekly, timeZone: 'Mars/Olympus' }).map((v) => v.field)).toEqual(['time_zone']);
    expect(checkTiming({ ...weekly, rrule: 'FREQ=SOMETIMES' }).map((v) => v.field)).toEqual(['recurrence']);
    expect(checkTiming({ ...weekly, rrule: 'FREQ=MINUTELY' }).map((v) => v.field)).toEqual(['recurrence']);
    expect(checkTiming({ ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=WE' }).map((v) => v.field)).toEqual(['recurrence']);
    expect(isTimeZone('America/New_York')).toBe(true);
  });

  it('keeps all-day appointments to whole days of their zone', () => {
    const day = { ...weekly, rrule: null, allDay: true, startsAt: new Date('2027-03-15T23:00:00Z'), endsAt: new Date('2027-03-16T23:00:00Z') };
    expect(checkTiming(day)).toEqual([]);
    expect(checkTiming({ ...day, startsAt: new Date('2027-03-16T00:00:00Z') }).map((v) => v.field)).toEqual(['all_day']);
  });
});

const base: AppointmentState = {
  name: 'Demo', description: '', location: '', starts_at: new Date('2027-03-16T09:00:00Z'), ends_at: new Date('2027-03-16T10:00:00Z'), time_zone: 'Europe/Berlin',
  all_day: false, rrule: null, exdates: [], resource_type: null, resource_id: null, owner_id: '7', reminder_preset: null,
};
const fields = (v: { field: string }[]) => v.map((x) => x.field);

describe('appointment changes', () => {
  it('trims text, normalises the recurrence and drops EXDATEs from a single appointment', () => {
    const { state, violations } = applyAppointmentChanges(base, { name: '  Review ', recurrence: 'rrule:freq=weekly;byday=tu', exdates: [new Date('2027-03-23T09:00:00Z'), new Date('2027-03-23T09:00:00Z')] });
    expect(violations).toEqual([]);
    expect(state).toMatchObject({ name: 'Review', rrule: 'FREQ=WEEKLY;BYDAY=TU', exdates: [new Date('2027-03-23T09:00:00Z')] });
    expect(applyAppointmentChanges(state, { recurrence: null }).state).toMatchObject({ rrule: null, exdates: [] });
  });

  it('refuses a blank name, a missing start, an unknown preset and a half record, each by its field', () => {
    const { violations } = applyAppointmentChanges(base, { name: ' ', starts_at: null, reminder: 'soonish', resource_type: 'lead' });
    expect(fields(violations).sort()).toEqual(['name', 'reminder', 'resource_id', 'starts_at']);
  });

  it('checks the timing of the result: an end moved before the start is refused', () => {
    expect(fields(applyAppointmentChanges(base, { ends_at: new Date('2027-03-16T08:00:00Z') }).violations)).toEqual(['ends_at']);
  });

  it('names the attributes that changed, by their API names', () => {
    const { state } = applyAppointmentChanges(base, { location: 'Room 2', recurrence: 'FREQ=DAILY', reminder: '1_hour_before' });
    expect(changedAppointmentFields(base, state)).toEqual(['location', 'recurrence', 'reminder']);
    expect(changedAppointmentFields(state, { ...state, exdates: [new Date('2027-03-17T09:00:00Z')] })).toEqual(['exdates']);
  });
});

describe('attendees', () => {
  it('accepts users and addresses, refusing a bad address and one listed twice by index', () => {
    expect(checkAttendees([{ user_id: '4' }, { email: 'a@example.com' }])).toEqual([]);
    expect(fields(checkAttendees([{ email: 'a@example.com' }, { email: 'nobody' }, { email: 'A@example.com' }]))).toEqual(['attendees.1.email', 'attendees.2.email']);
    expect(fields(checkAttendees(Array.from({ length: 101 }, (_, i) => ({ email: `p${i}@example.com` }))))).toEqual(['attendees']);
  });
});

describe('reminders and occurrences of a series', () => {
  const daily: AppointmentTiming = { ...weekly, rrule: 'FREQ=DAILY;COUNT=5' };

  it('finds the next reminder still ahead, and the one after a fired occurrence', () => {
    const now = new Date('2027-03-17T08:30:00Z');
    expect(nextReminder(daily, '1_hour_before', now)).toEqual({ occurrence: new Date('2027-03-18T09:00:00Z'), remindAt: new Date('2027-03-18T08:00:00Z') });
    expect(nextReminder(daily, 'at_due_time', now)).toEqual({ occurrence: new Date('2027-03-17T09:00:00Z'), remindAt: new Date('2027-03-17T09:00:00Z') });
    expect(nextReminder(daily, 'at_due_time', now, { after: new Date('2027-03-17T09:00:00Z') })?.occurrence).toEqual(new Date('2027-03-18T09:00:00Z'));
    expect(nextReminder(daily, 'at_due_time', new Date('2027-03-21T00:00:00Z'))).toBeNull();
  });

  it('knows which instants start an occurrence', () => {
    expect(isOccurrenceOf(weekly, new Date('2027-03-30T08:00:00Z'))).toBe(true);
    expect(isOccurrenceOf(weekly, new Date('2027-03-30T09:00:00Z'))).toBe(false);
    expect(isOccurrenceOf(weekly, new Date('2027-04-13T08:00:00Z'))).toBe(false);
  });
});
