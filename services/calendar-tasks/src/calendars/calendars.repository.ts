import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Trx } from '../database';

export interface CalendarsTable {
  id: Generated<string>;
  tenant_id: string;
  owner_id: string;
  kind: 'builtin' | 'caldav';
  name: string;
  is_default: Generated<boolean>;
  server_url: string | null;
  calendar_url: string | null;
  username: string | null;
  /** The sealed password (SecretBox): never leaves the service. */
  secret: Buffer | null;
  ctag: string | null;
  sync_token: string | null;
  sync_status: Generated<'ok' | 'error'>;
  sync_error: string | null;
  last_synced_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CalendarsTables {
  calendars: CalendarsTable;
}

export type CalendarRow = Selectable<CalendarsTable>;

/** The only SQL about calendars. */
@Injectable()
export class CalendarsRepository {
  /**
   * The owner's built-in calendar, made on first use; it is the default unless the owner already
   * has one. Concurrent first uses make one calendar.
   */
  async ensureBuiltin(trx: Trx, tenantId: string, ownerId: string): Promise<CalendarRow> {
    await trx
      .insertInto('calendars')
      .values({
        tenant_id: tenantId,
        owner_id: ownerId,
        kind: 'builtin',
        name: 'Calendar',
        is_default: sql<boolean>`not exists (select 1 from calendars where tenant_id = ${tenantId} and owner_id = ${ownerId} and is_default)`,
        server_url: null, calendar_url: null, username: null, secret: null, ctag: null, sync_token: null, sync_error: null, last_synced_at: null,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'owner_id']).where('kind', '=', 'builtin').doNothing())
      .execute();
    return trx.selectFrom('calendars').selectAll().where('owner_id', '=', ownerId).where('kind', '=', 'builtin').executeTakeFirstOrThrow();
  }

  /** The owner's default calendar (the built-in one, made on first use, when no other is). */
  async defaultOf(trx: Trx, tenantId: string, ownerId: string): Promise<CalendarRow> {
    const found = await trx.selectFrom('calendars').selectAll().where('owner_id', '=', ownerId).where('is_default', '=', true).executeTakeFirst();
    if (found) return found;
    // None (the default one was disconnected): the built-in calendar is the default again.
    const builtin = await this.ensureBuiltin(trx, tenantId, ownerId);
    return builtin.is_default ? builtin : this.makeDefault(trx, builtin);
  }

  async find(trx: Trx, id: string): Promise<CalendarRow | undefined> {
    return trx.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The owner's CalDAV calendar at this URL, if connected. */
  async findByUrl(trx: Trx, ownerId: string, calendarUrl: string): Promise<CalendarRow | undefined> {
    return trx.selectFrom('calendars').selectAll().where('owner_id', '=', ownerId).where('calendar_url', '=', calendarUrl).executeTakeFirst();
  }

  async findMany(trx: Trx, ids: readonly string[]): Promise<CalendarRow[]> {
    if (ids.length === 0) return [];
    return trx.selectFrom('calendars').selectAll().where('id', 'in', [...ids]).execute();
  }

  async insertCaldav(trx: Trx, row: { tenant_id: string; owner_id: string; name: string; server_url: string; calendar_url: string; username: string; secret: Buffer }): Promise<CalendarRow> {
    return trx.insertInto('calendars').values({ ...row, kind: 'caldav', is_default: false, ctag: null, sync_token: null, sync_error: null, last_synced_at: null }).returningAll().executeTakeFirstOrThrow();
  }

  async update(trx: Trx, id: string, values: Partial<Pick<CalendarsTable, 'name' | 'username' | 'secret' | 'ctag' | 'sync_token' | 'sync_error' | 'last_synced_at'>> & { sync_status?: 'ok' | 'error' }): Promise<CalendarRow> {
    return trx.updateTable('calendars').set({ ...values, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Makes the calendar its owner's default, the one the CRM writes to. */
  async makeDefault(trx: Trx, calendar: CalendarRow): Promise<CalendarRow> {
    await trx.updateTable('calendars').set({ is_default: false, updated_at: sql`now()` }).where('owner_id', '=', calendar.owner_id).where('is_default', '=', true).where('id', '<>', calendar.id).execute();
    return trx.updateTable('calendars').set({ is_default: true, updated_at: sql`now()` }).where('id', '=', calendar.id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('calendars').where('id', '=', id).execute();
  }

  async listOf(trx: Trx, ownerIds: readonly string[] | 'all', limit: number, offset: number): Promise<CalendarRow[]> {
    let q = trx.selectFrom('calendars').selectAll();
    if (ownerIds !== 'all') q = q.where('owner_id', 'in', ownerIds.length > 0 ? [...ownerIds] : ['0']);
    return q.orderBy('owner_id').orderBy('is_default', 'desc').orderBy('id').limit(limit).offset(offset).execute();
  }
}
