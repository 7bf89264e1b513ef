import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import { attachedRecordOwner, findRecordOwner } from '@crm/records';
import { LEAD_CONTACT_RECORDS, type AttachedResourceType } from '../records/attached-record';
import type { Trx } from '../database';

export interface DocumentsTable {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  resource_type: AttachedResourceType;
  resource_id: string;
  name: string;
  content_type: string;
  size: string;
  sha256: string;
  storage_key: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DocumentsTables {
  documents: DocumentsTable;
}

export type DocumentRow = Selectable<DocumentsTable>;
export type DocumentWithOwner = DocumentRow & { record_owner_id: string };
export const DOCUMENT_SORT_COLUMNS = ['id', 'name', 'size', 'created_at', 'updated_at'] as const;

export interface DocumentQuery {
  ids: string[];
  resourceType?: AttachedResourceType;
  resourceId?: string;
  ownerIds: readonly string[] | 'all';
  sort: { column: (typeof DOCUMENT_SORT_COLUMNS)[number]; descending: boolean }[];
  limit: number;
  offset: number;
}

const RECORD_OWNER = attachedRecordOwner('documents', LEAD_CONTACT_RECORDS);

/** The only SQL about documents and the purge queue of their stored bytes. */
@Injectable()
export class DocumentsRepository {
  recordOwner(trx: Trx, type: AttachedResourceType, id: string): Promise<string | undefined> {
    return findRecordOwner(trx, LEAD_CONTACT_RECORDS, type, id);
  }

  async insert(trx: Trx, row: Omit<DocumentsTable, 'id' | 'created_at' | 'updated_at'>): Promise<DocumentRow> {
    return trx.insertInto('documents').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<DocumentWithOwner | undefined> {
    const q = trx.selectFrom('documents').selectAll().select(RECORD_OWNER.as('record_owner_id')).where('id', '=', id);
    return (await (forUpdate ? q.forUpdate() : q).executeTakeFirst()) as DocumentWithOwner | undefined;
  }

  /** Deletes the metadata and queues the bytes for the purger (ObjectPurgesModule), in the caller's transaction. */
  async delete(trx: Trx, id: string): Promise<void> {
    await sql`with gone as (delete from documents where id = ${id} returning storage_key)
      insert into object_purges (storage_key) select storage_key from gone on conflict do nothing`.execute(trx);
  }

  async list(trx: Trx, q: DocumentQuery): Promise<DocumentWithOwner[]> {
    let query = trx.selectFrom('documents').selectAll().select(RECORD_OWNER.as('record_owner_id'));
    if (q.ownerIds !== 'all') query = query.where(RECORD_OWNER, 'in', q.ownerIds.length > 0 ? [...q.ownerIds] : ['0']);
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
    if (q.resourceId) query = query.where('resource_id', '=', q.resourceId);
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return (await query.limit(q.limit).offset(q.offset).execute()) as DocumentWithOwner[];
  }
}
