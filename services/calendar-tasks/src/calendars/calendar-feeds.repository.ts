import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Trx } from '../database';
import type { AppointmentRow } from '../appointments/appointments.repository';

export interface CalendarFeedsTable {
  tenant_id: string;
  owner_id: string;
  token_hash: Buffer;
  created_at: Date;
}

export interface CalendarFeedTables {
  calendar_feeds: CalendarFeedsTable;
}

/** The only SQL about calendar feeds. */
@Injectable()
export class CalendarFeedsRepository {
  async find(trx: Trx, ownerId: string): Promise<{ owner_id: string; created_at: Date } | undefined> {
    return trx.selectFrom('calendar_feeds').select(['owner_id', 'created_at']).where('owner_id', '=', ownerId).executeTakeFirst();
  }

  /** Makes the owner's feed, or replaces its token. */
  async upsert(trx: Trx, tenantId: string, ownerId: string, tokenHash: Buffer): Promise<{ owner_id: string; created_at: Date }> {
    return trx
      .insertInto('calendar_feeds')
      .values({ tenant_id: tenantId, owner_id: ownerId, token_hash: tokenHash, created_at: new Date() })
      .onConflict((oc) => oc.columns(['tenant_id', 'owner_id']).doUpdateSet({ token_hash: tokenHash, created_at: sql`now()` }))
      .returning(['owner_id', 'created_at'])
      .executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, ownerId: string): Promise<boolean> {
    const removed = await trx.deleteFrom('calendar_feeds').where('owner_id', '=', ownerId).executeTakeFirst();
    return Number(removed.numDeletedRows) > 0;
  }

  async ownerOf(trx: Trx, tokenHash: Buffer): Promise<string | undefined> {
    return (await trx.selectFrom('calendar_feeds').select('owner_id').where('token_hash', '=', tokenHash).executeTakeFirst())?.owner_id;
  }

  /** The owner's confirmed appointments a feed shows: ended since `since`, or part of a series. */
  async appointments(trx: Trx, ownerId: string, since: Date, limit: number): Promise<AppointmentRow[]> {
    return trx
      .selectFrom('appointments')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('status', '=', 'confirmed')
      .where((eb) => eb.or([eb('ends_at', '>=', since), eb('rrule', 'is not', null), eb('series_id', 'is not', null)]))
      .orderBy('starts_at')
      .limit(limit)
      .execute();
  }
}
