import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, narrowOwners, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import { AssignableOwners } from '@crm/records';
import { DATABASE } from '../calendar-tasks.constants';
import { hrefFor } from '../caldav/caldav-paths';
import { parseResource } from '../caldav/ical-mapping';
import { CaldavRepository } from '../caldav/caldav.repository';
import { CalendarsRepository, type CalendarRow } from '../calendars/calendars.repository';
import type { Database, Trx } from '../database';
import { RecordDirectory } from '../records/record-directory';
import { UserDirectory } from '../records/user-directory';
import {
  applyAppointmentChanges,
  newUid,
  changedAppointmentFields,
  checkAttendees,
  INVITATION_FIELDS,
  isOccurrenceOf,
  nextReminder,
  occurrencesBetween,
  RESCHEDULING_FIELDS,
  timingOf,
  type AppointmentChanges,
  type AppointmentResourceType,
  type AppointmentState,
  type AttendeeState,
  type ParticipationStatus,
} from './appointment-rules';
import { externalAttendees, InvitationOutbox } from '../invitations/invitation-outbox';
import { planInvitations } from '../invitations/invitation-plan';
import { AppointmentEvents } from './appointment-events';
import { AppointmentPresenter } from './appointment-presenter';
import { AppointmentsError } from './appointments.errors';
import { APPOINTMENT_SORT_COLUMNS, AppointmentsRepository, type AppointmentQuery, type AppointmentRow, type AttendeeRow } from './appointments.repository';

type Appointment = crm.calendar.v1.Appointment;

/** An attendee as a request names one. */
export interface AttendeeRequest {
  email?: string | null;
  name?: string | null;
  user_id?: string | null;
}

export interface AppointmentRequest {
  changes: AppointmentChanges;
  /** Present when the request names the attendees (the whole list). */
  attendees?: AttendeeRequest[];
  calendarId?: string;
  seriesId?: string;
  recurrenceId?: Date;
}

export interface AppointmentListParams {
  page: number;
  perPage: number;
  ids: string[];
  calendarId?: string;
  ownerIds: string[];
  resourceType?: string;
  resourceId?: string;
  status?: string;
  from?: Date;
  to?: Date;
  query?: string;
  attending?: boolean;
  sort: { field: string; descending: boolean }[];
}

/** One refused VEVENT of an import: its position in the file, its UID and why. */
export interface ImportError {
  index: number;
  uid: string;
  field: string;
  code: string;
  message: string;
}

/** The most VEVENTs one import takes. */
const MAX_IMPORT = 5_000;

/** The longest range a listing expands series over. */
const MAX_RANGE_MS = 366 * 86_400_000;
/** Rows of each kind a range listing reads at most. */
const RANGE_CAP = 20_000;

/** A new appointment of `ownerId` before a request's attributes apply (its start, end and name are required). */
function blankAppointment(ownerId: string): AppointmentState {
  return {
    name: '', description: '', location: '', starts_at: new Date(NaN), ends_at: new Date(NaN), time_zone: 'UTC', all_day: false,
    rrule: null, exdates: [], resource_type: null, resource_id: null, owner_id: ownerId, reminder_preset: null,
  };
}

function stateOf(row: AppointmentRow): AppointmentState {
  return {
    name: row.name,
    description: row.description,
    location: row.location,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    time_zone: row.time_zone,
    all_day: row.all_day,
    rrule: row.rrule,
    exdates: row.exdates,
    resource_type: row.resource_type,
    resource_id: row.resource_id,
    owner_id: row.owner_id,
    reminder_preset: row.reminder_preset,
  };
}


