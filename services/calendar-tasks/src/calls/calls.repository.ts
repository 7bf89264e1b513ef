import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Trx } from '../database';
import type { CallResourceType, CallState } from './call-rules';

export interface CallsTable extends CallState {
  id: Generated<string>;
  tenant_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TextMessagesTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  content: string;
  incoming: boolean;
  resource_type: CallResourceType | null;
  resource_id: string | null;
  resource_phone_number: string | null;
  user_phone_number: string | null;
  associated_deal_ids: string[];
  sent_at: Date;
  external_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CallsTables {
  calls: CallsTable;
  text_messages: TextMessagesTable;
}

export type CallRow = Selectable<CallsTable>;
export type TextMessageRow = Selectable<TextMessagesTable>;

export const CALL_SORT_COLUMNS = ['id', 'made_at', 'duration', 'created_at', 'updated_at'] as const;
export const TEXT_MESSAGE_SORT_COLUMNS = ['id', 'sent_at', 'created_at', 'updated_at'] as const;

export interface ActivityQuery<Column extends string> {
  ids: string[];
  userIds: readonly string[] | 'all';
  resourceType?: CallResourceType;
  resourceId?: string;
  associatedDealId?: string;
  sort: { column: Column; descending: boolean }[];
  limit: number;
  offset: number;
}

/** The only SQL about calls and text messages. */
@Injectable()
export class CallsRepository {
  async insert(trx: Trx, row: Omit<CallsTable, 'id' | 'created_at' | 'updated_at'>): Promise<CallRow> {
    return trx.insertInto('calls').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<CallRow | undefined> {
    const q = trx.selectFrom('calls').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  async findByExternalId(trx: Trx, externalId: string): Promise<CallRow | undefined> {
    return trx.selectFrom('calls').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  }

  async update(trx: Trx, id: string, values: CallState): Promise<CallRow> {
    return trx.updateTable('calls').set({ ...values, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('calls').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: ActivityQuery<(typeof CALL_SORT_COLUMNS)[number]>): Promise<CallRow[]> {
    let query = trx.selectFrom('calls').selectAll();
    if (q.userIds !== 'all') query = query.where('user_id', 'in', q.userIds.length > 0 ? [...q.userIds] : ['0']);
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
    if (q.resourceId) query = query.where('resource_id', '=', q.resourceId);
    if (q.associatedDealId) query = query.where(sql<boolean>`associated_deal_ids @> array[${q.associatedDealId}]::bigint[]`);
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(q.limit).offset(q.offset).execute();
  }

  async insertTextMessage(trx: Trx, row: Omit<TextMessagesTable, 'id' | 'created_at' | 'updated_at'>): Promise<TextMessageRow> {
    return trx.insertInto('text_messages').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async findTextMessage(trx: Trx, id: string): Promise<TextMessageRow | undefined> {
    return trx.selectFrom('text_messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findTextMessageByExternalId(trx: Trx, externalId: string): Promise<TextMessageRow | undefined> {
    return trx.selectFrom('text_messages').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  }

  async listTextMessages(trx: Trx, q: ActivityQuery<(typeof TEXT_MESSAGE_SORT_COLUMNS)[number]>): Promise<TextMessageRow[]> {
    let query = trx.selectFrom('text_messages').selectAll();
    if (q.userIds !== 'all') query = query.where('user_id', 'in', q.userIds.length > 0 ? [...q.userIds] : ['0']);
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
    if (q.resourceId) query = query.where('resource_id', '=', q.resourceId);
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(q.limit).offset(q.offset).execute();
  }
}
