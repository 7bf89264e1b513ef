import { Injectable } from '@nestjs/common';
import { sql, type Generated, type JSONColumnType, type Selectable, type Transaction } from 'kysely';
import { chunksWithin, narrowTo } from '@crm/db-pg';
import { textKey, type CustomFieldChoice, type CustomFieldType, type IndexedValue } from './custom-field-value';

/** Columns of one `custom_field_values` row, for the statement's parameter count. */
const VALUE_COLUMNS = 7;

export type CustomFieldResourceName = 'lead' | 'contact' | 'deal';

export interface CustomFieldsTable {
  id: Generated<string>;
  tenant_id: string;
  resource: CustomFieldResourceName;
  name: string;
  type: CustomFieldType;
  /** Written as JSON text, read back as the list. */
  choices: JSONColumnType<CustomFieldChoice[]>;
  for_company: boolean;
  for_contact: boolean;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CustomFieldValuesTable {
  tenant_id: string;
  field_id: string;
  record_id: string;
  value_text: string | null;
  value_number: string | null;
  /** Leakproof index keys (see record-query.ts): lower-cased text, float8 number. */
  text_key: string | null;
  number_key: number | null;
}

export interface CustomFieldsDatabase {
  custom_fields: CustomFieldsTable;
  custom_field_values: CustomFieldValuesTable;
}

export type CustomFieldRow = Selectable<CustomFieldsTable>;
type Trx = Transaction<CustomFieldsDatabase>;

/** A service transaction seen over the custom-field tables. */
export const customFieldTables = narrowTo<CustomFieldsDatabase>();

/** The only SQL about custom field definitions and their value index. */
@Injectable()
export class CustomFieldsRepository {
  async list(trx: Trx, resource: CustomFieldResourceName): Promise<CustomFieldRow[]> {
    return trx.selectFrom('custom_fields').selectAll().where('resource', '=', resource).orderBy('id').execute();
  }

  async find(trx: Trx, resource: CustomFieldResourceName, id: string, forUpdate = false): Promise<CustomFieldRow | undefined> {
    const q = trx.selectFrom('custom_fields').selectAll().where('resource', '=', resource).where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  async insert(trx: Trx, row: Omit<CustomFieldsTable, 'id' | 'created_at' | 'updated_at' | 'choices'> & { choices: CustomFieldChoice[] }): Promise<CustomFieldRow> {
    return trx.insertInto('custom_fields').values({ ...row, choices: JSON.stringify(row.choices) }).returningAll().executeTakeFirstOrThrow();
  }

  async update(trx: Trx, id: string, changes: Partial<Pick<CustomFieldsTable, 'name' | 'for_company' | 'for_contact'> & { choices: CustomFieldChoice[] }>): Promise<CustomFieldRow> {
    const { choices, ...rest } = changes;
    return trx
      .updateTable('custom_fields')
      .set({ ...rest, ...(choices ? { choices: JSON.stringify(choices) } : {}), updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('custom_fields').where('id', '=', id).execute();
  }

  /** How many records use any of the given options of a dropdown field. */
  async countUsingOptions(trx: Trx, fieldId: string, optionIds: number[]): Promise<number> {
    if (optionIds.length === 0) return 0;
    const r = await trx
      .selectFrom('custom_field_values')
      .select(sql<string>`count(distinct record_id)`.as('n'))
      .where('field_id', '=', fieldId)
      .where('value_number', 'in', optionIds.map(String))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Replaces a record's indexed values of the given fields. */
  async replaceValues<DB extends CustomFieldsDatabase>(serviceTrx: Transaction<DB>, tenantId: string, recordId: string, values: Map<string, IndexedValue[]>): Promise<void> {
    if (values.size === 0) return;
    await customFieldTables(serviceTrx).deleteFrom('custom_field_values').where('record_id', '=', recordId).where('field_id', 'in', [...values.keys()]).execute();
    await this.insertValues(serviceTrx, tenantId, [{ recordId, values }]);
  }

  /** Indexes the values of records that have none yet (new records), in as few statements as the parameter limit allows. */
  async insertValues<DB extends CustomFieldsDatabase>(serviceTrx: Transaction<DB>, tenantId: string, records: readonly { recordId: string; values: Map<string, IndexedValue[]> }[]): Promise<void> {
    const rows = records.flatMap(({ recordId, values }) =>
      [...values].flatMap(([fieldId, indexed]) =>
        indexed.map((v) => ({ tenant_id: tenantId, field_id: fieldId, record_id: recordId, ...v, text_key: v.value_text === null ? null : textKey(v.value_text), number_key: v.value_number === null ? null : Number(v.value_number) })),
      ),
    );
    const trx = customFieldTables(serviceTrx);
    for (const chunk of chunksWithin(rows, VALUE_COLUMNS)) await trx.insertInto('custom_field_values').values(chunk).execute();
  }

  async deleteRecordValues<DB extends CustomFieldsDatabase>(trx: Transaction<DB>, recordId: string, fieldIds: string[]): Promise<void> {
    if (fieldIds.length === 0) return;
    await customFieldTables(trx).deleteFrom('custom_field_values').where('record_id', '=', recordId).where('field_id', 'in', fieldIds).execute();
  }
}
