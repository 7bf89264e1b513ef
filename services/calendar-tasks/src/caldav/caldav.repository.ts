import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { Trx } from '../database';

export interface CaldavResourcesTable {
  calendar_id: string;
  tenant_id: string;
  href: string;
  uid: string;
  etag: string | null;
  dirty: boolean;
  deleted: boolean;
}

export interface CaldavSyncScheduleTable {
  calendar_id: string;
  tenant_id: string;
  next_sync_at: Date;
  lease_until: Date | null;
}

export interface CaldavTables {
  caldav_resources: CaldavResourcesTable;
  caldav_sync_schedule: CaldavSyncScheduleTable;
}

export type CaldavResourceRow = Selectable<CaldavResourcesTable>;

/** The only SQL about CalDAV objects and the sync schedule. */
@Injectable()
export class CaldavRepository {
  async resources(trx: Trx, calendarId: string): Promise<CaldavResourceRow[]> {
    return trx.selectFrom('caldav_resources').selectAll().where('calendar_id', '=', calendarId).execute();
  }

  async byUid(trx: Trx, calendarId: string, uid: string): Promise<CaldavResourceRow | undefined> {
    return trx.selectFrom('caldav_resources').selectAll().where('calendar_id', '=', calendarId).where('uid', '=', uid).executeTakeFirst();
  }

  /** Records the server's copy of an object: its href, UID and ETag, nothing pending. */
  async seen(trx: Trx, row: Omit<CaldavResourcesTable, 'dirty' | 'deleted'>): Promise<void> {
    await trx
      .insertInto('caldav_resources')
      .values({ ...row, dirty: false, deleted: false })
      .onConflict((oc) => oc.columns(['calendar_id', 'href']).doUpdateSet({ uid: row.uid, etag: row.etag, dirty: false, deleted: false }))
      .execute();
  }

  /** Records the server's copies of many objects (a sync's new ones) in one statement. */
  async seenMany(trx: Trx, rows: readonly Omit<CaldavResourcesTable, 'dirty' | 'deleted'>[]): Promise<void> {
    if (rows.length === 0) return;
    await trx
      .insertInto('caldav_resources')
      .values(rows.map((r) => ({ ...r, dirty: false, deleted: false })))
      .onConflict((oc) => oc.columns(['calendar_id', 'href']).doUpdateSet({ uid: sql`excluded.uid`, etag: sql`excluded.etag`, dirty: false, deleted: false }))
      .execute();
  }

  /** Marks the object of an appointment's UID as changed in the CRM (made when new), to be written to the server. */
  async markDirty(trx: Trx, tenantId: string, calendarId: string, uid: string, newHref: string, deleted: boolean): Promise<void> {
    await trx
      .insertInto('caldav_resources')
      .values({ calendar_id: calendarId, tenant_id: tenantId, href: newHref, uid, etag: null, dirty: true, deleted })
      .onConflict((oc) => oc.columns(['calendar_id', 'uid']).doUpdateSet({ dirty: true, deleted }))
      .execute();
  }

  async forget(trx: Trx, calendarId: string, href: string): Promise<void> {
    await trx.deleteFrom('caldav_resources').where('calendar_id', '=', calendarId).where('href', '=', href).execute();
  }

  async setEtag(trx: Trx, calendarId: string, href: string, etag: string | null): Promise<void> {
    await trx.updateTable('caldav_resources').set({ etag, dirty: false }).where('calendar_id', '=', calendarId).where('href', '=', href).execute();
  }

  /** Of these calendars, those with a sync asked for (due now) or running (leased). */
  async pending(trx: Trx, calendarIds: readonly string[]): Promise<Set<string>> {
    if (calendarIds.length === 0) return new Set();
    const rows = await trx
      .selectFrom('caldav_sync_schedule')
      .select('calendar_id')
      .where('calendar_id', 'in', [...calendarIds])
      .where((eb) => eb.or([eb('next_sync_at', '<=', sql<Date>`now()`), eb('lease_until', '>', sql<Date>`now()`)]))
      .execute();
    return new Set(rows.map((r) => String(r.calendar_id)));
  }

  /** Schedules the calendar's next sync (now, for one asked for). */
  async scheduleSync(trx: Trx, tenantId: string, calendarId: string, at: Date | 'now'): Promise<void> {
    const when = at === 'now' ? sql<Date>`now()` : at;
    await trx
      .insertInto('caldav_sync_schedule')
      .values({ calendar_id: calendarId, tenant_id: tenantId, next_sync_at: when, lease_until: null })
      .onConflict((oc) => oc.column('calendar_id').doUpdateSet({ next_sync_at: when }))
      .execute();
  }

  /**
   * Leases the calendar whose sync is most overdue, skipping those another replica holds; its
   * lease ends after `leaseMs` unless released first.
   */
  async leaseDue(trx: Trx, leaseMs: number): Promise<{ calendar_id: string; tenant_id: string } | undefined> {
    const { rows } = await sql<{ calendar_id: string; tenant_id: string }>`
      update caldav_sync_schedule s set lease_until = now() + ${`${leaseMs} milliseconds`}::interval
      where s.calendar_id = (
        select calendar_id from caldav_sync_schedule
        where next_sync_at <= now() and (lease_until is null or lease_until < now())
        order by next_sync_at limit 1 for update skip locked)
      returning s.calendar_id::text, s.tenant_id::text`.execute(trx);
    return rows[0];
  }

  /** Ends a lease and schedules the next sync, unless one was asked for meanwhile. */
  async release(trx: Trx, calendarId: string, nextAt: Date, startedAt: Date): Promise<void> {
    await trx
      .updateTable('caldav_sync_schedule')
      .set({ lease_until: null, next_sync_at: sql`case when next_sync_at > ${startedAt} then next_sync_at else ${nextAt}::timestamptz end` })
      .where('calendar_id', '=', calendarId)
      .execute();
  }
}
