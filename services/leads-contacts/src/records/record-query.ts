import { sql, type RawBuilder } from 'kysely';

/** A condition on the custom field value index: the record has this value for this field. */
export interface CustomFieldCondition {
  fieldId: string;
  column: 'text' | 'number';
  value: string;
}

export interface CustomFieldSort {
  customField: string;
  by: 'text' | 'number';
  descending: boolean;
}

type RecordTable = 'leads' | 'contacts';

/** `EXISTS` on custom_field_values for one record table (the table name is a fixed identifier). */
export function customFieldCondition(table: RecordTable, c: CustomFieldCondition): RawBuilder<boolean> {
  const match = c.column === 'number' ? sql`v.value_number = ${c.value}::numeric` : sql`lower(v.value_text) = lower(${c.value})`;
  return sql<boolean>`exists (select 1 from custom_field_values v where v.record_id = ${sql.ref(`${table}.id`)} and v.field_id = ${c.fieldId} and ${match})`;
}

/** Sort key: the record's value of one (single-valued) field; records without a value sort last. */
export function customFieldSortKey(table: RecordTable, s: CustomFieldSort): RawBuilder<unknown> {
  const value = s.by === 'number' ? sql`s.value_number` : sql`lower(s.value_text)`;
  const direction = s.descending ? sql`desc` : sql`asc`;
  return sql`(select ${value} from custom_field_values s where s.record_id = ${sql.ref(`${table}.id`)} and s.field_id = ${s.customField} limit 1) ${direction} nulls last`;
}
