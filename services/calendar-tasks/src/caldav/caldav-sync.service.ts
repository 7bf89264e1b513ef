import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { SecretBox } from '@crm/config';
import { inTenantTransaction } from '@crm/db-pg';
import { AppointmentEvents } from '../appointments/appointment-events';
import { AppointmentPresenter, toAppointment } from '../appointments/appointment-presenter';
import { changedAppointmentFields, newUid, type AppointmentState } from '../appointments/appointment-rules';
import { AppointmentsRepository, type AppointmentRow } from '../appointments/appointments.repository';
import { CONFIG, DATABASE, LOGGER, SECRET_BOX } from '../calendar-tasks.constants';
import { CalendarsRepository, type CalendarRow } from '../calendars/calendars.repository';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { Database, Trx } from '../database';
import { snapshotOf } from '../invitations/invitation-outbox';
import { CaldavAccount, CaldavError, type RemoteObject } from './caldav-client';
import { secretContext } from './caldav-paths';
import { CaldavRepository, type CaldavResourceRow } from './caldav.repository';
import { parseResource, renderResource, type RemoteEvent } from './ical-mapping';

/** Objects fetched per calendar-multiget and applied per transaction. */
const CHUNK = 200;

function stateOfEvent(e: RemoteEvent, ownerId: string): AppointmentState {
  return {
    name: e.name, description: e.description, location: e.location, starts_at: e.startsAt, ends_at: e.endsAt, time_zone: e.timeZone, all_day: e.allDay,
    rrule: e.recurrenceId ? null : e.rrule, exdates: e.recurrenceId ? [] : e.exdates, resource_type: null, resource_id: null, owner_id: ownerId, reminder_preset: null,
  };
}

function stateOfRow(r: AppointmentRow): AppointmentState {
  return {
    name: r.name, description: r.description, location: r.location, starts_at: r.starts_at, ends_at: r.ends_at, time_zone: r.time_zone, all_day: r.all_day,
    rrule: r.rrule, exdates: r.exdates, resource_type: null, resource_id: null, owner_id: r.owner_id, reminder_preset: null,
  };
}

/**
 * Two-way sync of one CalDAV calendar (decision 28). Pull: the changes since the stored sync token
 * (RFC 6578 sync-collection), else an ETag listing compared with what is known; changed objects are
 * fetched with calendar-multiget and become appointments (read-only unless the calendar is the
 * owner's default); objects gone from the server delete theirs. Push, for the default calendar
 * only: each object changed in the CRM is written with If-Match (If-None-Match for a new one), and
 * deleted for a cancelled appointment. Conflicts: the higher SEQUENCE wins; with equal SEQUENCEs the
 * server's copy is kept.
 */
