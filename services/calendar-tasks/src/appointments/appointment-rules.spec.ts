import { checkTiming, isTimeZone, occurrencesBetween, type AppointmentTiming } from './appointment-rules';

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
    expect(checkTiming({ ...weekly, rrule: 'FREQ=SOMETIMES' }).map((v) => v.field)).toEqual(['rrule']);
    expect(checkTiming({ ...weekly, rrule: 'FREQ=MINUTELY' }).map((v) => v.field)).toEqual(['rrule']);
    expect(checkTiming({ ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=WE' }).map((v) => v.field)).toEqual(['rrule']);
    expect(isTimeZone('America/New_York')).toBe(true);
  });

  it('keeps all-day appointments to whole days of their zone', () => {
    const day = { ...weekly, rrule: null, allDay: true, startsAt: new Date('2027-03-15T23:00:00Z'), endsAt: new Date('2027-03-16T23:00:00Z') };
    expect(checkTiming(day)).toEqual([]);
    expect(checkTiming({ ...day, startsAt: new Date('2027-03-16T00:00:00Z') }).map((v) => v.field)).toEqual(['all_day']);
  });
});
