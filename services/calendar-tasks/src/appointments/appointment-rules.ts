import { randomUUID } from 'node:crypto';
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import type { FieldViolation } from '@crm/errors';
import { applyRecordChange, checkYearRange } from '../records/record-rules';
import { isReminderPreset, REMINDER_PRESETS, remindAtFor, type ReminderPreset } from '../reminders/reminder-presets';

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
      violations.push({ field: 'recurrence', code: 'incorrect_value', message: 'must be an RFC 5545 RRULE repeating daily at most, e.g. FREQ=WEEKLY;BYDAY=TU' });
    } else {
      try {
        const first = ruleOf({ ...t, rrule: rule, exdates: [] }).all((_d, i) => i < 1)[0];
        if (!first || first.epochMilliseconds !== t.startsAt.getTime()) violations.push({ field: 'recurrence', code: 'incorrect_value', message: 'must have starts_at as its first occurrence' });
      } catch (e) {
        violations.push({ field: 'recurrence', code: 'incorrect_value', message: `does not parse: ${(e as Error).message.slice(0, 200)}` });
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

/** The next occurrence starting after `after` (exclusive), or null when the series has ended. */
export function nextOccurrenceStart(t: AppointmentTiming, after: Date): Date | null {
  if (t.rrule === null) return t.startsAt > after ? t.startsAt : null;
  const next = ruleOf(t).next(after, false);
  return next ? new Date(next.epochMilliseconds) : null;
}

/** Whether `at` is the original start of one of the series' occurrences (EXDATEs included). */
export function isOccurrenceOf(t: AppointmentTiming, at: Date): boolean {
  if (t.rrule === null) return t.startsAt.getTime() === at.getTime();
  const found = ruleOf({ ...t, exdates: [] }).next(new Date(at.getTime() - 1), true);
  return found !== null && found.epochMilliseconds === at.getTime();
}

/**
 * The next reminder of an appointment at its preset: for the first occurrence whose reminder is
 * still ahead of `now` (less a grace, so one saved a moment late still fires), never one that
 * would arrive after its occurrence began.
 */
export function nextReminder(t: AppointmentTiming, preset: ReminderPreset, now: Date, options: { graceMs?: number; after?: Date } = {}): { occurrence: Date; remindAt: Date } | null {
  const offsetMs = REMINDER_PRESETS[preset] * 1000;
  const lower = now.getTime() - (options.graceMs ?? 60_000) + offsetMs - 1;
  // `after`: an occurrence whose reminder fired already; the next one follows it.
  const occurrence = nextOccurrenceStart(t, new Date(Math.max(lower, options.after?.getTime() ?? -Infinity)));
  return occurrence ? { occurrence, remindAt: remindAtFor(preset, occurrence) } : null;
}

export const APPOINTMENT_RESOURCE_TYPES = ['lead', 'contact', 'deal'] as const;
export type AppointmentResourceType = (typeof APPOINTMENT_RESOURCE_TYPES)[number];
export const MAX_ATTENDEES = 100;
export const PARTICIPATION_STATUSES = ['needs-action', 'accepted', 'declined', 'tentative'] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

/** An attendee as stored: a user of the tenant (user_id) or an external address. */
export interface AttendeeState {
  email: string;
  name: string;
  user_id: string | null;
}

/** The appointment's attributes as stored, the ones its rules govern. */
export interface AppointmentState {
  name: string;
  description: string;
  location: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  all_day: boolean;
  rrule: string | null;
  exdates: Date[];
  resource_type: AppointmentResourceType | null;
  resource_id: string | null;
  owner_id: string;
  reminder_preset: ReminderPreset | null;
}

/** What a request asks to change: a key present with null clears the attribute. */
export interface AppointmentChanges {
  name?: string | null;
  description?: string | null;
  location?: string | null;
  starts_at?: Date | null;
  ends_at?: Date | null;
  time_zone?: string | null;
  all_day?: boolean | null;
  recurrence?: string | null;
  exdates?: Date[];
  resource_type?: string | null;
  resource_id?: string | null;
  owner_id?: string | null;
  reminder?: string | null;
}

export function timingOf(s: Pick<AppointmentState, 'starts_at' | 'ends_at' | 'time_zone' | 'all_day' | 'rrule' | 'exdates'>): AppointmentTiming {
  return { startsAt: s.starts_at, endsAt: s.ends_at, timeZone: s.time_zone, allDay: s.all_day, rrule: s.rrule, exdates: s.exdates };
}

function text(changes: AppointmentChanges, key: 'name' | 'description' | 'location', max: number, violations: FieldViolation[]): string | undefined {
  if (!(key in changes)) return undefined;
  const value = (changes[key] ?? '').trim();
  if (value.length > max) violations.push({ field: key, code: 'incorrect_value', message: `is longer than ${max} characters` });
  return value;
}

/**
 * The appointment after the changes, or the violations that refuse them: a name, a start and an
 * end (end after start, in a known zone; whole days when all-day), a recurrence that parses and
 * starts at starts_at, a known reminder preset, and a record given by type and id together.
 */
export function applyAppointmentChanges(before: AppointmentState, changes: AppointmentChanges): { state: AppointmentState; violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const state: AppointmentState = { ...before };
  const name = text(changes, 'name', 255, violations);
  if (name !== undefined) {
    if (!name) violations.push({ field: 'name', code: 'blank', message: 'cannot be empty' });
    state.name = name;
  }
  state.description = text(changes, 'description', 10_000, violations) ?? state.description;
  state.location = text(changes, 'location', 1_000, violations) ?? state.location;
  for (const key of ['starts_at', 'ends_at'] as const) {
    if (!(key in changes)) continue;
    const at = changes[key] ?? null;
    if (at === null) violations.push({ field: key, code: 'missing', message: 'is required' });
    else {
      violations.push(...checkYearRange(key, at));
      state[key] = at;
    }
  }
  if ('time_zone' in changes) state.time_zone = changes.time_zone?.trim() || 'UTC';
  if ('all_day' in changes) state.all_day = changes.all_day ?? false;
  if ('recurrence' in changes) state.rrule = changes.recurrence?.trim().replace(/^RRULE:/i, '').toUpperCase() || null;
  if (changes.exdates !== undefined) {
    for (const d of changes.exdates) violations.push(...checkYearRange('exdates', d));
    state.exdates = [...new Map(changes.exdates.map((d) => [d.getTime(), d])).values()].sort((a, b) => a.getTime() - b.getTime()).slice(0, 1_000);
  }
  if (state.rrule === null) state.exdates = [];
  if ('owner_id' in changes && changes.owner_id) state.owner_id = changes.owner_id;
  if ('reminder' in changes) {
    if (changes.reminder === null || changes.reminder === undefined) state.reminder_preset = null;
    else if (!isReminderPreset(changes.reminder)) violations.push({ field: 'reminder', code: 'incorrect_value', message: `must be one of ${Object.keys(REMINDER_PRESETS).join(', ')}` });
    else state.reminder_preset = changes.reminder;
  }
  if (!violations.some((v) => v.field === 'starts_at' || v.field === 'ends_at')) violations.push(...checkTiming(timingOf(state)));
  const record = applyRecordChange(before, changes, APPOINTMENT_RESOURCE_TYPES);
  if (record.violation) violations.push(record.violation);
  state.resource_type = record.resource_type;
  state.resource_id = record.resource_id;
  return { state, violations };
}

const SIMPLE_EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/;

/** An attendee list's violations: each names a user or a valid address, at most 100, no address twice. */
export function checkAttendees(attendees: readonly { email?: string | null; user_id?: string | null }[]): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (attendees.length > MAX_ATTENDEES) violations.push({ field: 'attendees', code: 'incorrect_value', message: `has more than ${MAX_ATTENDEES} attendees` });
  const seen = new Set<string>();
  attendees.forEach((a, i) => {
    if (a.user_id) return;
    const email = a.email?.trim().toLowerCase() ?? '';
    if (!SIMPLE_EMAIL.test(email)) violations.push({ field: `attendees.${i}.email`, code: 'incorrect_value', message: 'is not an email address' });
    else if (seen.has(email)) violations.push({ field: `attendees.${i}.email`, code: 'already_exists', message: 'is listed twice' });
    seen.add(email);
  });
  return violations;
}

/** The attributes whose values differ, by their API names. */
export function changedAppointmentFields(before: AppointmentState, after: AppointmentState): string[] {
  const same = (a: unknown, b: unknown): boolean => {
    if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
    return a === b;
  };
  const fields: [keyof AppointmentState, string][] = [
    ['name', 'name'], ['description', 'description'], ['location', 'location'], ['starts_at', 'starts_at'], ['ends_at', 'ends_at'], ['time_zone', 'time_zone'],
    ['all_day', 'all_day'], ['rrule', 'recurrence'], ['exdates', 'exdates'], ['resource_type', 'resource_type'], ['resource_id', 'resource_id'], ['owner_id', 'owner_id'], ['reminder_preset', 'reminder'],
  ];
  return fields.filter(([k]) => !same(before[k], after[k])).map(([, name]) => name);
}

/** Changes attendees must hear of: what an invitation shows. They raise SEQUENCE. */
export const INVITATION_FIELDS: ReadonlySet<string> = new Set(['name', 'description', 'location', 'starts_at', 'ends_at', 'time_zone', 'all_day', 'recurrence', 'exdates']);
/** Changes of time that void the attendees' answers (they are asked again). */
export const RESCHEDULING_FIELDS: ReadonlySet<string> = new Set(['starts_at', 'ends_at', 'time_zone', 'all_day', 'recurrence']);

/**
 * A new iCalendar UID: random, with the tenant as its domain part, so that an iTIP REPLY read from
 * the shared calendar mailbox finds its tenant (decision 27).
 */
export function newUid(tenantId: string): string {
  return `${randomUUID()}@${tenantId}.pipewright`;
}