@Injectable()
export class CaldavSync {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: CalendarTasksConfig,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly calendars: CalendarsRepository,
    private readonly caldav: CaldavRepository,
    private readonly appointments: AppointmentsRepository,
    private readonly presenter: AppointmentPresenter,
    private readonly events: AppointmentEvents,
  ) {}

  /** Syncs the calendar; a failure is recorded on it (sync_status error), never thrown, and nothing is lost. */
  async sync(tenantId: string, calendarId: string): Promise<void> {
    const calendar = await inTenantTransaction(this.db, tenantId, (trx) => this.calendars.find(trx, calendarId));
    if (!calendar || calendar.kind !== 'caldav') return;
    try {
      const account = await CaldavAccount.connect(calendar.server_url!, calendar.username!, this.box.open(calendar.secret!, secretContext(calendar)), this.config.caldav.timeoutMs);
      const remote = (await account.calendars()).find((c) => sameCollection(c.url, calendar.calendar_url!));
      if (!remote) throw new CaldavError('not-found', 'the calendar is no longer on the server');
      const token = await this.pull(account, tenantId, calendar, remote.syncToken);
      if (calendar.is_default) await this.push(account, tenantId, calendar);
      await inTenantTransaction(this.db, tenantId, (trx) => this.calendars.update(trx, calendarId, { ctag: remote.ctag, sync_token: token, sync_status: 'ok', sync_error: null, last_synced_at: new Date() }));
    } catch (e) {
      const message = e instanceof CaldavError ? `${e.kind}: ${e.message}` : `error: ${(e as Error).message ?? String(e)}`;
      this.logger.warn({ calendarId, tenantId, err: message }, 'CalDAV sync failed');
      await inTenantTransaction(this.db, tenantId, (trx) => this.calendars.update(trx, calendarId, { sync_status: 'error', sync_error: message.slice(0, 1000), last_synced_at: new Date() }));
    }
  }

  /** Brings the server's changes in; answers the sync token to store. */
  private async pull(account: CaldavAccount, tenantId: string, calendar: CalendarRow, currentToken: string | null): Promise<string | null> {
    const url = calendar.calendar_url!;
    const known = new Map((await inTenantTransaction(this.db, tenantId, (trx) => this.caldav.resources(trx, calendar.id))).map((r) => [r.href, r]));
    const differs = (o: RemoteObject) => known.get(o.href)?.etag !== o.etag;
    let changed: RemoteObject[];
    let deleted: string[];
    let token: string | null;
    const incremental = calendar.sync_token ? await account.changesSince(url, calendar.sync_token) : 'invalid-token';
    if (incremental !== 'invalid-token') {
      changed = incremental.changed.filter(differs);
      deleted = incremental.deleted.filter((h) => known.has(h));
      token = incremental.syncToken ?? currentToken;
    } else {
      const listing = await account.listing(url);
      const present = new Set(listing.map((o) => o.href));
      changed = listing.filter(differs);
      // An object never written to the server (no ETag yet) is the CRM's, waiting for its push.
      deleted = [...known.values()].filter((r) => !present.has(r.href) && r.etag !== null).map((r) => r.href);
      token = currentToken;
    }
    for (let i = 0; i < changed.length; i += CHUNK) {
      const objects = await account.fetch(url, changed.slice(i, i + CHUNK).map((o) => o.href));
      await inTenantTransaction(this.db, tenantId, async (trx) => {
        const rest = await this.insertNew(trx, tenantId, calendar, objects, known);
        for (const o of rest) await this.applyRemote(trx, tenantId, calendar, o.href, o.etag, o.data, known.get(o.href));
      });
    }
    if (deleted.length > 0) {
      await inTenantTransaction(this.db, tenantId, async (trx) => {
        for (const href of deleted) await this.applyRemoteDeletion(trx, tenantId, calendar, known.get(href)!);
      });
    }
    return token;
  }

  /**
   * The objects of a chunk that are single events new to the CRM, inserted together (appointments,
   * attendees, events, hrefs: a statement each); answers the others, applied one by one.
   */
  private async insertNew(trx: Trx, tenantId: string, calendar: CalendarRow, objects: { href: string; etag: string | null; data: string }[], known: Map<string, CaldavResourceRow>) {
    const parsed = objects.map((o) => ({ o, events: parseResource(o.data) }));
    const candidates = parsed.filter((p) => p.events?.length === 1 && p.events[0]!.recurrenceId === null && !known.has(p.o.href));
    const taken = await this.appointments.uidsOnCalendar(trx, calendar.id, candidates.map((p) => p.events![0]!.uid));
    const seenUids = new Set<string>();
    const fresh = candidates.filter((p) => {
      const uid = p.events![0]!.uid;
      if (taken.has(uid) || seenUids.has(uid)) return false;
      seenUids.add(uid);
      return true;
    });
    if (fresh.length === 0) return objects;
    const rows = await this.appointments.insertMany(trx, fresh.map(({ events }) => {
      const e = events![0]!;
      return {
        tenant_id: tenantId, calendar_id: calendar.id, creator_id: calendar.owner_id, uid: e.uid, series_id: null, recurrence_id: null,
        ...stateOfEvent(e, calendar.owner_id), sequence: e.sequence, status: e.cancelled ? ('cancelled' as const) : ('confirmed' as const),
      };
    }));
    const byUid = new Map(rows.map((r) => [r.uid, r]));
    const attendees = await this.appointments.insertAttendees(trx, tenantId, fresh.flatMap(({ events }) => events![0]!.attendees.map((a) => ({ ...a, appointmentId: byUid.get(events![0]!.uid)!.id }))));
    await this.events.publishMany(trx, tenantId, rows.map((r) => [r.id, [['appointmentCreated', { appointment: toAppointment(r, attendees.get(r.id) ?? [], calendar.is_default && r.status === 'confirmed') }]]] as const));
    await this.caldav.seenMany(trx, fresh.map(({ o, events }) => ({ calendar_id: calendar.id, tenant_id: tenantId, href: o.href, uid: events![0]!.uid, etag: o.etag })));
    const inserted = new Set(fresh.map((p) => p.o.href));
    return objects.filter((o) => !inserted.has(o.href));
  }

  /** Writes the CRM's changes out (the default calendar only). */
  private async push(account: CaldavAccount, tenantId: string, calendar: CalendarRow): Promise<void> {
    const dirty = await inTenantTransaction(this.db, tenantId, async (trx) => (await this.caldav.resources(trx, calendar.id)).filter((r) => r.dirty));
    for (const resource of dirty) {
      const rows = await inTenantTransaction(this.db, tenantId, (trx) => this.appointments.byUidOnCalendar(trx, calendar.id, resource.uid));
      const master = rows.find((r) => r.recurrence_id === null);
      if (resource.deleted || !master || master.status === 'cancelled') {
        const outcome = resource.etag === null ? 'deleted' : await account.remove(resource.href, resource.etag);
        if (outcome === 'conflict') await this.refetch(account, tenantId, calendar, resource);
        else await inTenantTransaction(this.db, tenantId, (trx) => this.caldav.forget(trx, calendar.id, resource.href));
        continue;
      }
      const ics = await inTenantTransaction(this.db, tenantId, async (trx) => {
        const snapshots = await Promise.all(rows.filter((r) => r.status === 'confirmed').map(async (r) => snapshotOf(await this.presenter.present(trx, r), '')));
        return renderResource(snapshots.find((s) => s.recurrenceId === null)!, snapshots.filter((s) => s.recurrenceId !== null));
      });
      const written = await account.put(resource.href, ics, resource.etag);
      if (written === 'conflict') {
        await this.refetch(account, tenantId, calendar, resource);
        continue;
      }
      await inTenantTransaction(this.db, tenantId, (trx) => this.caldav.setEtag(trx, calendar.id, resource.href, written.etag));
    }
  }

  /** The server changed an object the CRM changed too: fetch it and let the conflict rule decide (applyRemote). */
  private async refetch(account: CaldavAccount, tenantId: string, calendar: CalendarRow, resource: CaldavResourceRow): Promise<void> {
    const [object] = await account.fetch(calendar.calendar_url!, [resource.href]);
    await inTenantTransaction(this.db, tenantId, async (trx) => {
      if (!object) await this.applyRemoteDeletion(trx, tenantId, calendar, resource);
      else await this.applyRemote(trx, tenantId, calendar, object.href, object.etag, object.data, resource);
    });
  }

  /**
   * Makes the appointments of one object what the server holds. When the CRM changed it too (a
   * pending push), the higher SEQUENCE wins and equal ones keep the server's copy; when the CRM's
   * wins, the object stays pending with the server's ETag, so the push replaces that version.
   */
  private async applyRemote(trx: Trx, tenantId: string, calendar: CalendarRow, href: string, etag: string | null, data: string, known: CaldavResourceRow | undefined): Promise<void> {
    const events = parseResource(data);
    const master = events?.find((e) => e.recurrenceId === null) ?? events?.[0];
    if (!events || !master) {
      this.logger.warn({ calendarId: calendar.id, href }, 'CalDAV object without a readable event left out');
      return;
    }
    const rows = await this.appointments.byUidOnCalendar(trx, calendar.id, master.uid);
    const local = rows.find((r) => r.recurrence_id === null);
    if (known?.dirty && local && local.sequence > master.sequence) {
      await this.caldav.seen(trx, { calendar_id: calendar.id, tenant_id: tenantId, href, uid: master.uid, etag });
      await this.caldav.markDirty(trx, tenantId, calendar.id, master.uid, href, known.deleted);
      return;
    }
    const byOccurrence = new Map(rows.map((r) => [r.recurrence_id?.getTime() ?? null, r]));
    let seriesId: string | null = null;
    for (const event of [...events].sort((a, b) => (a.recurrenceId ? 1 : 0) - (b.recurrenceId ? 1 : 0))) {
      const key = event.recurrenceId?.getTime() ?? null;
      const row = byOccurrence.get(key);
      byOccurrence.delete(key);
      const saved = await this.saveEvent(trx, tenantId, calendar, event, row, event.recurrenceId ? seriesId : null);
      if (!event.recurrenceId) seriesId = saved?.id ?? null;
    }
    // Occurrences the server no longer overrides.
    for (const gone of byOccurrence.values()) await this.remove(trx, tenantId, gone);
    await this.caldav.seen(trx, { calendar_id: calendar.id, tenant_id: tenantId, href, uid: master.uid, etag });
  }

  private async saveEvent(trx: Trx, tenantId: string, calendar: CalendarRow, event: RemoteEvent, row: AppointmentRow | undefined, seriesId: string | null): Promise<AppointmentRow | undefined> {
    if (event.recurrenceId && !seriesId) return undefined;
    const state = stateOfEvent(event, calendar.owner_id);
    const status = event.cancelled ? ('cancelled' as const) : ('confirmed' as const);
    if (!row) {
      const inserted = await this.appointments.insert(trx, {
        tenant_id: tenantId, calendar_id: calendar.id, creator_id: calendar.owner_id, uid: event.uid || newUid(tenantId), series_id: seriesId, recurrence_id: event.recurrenceId,
        ...state, sequence: event.sequence, status,
      });
      await this.appointments.setAttendeesAsServer(trx, tenantId, inserted.id, event.attendees);
      await this.events.publish(trx, tenantId, inserted.id, [['appointmentCreated', { appointment: await this.presenter.present(trx, inserted) }]]);
      return inserted;
    }
    const changed = changedAppointmentFields(stateOfRow(row), state);
    if (changed.length === 0 && row.status === status && row.sequence === event.sequence) {
      await this.appointments.setAttendeesAsServer(trx, tenantId, row.id, event.attendees);
      return row;
    }
    const { resource_type: _t, resource_id: _i, reminder_preset: _r, ...fields } = state;
    const updated = await this.appointments.update(trx, row.id, { ...fields, sequence: event.sequence, status });
    await this.appointments.setAttendeesAsServer(trx, tenantId, row.id, event.attendees);
    const appointment = await this.presenter.present(trx, updated);
    await this.events.publish(trx, tenantId, row.id, [status === 'cancelled' && row.status !== 'cancelled' ? ['appointmentCancelled', { appointment }] : ['appointmentUpdated', { appointment, changedFields: changed }]]);
    return updated;
  }

  /** An object deleted on the server: its appointments go (each with appointment.cancelled), whatever the CRM changed. */
  private async applyRemoteDeletion(trx: Trx, tenantId: string, calendar: CalendarRow, resource: CaldavResourceRow): Promise<void> {
    for (const row of await this.appointments.byUidOnCalendar(trx, calendar.id, resource.uid)) await this.remove(trx, tenantId, row);
    await this.caldav.forget(trx, calendar.id, resource.href);
  }

  private async remove(trx: Trx, tenantId: string, row: AppointmentRow): Promise<void> {
    const appointment = await this.presenter.present(trx, { ...row, status: 'cancelled' });
    await this.appointments.deleteMany(trx, [row.id]);
    if (row.status !== 'cancelled') await this.events.publish(trx, tenantId, row.id, [['appointmentCancelled', { appointment }]]);
  }
}

function sameCollection(a: string, b: string): boolean {
  const path = (u: string) => new URL(u).pathname.replace(/\/+$/, '');
  return path(a) === path(b);
}
