import { Injectable } from '@nestjs/common';
import { sql, type ExpressionBuilder, type Generated, type Selectable } from 'kysely';
import type { CalendarTasksDatabase, Trx } from '../database';
import type { ReminderPreset } from '../reminders/reminder-presets';
import type { AppointmentResourceType, AttendeeState, ParticipationStatus } from './appointment-rules';

export interface AppointmentsTable {
  id: Generated<string>;
  tenant_id: string;
  calendar_id: string;
  owner_id: string;
  creator_id: string;
  uid: string;
  sequence: Generated<number>;
  series_id: string | null;
  recurrence_id: Date | null;
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
  status: Generated<'confirmed' | 'cancelled'>;
  reminder_preset: ReminderPreset | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AppointmentAttendeesTable {
  appointment_id: string;
  tenant_id: string;
  email: string;
  name: string;
  user_id: string | null;
  partstat: Generated<ParticipationStatus>;
  responded_at: Date | null;
  reply_stamp: Date | null;
}

export interface AppointmentsTables {
  appointments: AppointmentsTable;
  appointment_attendees: AppointmentAttendeesTable;
}

export type AppointmentRow = Selectable<AppointmentsTable>;
export type AttendeeRow = Selectable<AppointmentAttendeesTable>;
export type AppointmentValues = Omit<AppointmentsTable, 'id' | 'tenant_id' | 'creator_id' | 'uid' | 'series_id' | 'recurrence_id' | 'created_at' | 'updated_at' | 'status' | 'sequence' | 'calendar_id'>;

export const APPOINTMENT_SORT_COLUMNS = ['id', 'name', 'starts_at', 'ends_at', 'owner_id', 'created_at', 'updated_at'] as const;

export interface AppointmentQuery {
  ids: string[];
  /** Owners whose appointments the caller sees, or all; plus those the caller attends. */
  ownerIds: readonly string[] | 'all';
  attendeeUserId: string;
  attendingOnly: boolean;
  calendarId?: string;
  resourceType?: string;
  resourceId?: string;
  status: 'confirmed' | 'cancelled';
  words: string[];
}

/** The only SQL about appointments and their attendees. */
@Injectable()
export class AppointmentsRepository {
  async insert(trx: Trx, row: Omit<AppointmentsTable, 'id' | 'created_at' | 'updated_at' | 'status' | 'sequence'> & { status?: 'confirmed' | 'cancelled'; sequence?: number }): Promise<AppointmentRow> {
    return trx.insertInto('appointments').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<AppointmentRow | undefined> {
    const q = trx.selectFrom('appointments').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  async findMany(trx: Trx, ids: readonly string[]): Promise<AppointmentRow[]> {
    if (ids.length === 0) return [];
    return trx.selectFrom('appointments').selectAll().where('id', 'in', [...ids]).execute();
  }

  /** Many appointments in one statement (a sync's new events). */
  async insertMany(trx: Trx, rows: (Omit<AppointmentsTable, 'id' | 'created_at' | 'updated_at' | 'status' | 'sequence'> & { status: 'confirmed' | 'cancelled'; sequence: number })[]): Promise<AppointmentRow[]> {
    if (rows.length === 0) return [];
    return trx.insertInto('appointments').values(rows).returningAll().execute();
  }

  /** Of these UIDs, those on the calendar already. */
  async uidsOnCalendar(trx: Trx, calendarId: string, uids: readonly string[]): Promise<Set<string>> {
    if (uids.length === 0) return new Set();
    const rows = await trx.selectFrom('appointments').select('uid').where('calendar_id', '=', calendarId).where('uid', 'in', [...uids]).execute();
    return new Set(rows.map((r) => r.uid));
  }

  /** Attendees of new appointments, answers included, in one statement; answers them by appointment. */
  async insertAttendees(trx: Trx, tenantId: string, attendees: readonly { appointmentId: string; email: string; name: string; status: ParticipationStatus }[]): Promise<Map<string, AttendeeRow[]>> {
    const byId = new Map<string, AttendeeRow[]>();
    const unique = [...new Map(attendees.map((a) => [`${a.appointmentId}\u0000${a.email}`, a])).values()];
    if (unique.length === 0) return byId;
    const rows = await trx
      .insertInto('appointment_attendees')
      .values(unique.map((a) => ({ appointment_id: a.appointmentId, tenant_id: tenantId, email: a.email, name: a.name, user_id: null, partstat: a.status, responded_at: null, reply_stamp: null })))
      .returningAll()
      .execute();
    for (const r of rows) byId.set(r.appointment_id, [...(byId.get(r.appointment_id) ?? []), r]);
    return byId;
  }

  /** The rows of one UID on a calendar (a series and its overrides), series first, locked. */
  async byUidOnCalendar(trx: Trx, calendarId: string, uid: string): Promise<AppointmentRow[]> {
    return trx.selectFrom('appointments').selectAll().where('calendar_id', '=', calendarId).where('uid', '=', uid).orderBy(sql`recurrence_id nulls first`).orderBy('id').forUpdate().execute();
  }

  async deleteMany(trx: Trx, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await trx.deleteFrom('appointments').where('id', 'in', [...ids]).execute();
    await trx.deleteFrom('reminders').where('subject_type', '=', 'appointment').where('subject_id', 'in', [...ids]).execute();
  }

  /** Makes the attendee list what a calendar server says, answers included (external addresses only). */
  async setAttendeesAsServer(trx: Trx, tenantId: string, appointmentId: string, attendees: readonly { email: string; name: string; status: ParticipationStatus }[]): Promise<void> {
    await trx.deleteFrom('appointment_attendees').where('appointment_id', '=', appointmentId).execute();
    const unique = [...new Map(attendees.map((a) => [a.email, a])).values()];
    if (unique.length === 0) return;
    await trx
      .insertInto('appointment_attendees')
      .values(unique.map((a) => ({ appointment_id: appointmentId, tenant_id: tenantId, email: a.email, name: a.name, user_id: null, partstat: a.status, responded_at: null, reply_stamp: null })))
      .execute();
  }

  /** The override of one occurrence of a series, if any. */
  async findOverride(trx: Trx, seriesId: string, recurrenceId: Date): Promise<AppointmentRow | undefined> {
    return trx.selectFrom('appointments').selectAll().where('series_id', '=', seriesId).where('recurrence_id', '=', recurrenceId).executeTakeFirst();
  }

  async update(trx: Trx, id: string, values: Partial<AppointmentValues> & { sequence?: number; status?: 'confirmed' | 'cancelled'; calendar_id?: string }): Promise<AppointmentRow> {
    return trx.updateTable('appointments').set({ ...values, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Cancels the overrides of a cancelled series with it. */
  async cancelOverrides(trx: Trx, seriesId: string): Promise<void> {
    await trx.updateTable('appointments').set({ status: 'cancelled', sequence: sql`sequence + 1`, updated_at: sql`now()` }).where('series_id', '=', seriesId).where('status', '=', 'confirmed').execute();
  }

  /** Appointments without a time range: one row per appointment (a series once), by SQL sort and page. */
  async list(trx: Trx, q: AppointmentQuery, sort: { column: (typeof APPOINTMENT_SORT_COLUMNS)[number]; descending: boolean }[], limit: number, offset: number): Promise<AppointmentRow[]> {
    let query = this.filtered(trx, q).selectAll();
    for (const s of sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    if (!sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(limit).offset(offset).execute();
  }

  /**
   * Appointments that may overlap [from, to): single ones and overrides by time (index range),
   * and every series, whose occurrences the caller expands. Bounded by `cap` rows of each kind.
   */
  async inRange(trx: Trx, q: AppointmentQuery, from: Date, to: Date, cap: number): Promise<{ single: AppointmentRow[]; series: AppointmentRow[] }> {
    const single = await this.filtered(trx, q).selectAll().where('rrule', 'is', null).where('starts_at', '<', to).where('ends_at', '>', from)
      // An appointment lasts at most a year: the lower bound keeps the index range short.
      .where('starts_at', '>', new Date(from.getTime() - 366 * 86_400_000))
      .orderBy('starts_at').orderBy('id').limit(cap).execute();
    const series = await this.filtered(trx, q).selectAll().where('rrule', 'is not', null).where('starts_at', '<', to).orderBy('id').limit(cap).execute();
    return { single, series };
  }

  /** Recurrence ids of the overrides of these series (any status), which their expansion leaves out. */
  async overriddenOccurrences(trx: Trx, seriesIds: readonly string[]): Promise<Map<string, Set<number>>> {
    const byId = new Map<string, Set<number>>();
    if (seriesIds.length === 0) return byId;
    const rows = await trx.selectFrom('appointments').select(['series_id', 'recurrence_id']).where('series_id', 'in', [...seriesIds]).execute();
    for (const r of rows) {
      const set = byId.get(r.series_id!) ?? new Set<number>();
      set.add(r.recurrence_id!.getTime());
      byId.set(r.series_id!, set);
    }
    return byId;
  }

  private filtered(trx: Trx, q: AppointmentQuery) {
    let query = trx.selectFrom('appointments').where('status', '=', q.status);
    const attending = (eb: ExpressionBuilder<CalendarTasksDatabase, 'appointments'>) =>
      eb.exists(eb.selectFrom('appointment_attendees as at').select(sql`1`.as('one')).whereRef('at.appointment_id', '=', 'appointments.id').where('at.user_id', '=', q.attendeeUserId));
    if (q.attendingOnly) query = query.where((eb) => attending(eb));
    else if (q.ownerIds !== 'all') {
      const owners = q.ownerIds.length > 0 ? [...q.ownerIds] : ['0'];
      query = query.where((eb) => eb.or([eb('owner_id', 'in', owners), attending(eb)]));
    }
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.calendarId) query = query.where('calendar_id', '=', q.calendarId);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType as AppointmentResourceType);
    if (q.resourceId) query = query.where('resource_id', '=', q.resourceId);
    for (const w of q.words) {
      const like = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('name', 'ilike', like), eb('description', 'ilike', like), eb('location', 'ilike', like)]));
    }
    return query;
  }

  async attendeesOf(trx: Trx, appointmentIds: readonly string[]): Promise<Map<string, AttendeeRow[]>> {
    const byId = new Map<string, AttendeeRow[]>();
    if (appointmentIds.length === 0) return byId;
    const rows = await trx.selectFrom('appointment_attendees').selectAll().where('appointment_id', 'in', [...appointmentIds]).orderBy('email').execute();
    for (const r of rows) {
      const list = byId.get(r.appointment_id) ?? [];
      list.push(r);
      byId.set(r.appointment_id, list);
    }
    return byId;
  }

  /**
   * Makes the attendee list `attendees`: removed ones go, new ones start at needs-action, kept
   * ones keep their answer unless `resetAnswers` (a rescheduling asks everyone again).
   */
  async replaceAttendees(trx: Trx, tenantId: string, appointmentId: string, attendees: readonly AttendeeState[], resetAnswers: boolean): Promise<void> {
    const emails = attendees.map((a) => a.email);
    let del = trx.deleteFrom('appointment_attendees').where('appointment_id', '=', appointmentId);
    if (emails.length > 0) del = del.where('email', 'not in', emails);
    await del.execute();
    if (attendees.length > 0) {
      await trx
        .insertInto('appointment_attendees')
        .values(attendees.map((a) => ({ appointment_id: appointmentId, tenant_id: tenantId, email: a.email, name: a.name, user_id: a.user_id, responded_at: null, reply_stamp: null })))
        .onConflict((oc) => oc.columns(['appointment_id', 'email']).doUpdateSet({ name: sql`excluded.name`, user_id: sql`excluded.user_id` }))
        .execute();
    }
    if (resetAnswers) await this.resetAnswers(trx, appointmentId);
  }

  async resetAnswers(trx: Trx, appointmentId: string): Promise<void> {
    await trx.updateTable('appointment_attendees').set({ partstat: 'needs-action', responded_at: null, reply_stamp: null }).where('appointment_id', '=', appointmentId).execute();
  }

  /**
   * Records an attendee's answer. One stamped by the attendee's client (an iTIP REPLY's DTSTAMP,
   * whole seconds) applies only when newer than the last answer applied, or as old but different
   * (two answers within a second); a message read twice changes nothing. Answers whether it was recorded.
   */
  async setAnswer(trx: Trx, appointmentId: string, email: string, status: ParticipationStatus, stamp?: Date): Promise<boolean> {
    let q = trx.updateTable('appointment_attendees').set({ partstat: status, responded_at: sql`now()`, reply_stamp: stamp ?? sql`now()` }).where('appointment_id', '=', appointmentId).where('email', '=', email);
    if (stamp) q = q.where((eb) => eb.or([eb('reply_stamp', 'is', null), eb('reply_stamp', '<', stamp), eb.and([eb('reply_stamp', '=', stamp), eb('partstat', '<>', status)])]));
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The appointment of a UID in the transaction's tenant (an overridden occurrence by its RECURRENCE-ID), locked. */
  async findByUid(trx: Trx, uid: string, recurrenceId: Date | null): Promise<AppointmentRow | undefined> {
    let q = trx.selectFrom('appointments').selectAll().where('uid', '=', uid);
    q = recurrenceId ? q.where('recurrence_id', '=', recurrenceId) : q.where('recurrence_id', 'is', null);
    // A UID is unique per calendar; the CRM's own appointments are on one calendar each.
    return q.orderBy('id').limit(1).forUpdate().executeTakeFirst();
  }

  /** Appointments on one record, locked, for the record's deletion or conversion. */
  async onRecord(trx: Trx, type: AppointmentResourceType, id: string): Promise<AppointmentRow[]> {
    return trx.selectFrom('appointments').selectAll().where('resource_type', '=', type).where('resource_id', '=', id).orderBy('id').forUpdate().execute();
  }

  async moveToRecord(trx: Trx, ids: string[], type: AppointmentResourceType | null, id: string | null): Promise<AppointmentRow[]> {
    if (ids.length === 0) return [];
    return trx.updateTable('appointments').set({ resource_type: type, resource_id: id, updated_at: sql`now()` }).where('id', 'in', ids).returningAll().execute();
  }

  /** Schedules the appointment's next reminder, or cancels it (null); a changed time fires again under a new id. */
  async scheduleReminder(trx: Trx, tenantId: string, appointmentId: string, next: { occurrence: Date; remindAt: Date } | null): Promise<void> {
    if (next === null) {
      await trx.deleteFrom('reminders').where('subject_type', '=', 'appointment').where('subject_id', '=', appointmentId).execute();
      return;
    }
    await trx
      .insertInto('reminders')
      .values({ tenant_id: tenantId, subject_type: 'appointment', subject_id: appointmentId, remind_at: next.remindAt, occurrence: next.occurrence, fired_at: null })
      .onConflict((oc) =>
        oc
          .columns(['subject_type', 'subject_id'])
          .doUpdateSet({ id: sql`gen_random_uuid()`, remind_at: next.remindAt, occurrence: next.occurrence, fired_at: null })
          .where((eb) => eb.or([eb('reminders.remind_at', '<>', next.remindAt), eb('reminders.occurrence', 'is distinct from', next.occurrence)])),
      )
      .execute();
  }
}
