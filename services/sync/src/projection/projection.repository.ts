import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Trx } from '../database';

export type SyncType = 'lead' | 'contact' | 'deal' | 'note' | 'user';

export interface SyncObjectsTable {
  tenant_id: string;
  type: SyncType;
  id: string;
  revision: string;
  owner_id: string | null;
  deleted: boolean;
  snapshot: Buffer | null;
  changed_at: Date;
  parent_type: string | null;
  parent_id: string | null;
}

export interface ProjectionTables {
  sync_objects: SyncObjectsTable;
}

/** A record as an event describes it: its snapshot, or none when it was deleted. */
export interface ObjectChange {
  type: SyncType;
  id: string;
  /** Who sees it with the records they own; null: every member of the tenant. */
  ownerId: string | null;
  /** The record a note is on. */
  parent?: { type: SyncType; id: string };
  snapshot: Uint8Array | null;
  changedAt: Date;
}

/** The only SQL of the copy of the records; runs inside the consuming transaction (the event's tenant). */
@Injectable()
export class ProjectionRepository {
  /**
   * Writes the record's newest state with the next revision. An event older than the stored state
   * changes nothing, and a deleted record stays deleted: ids are never reused.
   */
  async apply(trx: Trx, tenantId: string, change: ObjectChange): Promise<void> {
    const snapshot = change.snapshot ? Buffer.from(change.snapshot) : null;
    await sql`
      insert into sync_objects (tenant_id, type, id, owner_id, deleted, snapshot, changed_at, parent_type, parent_id)
      values (${tenantId}, ${change.type}, ${change.id}, ${change.ownerId}, ${snapshot === null}, ${snapshot}, ${change.changedAt}, ${change.parent?.type ?? null}, ${change.parent?.id ?? null})
      on conflict (tenant_id, type, id) do update
        set revision = sync_objects.revision + 1, owner_id = coalesce(excluded.owner_id, sync_objects.owner_id),
            deleted = excluded.deleted, snapshot = excluded.snapshot, changed_at = excluded.changed_at
        where not sync_objects.deleted and sync_objects.changed_at <= excluded.changed_at`.execute(trx);
  }

  /** The notes of a record follow it: to its new owner, or gone with it (each a new revision). */
  async followRecord(trx: Trx, type: SyncType, id: string, change: { ownerId: string } | { deletedAt: Date }): Promise<void> {
    if ('ownerId' in change) {
      await sql`
        update sync_objects set owner_id = ${change.ownerId}, revision = revision + 1
        where type = 'note' and parent_type = ${type} and parent_id = ${id} and not deleted and owner_id is distinct from ${change.ownerId}`.execute(trx);
    } else {
      await sql`
        update sync_objects set deleted = true, snapshot = null, revision = revision + 1, changed_at = ${change.deletedAt}
        where type = 'note' and parent_type = ${type} and parent_id = ${id} and not deleted`.execute(trx);
    }
  }
}
