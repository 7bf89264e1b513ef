import { Injectable } from '@nestjs/common';
import { canSeeOwner, type Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CalendarsRepository, type CalendarRow } from '../calendars/calendars.repository';
import type { Trx } from '../database';
import { AppointmentsRepository, type AppointmentRow, type AttendeeRow } from './appointments.repository';

type Appointment = crm.calendar.v1.Appointment;

export function toAppointment(row: AppointmentRow, attendees: readonly AttendeeRow[], editable: boolean): Appointment {
  return {
    id: row.id,
    calendarId: row.calendar_id,
    ownerId: row.owner_id,
    creatorId: row.creator_id,
    uid: row.uid,
    sequence: row.sequence,
    name: row.name,
    description: row.description,
    location: row.location,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    allDay: row.all_day,
    ...(row.rrule ? { recurrence: row.rrule } : {}),
    exdates: row.exdates,
    ...(row.series_id ? { seriesId: row.series_id } : {}),
    ...(row.recurrence_id ? { recurrenceId: row.recurrence_id } : {}),
    ...(row.resource_type && row.resource_id ? { resourceType: row.resource_type, resourceId: row.resource_id } : {}),
    status: row.status,
    ...(row.reminder_preset ? { reminder: row.reminder_preset } : {}),
    attendees: attendees.map((a) => ({ email: a.email, name: a.name, ...(a.user_id ? { userId: a.user_id } : {}), status: a.partstat, ...(a.responded_at ? { respondedAt: a.responded_at } : {}) })),
    editable,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Appointments as the API and the events show them, with their attendees and whether they are editable. */
@Injectable()
export class AppointmentPresenter {
  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly calendars: CalendarsRepository,
  ) {}

  /** One appointment as the API shows it; `editable` for the principal, or (no principal) for its owner. */
  async present(trx: Trx, row: AppointmentRow, calendar?: CalendarRow, principal?: Principal): Promise<Appointment> {
    const [one] = await this.presentMany(trx, principal, [row], calendar ? [calendar] : undefined);
    return one!;
  }

  async presentMany(trx: Trx, principal: Principal | undefined, rows: readonly AppointmentRow[], known?: CalendarRow[]): Promise<Appointment[]> {
    const attendees = await this.appointments.attendeesOf(trx, [...new Set(rows.map((r) => r.id))]);
    const calendars = new Map((known ?? (await this.calendars.findMany(trx, [...new Set(rows.map((r) => r.calendar_id))]))).map((c) => [c.id, c]));
    return rows.map((r) => {
      const editable = r.status === 'confirmed' && calendars.get(r.calendar_id)?.is_default === true && (principal === undefined || canSeeOwner(principal, r.owner_id));
      return toAppointment(r, attendees.get(r.id) ?? [], editable);
    });
  }
}
