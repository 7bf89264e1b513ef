import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import type { FieldViolation } from '@crm/errors';

/** What the rules need of an appointment: when, in which zone, and how it repeats. */
export interface AppointmentTiming {
  startsAt: Date;
  endsAt: Date;
  /** IANA zone the appointment is planned in; recurrences keep its wall-clock time across DST changes. */
  timeZone: string;
  allDay: boolean;
  /** An RFC 5545 RRULE value without the `RRULE:` prefix, e.g. `FREQ=WEEKLY;BYDAY=TU;COUNT=10`. */
  rrule: string | null;
  /** Occurrences removed from the series, by their original start. */
  exdates: Date[];
}

export interface Occurrence {
  /** The occurrence's original start (its RECURRENCE-ID); the series' start for a single appointment. */
  recurrenceId: Date;
  startsAt: Date;
  endsAt: Date;
}

const MAX_DURATION_MS = 366 * 86_400_000;
const MAX_OCCURRENCES = 5_000;

export function isTimeZone(zone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

function zoned(at: Date, zone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(zone);
}

function ruleOf(t: AppointmentTiming): RRuleTemporal {
  return new RRuleTemporal({ rruleString: t.rrule!, dtstart: zoned(t.startsAt, t.timeZone) as never, exDate: t.exdates.map((d) => zoned(d, t.timeZone)) as never, temporal: Temporal as never, maxIterations: 100_000 });
}

/**
 * The violations of an appointment's timing: an end after its start (an all-day appointment spans
 * whole days in its zone), a known IANA zone, at most a year long, and a recurrence rule that parses,
 * repeats no more often than daily and starts on one of its own occurrences.
 */
export function checkTiming(t: AppointmentTiming): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (!isTimeZone(t.timeZone)) {
    violations.push({ field: 'time_zone', code: 'incorrect_value', message: 'is not an IANA time zone such as Europe/Berlin' });
    return violations;
  }
  const span = t.endsAt.getTime() - t.startsAt.getTime();
  if (span <= 0) violations.push({ field: 'ends_at', code: 'incorrect_value', message: 'must be after starts_at' });
  else if (span > MAX_DURATION_MS) violations.push({ field: 'ends_at', code: 'incorrect_value', message: 'must be within a year of starts_at' });
  if (t.allDay) {
    const [start, end] = [zoned(t.startsAt, t.timeZone), zoned(t.endsAt, t.timeZone)];
    if (start.hour + start.minute + start.second !== 0 || end.hour + end.minute + end.second !== 0) {
      violations.push({ field: 'all_day', code: 'incorrect_value', message: 'an all-day appointment starts and ends at midnight in its time zone' });
    }
  }
  if (t.rrule !== null) {
    const rule = t.rrule.trim().replace(/^RRULE:/i, '');
    if (!/^[A-Z0-9=;,:+-]{1,500}$/i.test(rule) || /FREQ=(HOURLY|MINUTELY|SECONDLY)/i.test(rule)) {
      violations.push({ field: 'rrule', code: 'incorrect_value', message: 'must be an RFC 5545 RRULE repeating daily at most, e.g. FREQ=WEEKLY;BYDAY=TU' });
    } else {
      try {
        const first = ruleOf({ ...t, rrule: rule, exdates: [] }).all((_d, i) => i < 1)[0];
        if (!first || first.epochMilliseconds !== t.startsAt.getTime()) violations.push({ field: 'rrule', code: 'incorrect_value', message: 'must have starts_at as its first occurrence' });
      } catch (e) {
        violations.push({ field: 'rrule', code: 'incorrect_value', message: `does not parse: ${(e as Error).message.slice(0, 200)}` });
      }
    }
  }
  return violations;
}

/**
 * The occurrences that overlap [from, to): a single appointment once, a series expanded in its
 * zone (so 10:00 in Berlin stays 10:00 across a DST change) without its EXDATEs. At most 5,000.
 */
export function occurrencesBetween(t: AppointmentTiming, from: Date, to: Date): Occurrence[] {
  const duration = t.endsAt.getTime() - t.startsAt.getTime();
  if (t.rrule === null) return t.startsAt < to && t.endsAt > from ? [{ recurrenceId: t.startsAt, startsAt: t.startsAt, endsAt: t.endsAt }] : [];
  // An occurrence that starts before `from` still overlaps when it ends after it.
  const starts = ruleOf(t).between(new Date(from.getTime() - duration + 1), new Date(to.getTime() - 1), true);
  return starts.slice(0, MAX_OCCURRENCES).map((z) => {
    const start = new Date(z.epochMilliseconds);
    return { recurrenceId: start, startsAt: start, endsAt: new Date(start.getTime() + duration) };
  });
}
