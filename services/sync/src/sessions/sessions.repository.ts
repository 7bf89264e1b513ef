import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Trx } from '../database';
import type { SyncType } from '../projection/projection.repository';
import type { Acknowledged } from './ack-key';

export interface SyncDeviceObjectsTable {
  tenant_id: string;
  user_id: string;
  device_uuid: string;
  type: SyncType;
  id: string;
  revision: string;
  present: boolean;
}

export interface SyncSessionsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  device_uuid: string;
  total: number;
  sent: number;
  created_at: Date;
  expires_at: Date;
}

export interface SyncSessionItemsTable {
  tenant_id: string;
  session_id: string;
  seq: number;
  type: SyncType;
  id: string;
  event_type: 'created' | 'updated' | 'deleted';
}

export interface SessionTables {
  sync_device_objects: SyncDeviceObjectsTable;
  sync_sessions: SyncSessionsTable;
  sync_session_items: SyncSessionItemsTable;
}

export interface Device {
  tenantId: string;
  userId: string;
  deviceUuid: string;
}

/** The owners whose records a caller sees (`all` for the whole tenant). */
export type Visibility = readonly string[] | 'all';

/** One queued item with the record as it is now. */
export interface QueuedItem {
  type: SyncType;
  id: string;
  event_type: 'created' | 'updated' | 'deleted';
  revision: string;
  snapshot: Buffer | null;
  visible: boolean;
}

/** The only SQL of sessions and acknowledgements; runs inside tenant transactions (row-level security). */
@Injectable()
export class SessionsRepository {
  async purgeExpired(trx: Trx): Promise<void> {
    await trx.deleteFrom('sync_sessions').where('expires_at', '<', sql<Date>`now()`).execute();
  }

  /**
   * Queues for the session what the device must learn: every record the caller may see that the
   * device lacks or holds at an older revision (created / updated), and every record the device
   * holds that is deleted or no longer visible (deleted). Answers how many.
   */
  async queueChanges(trx: Trx, sessionId: string, device: Device, visibility: Visibility): Promise<number> {
    const all = visibility === 'all';
    const owners = all ? [] : [...visibility];
    const { numAffectedRows } = await sql`
      insert into sync_session_items (tenant_id, session_id, seq, type, id, event_type)
      select ${device.tenantId}, ${sessionId}, row_number() over (order by c.type, c.id), c.type, c.id,
             case when c.wanted and c.held then 'updated' when c.wanted then 'created' else 'deleted' end
      from (
        select o.type, o.id, o.revision,
               (not o.deleted and (${all} or o.owner_id is null or o.owner_id = any(${owners}::bigint[]))) as wanted,
               coalesce(d.present, false) as held, d.revision as held_revision
        from sync_objects o
        left join sync_device_objects d
          on d.user_id = ${device.userId} and d.device_uuid = ${device.deviceUuid} and d.type = o.type and d.id = o.id
      ) c
      where (c.wanted and (not c.held or c.held_revision < c.revision)) or (not c.wanted and c.held)`.execute(trx);
    return Number(numAffectedRows ?? 0);
  }

  async createSession(trx: Trx, session: SyncSessionsTable): Promise<void> {
    await trx.insertInto('sync_sessions').values(session).execute();
  }

  async setTotal(trx: Trx, id: string, total: number): Promise<void> {
    await trx.updateTable('sync_sessions').set({ total }).where('id', '=', id).execute();
  }

  async deleteSession(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('sync_sessions').where('id', '=', id).execute();
  }

  /** The device's live session, locked for the page being taken. */
  async liveSession(trx: Trx, id: string, device: Device): Promise<SyncSessionsTable | undefined> {
    return trx
      .selectFrom('sync_sessions')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', device.userId)
      .where('device_uuid', '=', device.deviceUuid)
      .where('expires_at', '>', sql<Date>`now()`)
      .forUpdate()
      .executeTakeFirst();
  }

  /** The next `limit` items after the `sent` first ones, with each record's current state. */
  async nextItems(trx: Trx, session: SyncSessionsTable, limit: number, visibility: Visibility): Promise<QueuedItem[]> {
    const all = visibility === 'all';
    const owners = all ? [] : [...visibility];
    const { rows } = await sql<QueuedItem>`
      select i.type, i.id::text as id, i.event_type, o.revision::text as revision, o.snapshot,
             (not o.deleted and (${all} or o.owner_id is null or o.owner_id = any(${owners}::bigint[]))) as visible
      from sync_session_items i
      join sync_objects o on o.type = i.type and o.id = i.id
      where i.session_id = ${session.id} and i.seq > ${session.sent}
      order by i.seq
      limit ${limit}`.execute(trx);
    return rows;
  }

  async markSent(trx: Trx, id: string, sent: number): Promise<void> {
    await trx.updateTable('sync_sessions').set({ sent }).where('id', '=', id).execute();
  }

  /** Records acknowledgements; one older than what the device acknowledged before changes nothing. */
  async acknowledge(trx: Trx, device: Device, acks: readonly Acknowledged[]): Promise<void> {
    if (acks.length === 0) return;
    await trx
      .insertInto('sync_device_objects')
      .values(acks.map((a) => ({ tenant_id: device.tenantId, user_id: device.userId, device_uuid: device.deviceUuid, type: a.type, id: a.id, revision: a.revision, present: a.present })))
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'user_id', 'device_uuid', 'type', 'id'])
          .doUpdateSet({ revision: (eb) => eb.ref('excluded.revision'), present: (eb) => eb.ref('excluded.present') })
          .where('sync_device_objects.revision', '<=', (eb) => eb.ref('excluded.revision')),
      )
      .execute();
  }
}