/**
 * Appointments: visible to whoever sees their owner and to the users they invite; written only to
 * the owner's default calendar, by a caller who sees the owner, within the caller's reach, on a
 * record the caller sees. Every change writes its events through the outbox with it, and keeps the
 * appointment's next reminder in the shared reminders table in step.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly appointments: AppointmentsRepository,
    private readonly calendars: CalendarsRepository,
    private readonly owners: AssignableOwners,
    private readonly records: RecordDirectory,
    private readonly users: UserDirectory,
    private readonly presenter: AppointmentPresenter,
    private readonly invitations: InvitationOutbox,
    private readonly events: AppointmentEvents,
    private readonly caldav: CaldavRepository,
  ) {}

  async create(principal: Principal, request: AppointmentRequest): Promise<Appointment> {
    if (request.seriesId !== undefined || request.recurrenceId !== undefined) return this.override(principal, request);
    const { state, violations } = applyAppointmentChanges(blankAppointment(principal.userId), { name: null, starts_at: null, ends_at: null, ...request.changes });
    const attendees = await this.resolveAttendees(principal, request.attendees ?? [], violations);
    if (violations.length > 0) throw AppointmentsError.invalid(violations);
    await this.assertRecordVisible(principal, state);
    const organizer = await this.organizerName(principal, state.owner_id);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.owners.assert(trx, principal, state.owner_id, 'appointment');
      const calendar = await this.writableCalendar(trx, principal, state.owner_id, request.calendarId);
      const row = await this.appointments.insert(trx, {
        tenant_id: principal.tenantId, calendar_id: calendar.id, creator_id: principal.userId, uid: newUid(principal.tenantId), series_id: null, recurrence_id: null, ...state,
      });
      await this.appointments.replaceAttendees(trx, principal.tenantId, row.id, attendees, false);
      await this.scheduleReminder(trx, principal.tenantId, row);
      const appointment = await this.presenter.present(trx, row, calendar);
      await this.events.publish(trx, principal.tenantId, row.id, [['appointmentCreated', { appointment }]]);
      await this.invitations.queue(trx, principal.tenantId, appointment, organizer, planInvitations({ kind: 'created', before: [], after: externalAttendees(appointment), sequenceRaised: false }));
      await this.touchServerCopy(trx, principal.tenantId, calendar, row.uid);
      return appointment;
    });
  }

  /**
   * Imports the VEVENTs of an iCalendar file into the caller's default calendar, each on its own:
   * one refused (an invalid time, zone or rule, a UID already there) is reported by its index and
   * the others go in. Occurrences a file overrides join their series when it is in the file too.
   * Imported appointments keep their UID and attendees' answers, and send no invitations.
   */
  async importCalendar(principal: Principal, data: string): Promise<{ created: Appointment[]; errors: ImportError[] }> {
    const events = parseResource(data);
    if (events === null) throw AppointmentsError.invalid([{ field: 'file', code: 'incorrect_value', message: 'is not an iCalendar file' }]);
    if (events.length > MAX_IMPORT) throw AppointmentsError.invalid([{ field: 'file', code: 'incorrect_value', message: `holds more than ${MAX_IMPORT} events` }]);
    const created: Appointment[] = [];
    const errors: ImportError[] = [];
    const seriesOf = new Map<string, string>();
    const ordered = events.map((event, index) => ({ event, index })).sort((a, b) => Number(a.event.recurrenceId !== null) - Number(b.event.recurrenceId !== null));
    for (const { event, index } of ordered) {
      const refuse = (v: FieldViolation[]) => errors.push(...v.map((x) => ({ index, uid: event.uid, field: x.field, code: x.code, message: x.message })));
      const seriesId = event.recurrenceId ? seriesOf.get(event.uid) : undefined;
      if (event.recurrenceId && !seriesId) {
        refuse([{ field: 'recurrence_id', code: 'incorrect_value', message: 'overrides an occurrence of a series not imported with it' }]);
        continue;
      }
      const { state, violations } = applyAppointmentChanges(blankAppointment(principal.userId), {
        name: event.name, description: event.description, location: event.location, starts_at: event.startsAt, ends_at: event.endsAt, time_zone: event.timeZone,
        all_day: event.allDay, recurrence: event.recurrenceId ? null : event.rrule, exdates: event.recurrenceId ? [] : event.exdates,
      });
      violations.push(...checkAttendees(event.attendees));
      if (violations.length > 0) {
        refuse(violations);
        continue;
      }
      try {
        const outcome = await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
          const calendar = await this.writableCalendar(trx, principal, principal.userId, undefined);
          const there = (await this.appointments.byUidOnCalendar(trx, calendar.id, event.uid)).find((r) => (r.recurrence_id?.getTime() ?? null) === (event.recurrenceId?.getTime() ?? null));
          if (there) return { kind: 'existing' as const, id: there.id };
          const row = await this.appointments.insert(trx, {
            tenant_id: principal.tenantId, calendar_id: calendar.id, creator_id: principal.userId, uid: event.uid, series_id: seriesId ?? null, recurrence_id: event.recurrenceId, ...state,
            sequence: event.sequence, status: event.cancelled ? 'cancelled' : 'confirmed',
          });
          await this.appointments.setAttendeesAsServer(trx, principal.tenantId, row.id, event.attendees);
          const presented = await this.presenter.present(trx, row, calendar, principal);
          await this.events.publish(trx, principal.tenantId, row.id, [['appointmentCreated', { appointment: presented }]]);
          await this.touchServerCopy(trx, principal.tenantId, calendar, row.uid);
          return { kind: 'created' as const, appointment: presented };
        });
        // A series already there still takes the file's overrides of its occurrences.
        if (!event.recurrenceId) seriesOf.set(event.uid, outcome.kind === 'existing' ? outcome.id : outcome.appointment.id);
        if (outcome.kind === 'existing') refuse([{ field: 'uid', code: 'already_exists', message: 'is in the calendar already' }]);
        else created.push(outcome.appointment);
      } catch (e) {
        if (!(e instanceof AppointmentsError)) throw e;
        refuse(e.details.violations ?? [{ field: 'file', code: 'incorrect_value', message: e.message }]);
      }
    }
    return { created, errors: errors.sort((a, b) => a.index - b.index) };
  }

  async get(principal: Principal, id: string): Promise<Appointment> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.visible(trx, principal, id);
      return this.presenter.present(trx, row, undefined, principal);
    });
  }

  async update(principal: Principal, id: string, request: AppointmentRequest): Promise<Appointment> {
    // Checks against other services run before the transaction, on what the request names.
    const before = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.editable(trx, principal, id));
    const { state, violations } = applyAppointmentChanges(stateOf(before), request.changes);
    if (before.series_id !== null && state.rrule !== null) violations.push({ field: 'recurrence', code: 'incorrect_value', message: 'an overridden occurrence does not repeat' });
    if (before.series_id !== null && state.owner_id !== before.owner_id) violations.push({ field: 'owner_id', code: 'incorrect_value', message: 'an overridden occurrence keeps the series\' owner' });
    const attendees = request.attendees === undefined ? undefined : await this.resolveAttendees(principal, request.attendees, violations);
    if (request.calendarId !== undefined && request.calendarId !== before.calendar_id) violations.push({ field: 'calendar_id', code: 'read_only', message: 'an appointment stays on its calendar' });
    if (violations.length > 0) throw AppointmentsError.invalid(violations);
    if (state.resource_id !== before.resource_id || state.resource_type !== before.resource_type) await this.assertRecordVisible(principal, state);
    const organizer = await this.organizerName(principal, state.owner_id);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const current = await this.editable(trx, principal, id, true);
      // Applied again to the row as locked: a concurrent change between the two reads is kept.
      const { state: next, violations: late } = applyAppointmentChanges(stateOf(current), request.changes);
      if (late.length > 0) throw AppointmentsError.invalid(late);
      if (next.owner_id !== current.owner_id) await this.owners.assert(trx, principal, next.owner_id, 'appointment');
      const changed = changedAppointmentFields(stateOf(current), next);
      const attendeesBefore = (await this.appointments.attendeesOf(trx, [id])).get(id) ?? [];
      if (attendees !== undefined && !sameAttendees(attendeesBefore, attendees)) changed.push('attendees');
      if (changed.length === 0) return this.presenter.present(trx, current, undefined, principal);
      const rescheduled = changed.some((f) => RESCHEDULING_FIELDS.has(f));
      const sequence = current.sequence + (changed.some((f) => INVITATION_FIELDS.has(f)) ? 1 : 0);
      // The owner moves the appointment to their own default calendar with them.
      const calendarId = next.owner_id === current.owner_id ? current.calendar_id : (await this.calendars.defaultOf(trx, principal.tenantId, next.owner_id)).id;
      const row = await this.appointments.update(trx, id, { ...next, sequence, calendar_id: calendarId });
      if (attendees !== undefined) await this.appointments.replaceAttendees(trx, principal.tenantId, id, attendees, rescheduled);
      else if (rescheduled) await this.appointments.resetAnswers(trx, id);
      await this.scheduleReminder(trx, principal.tenantId, row);
      const appointment = await this.presenter.present(trx, row, undefined, principal);
      await this.events.publish(trx, principal.tenantId, id, [['appointmentUpdated', { appointment, changedFields: changed }]]);
      const invited = { before: attendeesBefore.filter((a) => a.user_id === null).map((a) => a.email), after: externalAttendees(appointment) };
      await this.invitations.queue(trx, principal.tenantId, appointment, organizer, planInvitations({ kind: 'updated', ...invited, sequenceRaised: sequence > current.sequence }));
      if (calendarId !== current.calendar_id) await this.touchServerCopy(trx, principal.tenantId, current.calendar_id, row.uid, true);
      await this.touchServerCopy(trx, principal.tenantId, calendarId, row.uid);
      return appointment;
    });
  }

  /** Cancels the appointment (a series with its overrides); it stays readable with status cancelled. */
  async cancel(principal: Principal, id: string): Promise<Appointment> {
    const before = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.visible(trx, principal, id));
    const organizer = await this.organizerName(principal, before.owner_id);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const current = await this.editable(trx, principal, id, true);
      const row = await this.appointments.update(trx, id, { status: 'cancelled', sequence: current.sequence + 1 });
      if (row.rrule !== null) await this.appointments.cancelOverrides(trx, id);
      await this.appointments.scheduleReminder(trx, principal.tenantId, id, null);
      const appointment = await this.presenter.present(trx, row, undefined, principal);
      await this.events.publish(trx, principal.tenantId, id, [['appointmentCancelled', { appointment }]]);
      await this.invitations.queue(trx, principal.tenantId, appointment, organizer, planInvitations({ kind: 'cancelled', before: externalAttendees(appointment), after: [], sequenceRaised: true }));
      await this.touchServerCopy(trx, principal.tenantId, row.calendar_id, row.uid);
      return appointment;
    });
  }

  /** The caller's own answer as an invited user. */
  async reply(principal: Principal, id: string, status: string): Promise<Appointment> {
    if (!['accepted', 'declined', 'tentative'].includes(status)) throw AppointmentsError.invalid([{ field: 'status', code: 'incorrect_value', message: 'must be accepted, declined or tentative' }]);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.appointments.find(trx, id, true);
      const mine = row ? ((await this.appointments.attendeesOf(trx, [id])).get(id) ?? []).find((a) => a.user_id === principal.userId) : undefined;
      if (!row || !mine) {
        if (row && canSeeOwner(principal, row.owner_id)) throw AppointmentsError.invalid([{ field: 'status', code: 'incorrect_value', message: 'you are not invited to this appointment' }]);
        throw AppointmentsError.notFound(id);
      }
      if (row.status === 'cancelled') throw AppointmentsError.readOnly(id, 'the appointment is cancelled');
      return (await this.recordAnswer(trx, principal.tenantId, row, mine.email, status as ParticipationStatus, 'api', { principal }))!;
    });
  }

  /**
   * Records an attendee's answer with its event (in the caller's transaction); `via` says where it
   * came from. One stamped by the attendee's client (`stamp`) that is older than the answer on file
   * changes nothing: answers null.
   */
  async recordAnswer(trx: Trx, tenantId: string, row: AppointmentRow, email: string, status: ParticipationStatus, via: string, options: { principal?: Principal; stamp?: Date } = {}): Promise<Appointment | null> {
    if (!(await this.appointments.setAnswer(trx, row.id, email, status, options.stamp))) return null;
    const appointment = await this.presenter.present(trx, row, undefined, options.principal);
    const attendee = appointment.attendees.find((a) => a.email === email);
    await this.events.publish(trx, tenantId, row.id, [['appointmentAttendeeReplied', { appointment, attendeeEmail: email, ...(attendee?.userId ? { attendeeUserId: attendee.userId } : {}), status, via }]]);
    return appointment;
  }

  async list(principal: Principal, params: AppointmentListParams): Promise<Appointment[]> {
    const violations: FieldViolation[] = [];
    if (params.resourceType !== undefined && !['lead', 'contact', 'deal'].includes(params.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be lead, contact or deal' });
    if (params.status !== undefined && params.status !== 'confirmed' && params.status !== 'cancelled') violations.push({ field: 'status', code: 'incorrect_value', message: 'must be confirmed or cancelled' });
    const sort = params.sort.map((s) => ({ column: s.field as (typeof APPOINTMENT_SORT_COLUMNS)[number], descending: s.descending }));
    if (sort.some((s) => !(APPOINTMENT_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${APPOINTMENT_SORT_COLUMNS.join(', ')}` });
    const ranged = params.from !== undefined || params.to !== undefined;
    if (ranged && (params.from === undefined || params.to === undefined)) violations.push({ field: params.from ? 'to' : 'from', code: 'missing', message: 'from and to go together' });
    else if (ranged && (params.to!.getTime() <= params.from!.getTime() || params.to!.getTime() - params.from!.getTime() > MAX_RANGE_MS)) violations.push({ field: 'to', code: 'incorrect_value', message: 'must be after from and within 366 days of it' });
    if (violations.length > 0) throw AppointmentsError.invalid(violations);
    const query: AppointmentQuery = {
      ids: params.ids,
      ownerIds: narrowOwners(principal, params.ownerIds),
      attendeeUserId: principal.userId,
      attendingOnly: params.attending === true,
      ...(params.calendarId ? { calendarId: params.calendarId } : {}),
      ...(params.resourceType ? { resourceType: params.resourceType } : {}),
      ...(params.resourceId ? { resourceId: params.resourceId } : {}),
      status: (params.status as 'confirmed' | 'cancelled' | undefined) ?? 'confirmed',
      words: (params.query ?? '').split(/\s+/).filter(Boolean).slice(0, 10),
    };
    // Explicit owner filters narrow the attended ones too: only the caller's own filter keeps them.
    if (params.ownerIds.length > 0 && !params.ownerIds.includes(principal.userId)) query.attendeeUserId = '0';
    const offset = (params.page - 1) * params.perPage;
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      if (!ranged) {
        const rows = await this.appointments.list(trx, query, sort.length > 0 ? sort : [{ column: 'starts_at', descending: false }], params.perPage, offset);
        return this.presenter.presentMany(trx, principal, rows);
      }
      const rows = await this.occurrencesIn(trx, query, params.from!, params.to!);
      const ordered = sortOccurrences(rows, sort.length > 0 ? sort : [{ column: 'starts_at', descending: false }]);
      return this.presenter.presentMany(trx, principal, ordered.slice(offset, offset + params.perPage));
    });
  }

  /** Single appointments and overrides overlapping the range, and each series' occurrences in it not overridden. */
  private async occurrencesIn(trx: Trx, query: AppointmentQuery, from: Date, to: Date): Promise<AppointmentRow[]> {
    const { single, series } = await this.appointments.inRange(trx, query, from, to, RANGE_CAP);
    const overridden = await this.appointments.overriddenOccurrences(trx, series.map((s) => s.id));
    const expanded = series.flatMap((s) =>
      occurrencesBetween(timingOf(s), from, to)
        .filter((o) => !overridden.get(s.id)?.has(o.recurrenceId.getTime()))
        .map((o): AppointmentRow => ({ ...s, starts_at: o.startsAt, ends_at: o.endsAt, recurrence_id: o.recurrenceId })),
    );
    return [...single, ...expanded];
  }

  /** Appointments on a deleted record lose their link; those of a converted lead move to its contact (in the consumer's transaction). */
  async relinkOnRecord(trx: Trx, tenantId: string, type: AppointmentResourceType, recordId: string, to: { type: AppointmentResourceType; id: string } | null): Promise<number> {
    const rows = await this.appointments.onRecord(trx, type, recordId);
    const moved = await this.appointments.moveToRecord(trx, rows.map((r) => r.id), to?.type ?? null, to?.id ?? null);
    for (const row of moved) await this.events.publish(trx, tenantId, row.id, [['appointmentUpdated', { appointment: await this.presenter.present(trx, row), changedFields: ['resource_type', 'resource_id'] }]]);
    return moved.length;
  }

  private async override(principal: Principal, request: AppointmentRequest): Promise<Appointment> {
    const { seriesId, recurrenceId } = request;
    if (seriesId === undefined || recurrenceId === undefined) throw AppointmentsError.invalid([{ field: seriesId === undefined ? 'series_id' : 'recurrence_id', code: 'missing', message: 'series_id and recurrence_id go together' }]);
    const series = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.editable(trx, principal, seriesId));
    const duration = series.ends_at.getTime() - series.starts_at.getTime();
    const violations: FieldViolation[] = [];
    if (series.rrule === null) violations.push({ field: 'series_id', code: 'incorrect_value', message: 'is not a recurring appointment' });
    else if (!isOccurrenceOf(timingOf(series), recurrenceId)) violations.push({ field: 'recurrence_id', code: 'incorrect_value', message: 'is not the start of an occurrence of the series' });
    const base: AppointmentState = { ...stateOf(series), rrule: null, exdates: [], starts_at: recurrenceId, ends_at: new Date(recurrenceId.getTime() + duration) };
    const { state, violations: own } = applyAppointmentChanges(base, request.changes);
    violations.push(...own);
    if (state.rrule !== null) violations.push({ field: 'recurrence', code: 'incorrect_value', message: 'an overridden occurrence does not repeat' });
    if (state.owner_id !== series.owner_id) violations.push({ field: 'owner_id', code: 'incorrect_value', message: 'an overridden occurrence keeps the series\' owner' });
    const attendees = request.attendees === undefined ? undefined : await this.resolveAttendees(principal, request.attendees, violations);
    if (violations.length > 0) throw AppointmentsError.invalid(violations);
    if (state.resource_id !== series.resource_id || state.resource_type !== series.resource_type) await this.assertRecordVisible(principal, state);
    const organizer = await this.organizerName(principal, series.owner_id);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const locked = await this.editable(trx, principal, seriesId, true);
      if (await this.appointments.findOverride(trx, seriesId, recurrenceId)) throw AppointmentsError.invalid([{ field: 'recurrence_id', code: 'already_exists', message: 'this occurrence is overridden already: change that appointment' }]);
      const row = await this.appointments.insert(trx, {
        tenant_id: principal.tenantId, calendar_id: locked.calendar_id, creator_id: principal.userId, uid: locked.uid, series_id: locked.id, recurrence_id: recurrenceId, ...state,
      });
      const inherited = (await this.appointments.attendeesOf(trx, [seriesId])).get(seriesId) ?? [];
      await this.appointments.replaceAttendees(trx, principal.tenantId, row.id, attendees ?? inherited.map((a) => ({ email: a.email, name: a.name, user_id: a.user_id })), false);
      await this.scheduleReminder(trx, principal.tenantId, row);
      const appointment = await this.presenter.present(trx, row, undefined, principal);
      await this.events.publish(trx, principal.tenantId, row.id, [['appointmentCreated', { appointment }]]);
      await this.invitations.queue(trx, principal.tenantId, appointment, organizer, planInvitations({ kind: 'created', before: [], after: externalAttendees(appointment), sequenceRaised: false }));
      await this.touchServerCopy(trx, principal.tenantId, locked.calendar_id, locked.uid);
      return appointment;
    });
  }

  /**
   * On a CalDAV calendar, marks the object of the UID changed (or, `gone`, deleted) in the CRM and
   * asks for a sync now, so the server has it within a poll (decision 28).
   */
  private async touchServerCopy(trx: Trx, tenantId: string, calendar: CalendarRow | string, uid: string, gone = false): Promise<void> {
    const row = typeof calendar === 'string' ? await this.calendars.find(trx, calendar) : calendar;
    if (!row || row.kind !== 'caldav') return;
    await this.caldav.markDirty(trx, tenantId, row.id, uid, hrefFor(row.calendar_url!, uid), gone);
    await this.caldav.scheduleSync(trx, tenantId, row.id, 'now');
  }

  /** The owner's name, as invitations show the organizer (blank when the directory has none). */
  private async organizerName(principal: Principal, ownerId: string): Promise<string> {
    return (await this.users.cards(principal, [ownerId])).get(ownerId)?.name ?? '';
  }

  /** The attendees a request names, users resolved to their names and addresses; problems go to `violations`. */
  private async resolveAttendees(principal: Principal, requested: readonly AttendeeRequest[], violations: FieldViolation[]): Promise<AttendeeState[]> {
    violations.push(...checkAttendees(requested));
    const userIds = requested.flatMap((a) => (a.user_id ? [a.user_id] : []));
    const cards = userIds.length > 0 ? await this.users.cards(principal, userIds) : new Map();
    const resolved: AttendeeState[] = [];
    const seen = new Set<string>();
    requested.forEach((a, i) => {
      if (a.user_id) {
        const card = cards.get(a.user_id);
        if (!card || !card.active) violations.push({ field: `attendees.${i}.user_id`, code: 'incorrect_value', message: 'is not an active user of this account' });
        else if (!seen.has(card.email)) {
          seen.add(card.email);
          resolved.push({ email: card.email, name: card.name, user_id: card.id });
        }
        return;
      }
      const email = a.email?.trim().toLowerCase() ?? '';
      if (seen.has(email)) return;
      seen.add(email);
      resolved.push({ email, name: (a.name ?? '').trim().slice(0, 255), user_id: null });
    });
    return resolved;
  }

  /** The calendar an owner's new appointment goes to: their default, which is the only one written to. */
  private async writableCalendar(trx: Trx, principal: Principal, ownerId: string, calendarId: string | undefined): Promise<CalendarRow> {
    const fallback = await this.calendars.defaultOf(trx, principal.tenantId, ownerId);
    if (calendarId === undefined || calendarId === fallback.id) return fallback;
    const named = await this.calendars.find(trx, calendarId);
    if (!named || !canSeeOwner(principal, named.owner_id)) throw AppointmentsError.calendarNotFound(calendarId, 'calendar_id');
    throw AppointmentsError.invalid([{ field: 'calendar_id', code: 'read_only', message: named.owner_id === ownerId ? 'is not the owner\'s default calendar, the only one written to' : 'belongs to another user than owner_id' }]);
  }

  private async visible(trx: Trx, principal: Principal, id: string, forUpdate = false): Promise<AppointmentRow> {
    const row = await this.appointments.find(trx, id, forUpdate);
    if (row && canSeeOwner(principal, row.owner_id)) return row;
    if (row && ((await this.appointments.attendeesOf(trx, [id])).get(id) ?? []).some((a) => a.user_id === principal.userId)) return row;
    throw AppointmentsError.notFound(id);
  }

  /** The appointment, when the caller may change it: 404 out of sight, 422 when read-only to them. */
  private async editable(trx: Trx, principal: Principal, id: string, forUpdate = false): Promise<AppointmentRow> {
    const row = await this.visible(trx, principal, id, forUpdate);
    if (!canSeeOwner(principal, row.owner_id)) throw AppointmentsError.readOnly(id, 'you are invited to it: answer it instead');
    const calendar = await this.calendars.find(trx, row.calendar_id);
    if (!calendar?.is_default) throw AppointmentsError.readOnly(id, 'it is on a calendar the CRM does not write to');
    if (row.status === 'cancelled') throw AppointmentsError.readOnly(id, 'it is cancelled');
    return row;
  }

  private async assertRecordVisible(principal: Principal, state: AppointmentState): Promise<void> {
    if (state.resource_type === null || state.resource_id === null) return;
    await this.records.assertVisible(principal, 'appointment', 'resource_id', state.resource_type, [state.resource_id]);
  }

  private async scheduleReminder(trx: Trx, tenantId: string, row: AppointmentRow): Promise<void> {
    const next = row.reminder_preset && row.status === 'confirmed' ? nextReminder(timingOf(row), row.reminder_preset, new Date()) : null;
    await this.appointments.scheduleReminder(trx, tenantId, row.id, next);
  }


}


function sameAttendees(before: readonly AttendeeRow[], after: readonly AttendeeState[]): boolean {
  const key = (a: { email: string; name: string; user_id: string | null }) => `${a.email}\u0000${a.name}\u0000${a.user_id ?? ''}`;
  const left = new Set(before.map(key));
  return left.size === after.length && after.every((a) => left.has(key(a)));
}

/** Occurrences in the order asked for, then by start and id so pages are stable. */
function sortOccurrences(rows: AppointmentRow[], sort: { column: (typeof APPOINTMENT_SORT_COLUMNS)[number]; descending: boolean }[]): AppointmentRow[] {
  const value = (r: AppointmentRow, c: (typeof APPOINTMENT_SORT_COLUMNS)[number]): number | string => {
    const v = r[c];
    return v instanceof Date ? v.getTime() : c === 'id' || c === 'owner_id' ? Number(v) : String(v);
  };
  const orders = [...sort, { column: 'starts_at' as const, descending: false }, { column: 'id' as const, descending: false }];
  return [...rows].sort((a, b) => {
    for (const o of orders) {
      const [x, y] = [value(a, o.column), value(b, o.column)];
      if (x !== y) return (x < y ? -1 : 1) * (o.descending ? -1 : 1);
    }
    return 0;
  });
}
