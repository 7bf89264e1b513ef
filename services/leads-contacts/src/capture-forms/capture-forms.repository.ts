import { Injectable } from '@nestjs/common';
import { sql, type Generated, type JSONColumnType, type Selectable } from 'kysely';
import type { StoredFormField } from './capture-form-rules';
import type { Trx, Database } from '../database';

export interface CaptureFormsTable {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  name: string;
  form_key: string;
  /** Written as JSON text, read back as the list. */
  fields: JSONColumnType<StoredFormField[]>;
  owner_id: string;
  source_id: string | null;
  tags: string[];
  active: boolean;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaptureFormKeysTable {
  form_key: string;
  tenant_id: string;
  form_id: string;
}

export interface CaptureFormsTables {
  capture_forms: CaptureFormsTable;
  capture_form_keys: CaptureFormKeysTable;
}

export type CaptureFormRow = Selectable<CaptureFormsTable>;
export type CaptureFormChanges = Partial<Pick<CaptureFormsTable, 'name' | 'owner_id' | 'source_id' | 'tags' | 'active'> & { fields: StoredFormField[] }>;

/** The only SQL about capture forms. */
@Injectable()
export class CaptureFormsRepository {
  async insert(trx: Trx, row: Omit<CaptureFormsTable, 'id' | 'created_at' | 'updated_at' | 'fields'> & { fields: StoredFormField[] }): Promise<CaptureFormRow> {
    const form = await trx.insertInto('capture_forms').values({ ...row, fields: JSON.stringify(row.fields) }).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('capture_form_keys').values({ form_key: form.form_key, tenant_id: form.tenant_id, form_id: form.id }).execute();
    return form;
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<CaptureFormRow | undefined> {
    const q = trx.selectFrom('capture_forms').selectAll().where('id', '=', id);
    return forUpdate ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
  }

  async update(trx: Trx, id: string, changes: CaptureFormChanges): Promise<CaptureFormRow> {
    const { fields, ...rest } = changes;
    const set = { ...rest, ...(fields ? { fields: JSON.stringify(fields) } : {}), updated_at: sql<Date>`now()` };
    return trx.updateTable('capture_forms').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** The key map row goes with the form (on delete cascade). */
  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('capture_forms').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: { ids: string[]; active?: boolean; limit: number; offset: number }): Promise<CaptureFormRow[]> {
    let query = trx.selectFrom('capture_forms').selectAll();
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.active !== undefined) query = query.where('active', '=', q.active);
    return query.orderBy('id').limit(q.limit).offset(q.offset).execute();
  }

  /** Outside any tenant: which tenant and form a public key belongs to. */
  async resolveKey(db: Database, formKey: string): Promise<{ tenant_id: string; form_id: string } | undefined> {
    return db.selectFrom('capture_form_keys').select(['tenant_id', 'form_id']).where('form_key', '=', formKey).executeTakeFirst();
  }
}
