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
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'owner_id']).where('kind', '=', 'builtin').doNothing())
      .execute();
    return trx.selectFrom('calendars').selectAll().where('owner_id', '=', ownerId).where('kind', '=', 'builtin').executeTakeFirstOrThrow();
  }

  /** The owner's default calendar (the built-in one, made on first use, when no other is). */
  async defaultOf(trx: Trx, tenantId: string, ownerId: string): Promise<CalendarRow> {
    const found = await trx.selectFrom('calendars').selectAll().where('owner_id', '=', ownerId).where('is_default', '=', true).executeTakeFirst();
    return found ?? this.ensureBuiltin(trx, tenantId, ownerId);
  }

  async find(trx: Trx, id: string): Promise<CalendarRow | undefined> {
    return trx.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findMany(trx: Trx, ids: readonly string[]): Promise<CalendarRow[]> {
    if (ids.length === 0) return [];
    return trx.selectFrom('calendars').selectAll().where('id', 'in', [...ids]).execute();
  }

  async listOf(trx: Trx, ownerIds: readonly string[] | 'all', limit: number, offset: number): Promise<CalendarRow[]> {
    let q = trx.selectFrom('calendars').selectAll();
    if (ownerIds !== 'all') q = q.where('owner_id', 'in', ownerIds.length > 0 ? [...ownerIds] : ['0']);
    return q.orderBy('owner_id').orderBy('id').limit(limit).offset(offset).execute();
  }
}
