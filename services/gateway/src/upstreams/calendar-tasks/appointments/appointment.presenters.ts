import type { crm } from '@crm/proto';
import { sellTime } from '../../../sell/sell-record';

/** An appointment in the Sell style: snake_case, integer ids, null for absent attributes. */
export function presentAppointment(a: crm.calendar.v1.Appointment) {
  return {
    id: Number(a.id),
    calendar_id: Number(a.calendarId),
    owner_id: Number(a.ownerId),
    creator_id: Number(a.creatorId),
    name: a.name,
    description: a.description,
    location: a.location,
    starts_at: sellTime(a.startsAt),
    ends_at: sellTime(a.endsAt),
    time_zone: a.timeZone,
    all_day: a.allDay,
    recurrence: a.recurrence ?? null,
    exdates: a.exdates.map((d) => sellTime(d)),
    series_id: a.seriesId === undefined ? null : Number(a.seriesId),
    recurrence_id: sellTime(a.recurrenceId),
    resource_type: a.resourceType ?? null,
    resource_id: a.resourceId === undefined ? null : Number(a.resourceId),
    status: a.status,
    reminder: a.reminder ?? null,
    attendees: a.attendees.map((t) => ({ email: t.email, name: t.name, user_id: t.userId === undefined ? null : Number(t.userId), status: t.status, responded_at: sellTime(t.respondedAt) })),
    editable: a.editable,
    uid: a.uid,
    sequence: a.sequence,
    created_at: sellTime(a.createdAt),
    updated_at: sellTime(a.updatedAt),
  };
}

/** A calendar; a CalDAV one with its server, collection, user name (never the password) and sync state. */
export function presentCalendar(c: crm.calendar.v1.Calendar) {
  return {
    id: Number(c.id), owner_id: Number(c.ownerId), kind: c.kind, name: c.name, default: c.isDefault,
    server_url: c.serverUrl ?? null, calendar_url: c.calendarUrl ?? null, username: c.username ?? null,
    sync_status: c.syncStatus, sync_error: c.syncError ?? null, last_synced_at: sellTime(c.lastSyncedAt), sync_pending: c.syncPending,
    created_at: sellTime(c.createdAt), updated_at: sellTime(c.updatedAt),
  };
}
