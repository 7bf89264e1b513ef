import type { Transaction } from 'kysely';
import type { FieldViolation } from '@crm/errors';
import type { CustomFieldCatalog } from './custom-fields/custom-field-catalog';
import { filterValue, indexValue, isSortable, sortColumn, type IndexedValue, type StoredValue } from './custom-fields/custom-field-value';
import type { CustomFieldsDatabase, CustomFieldsRepository } from './custom-fields/custom-fields.repository';
import type { CustomFieldCondition, CustomFieldSort, RecordListQuery } from './record-query';

const CUSTOM_SORT_PREFIX = 'custom_fields.';

/** snake_case column name → camelCase message field. */
export const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * Resolves a list request's custom field filters (by name) and sort keys (default columns or
 * `custom_fields.<name>`) against the tenant's definitions.
 */
function resolveListQuery<C extends string>(
  catalog: CustomFieldCatalog,
  filters: readonly { name: string; value: string }[],
  sort: readonly { field: string; descending: boolean }[],
  sortColumns: readonly C[],
  resourceLabel: string,
): { customFields: CustomFieldCondition[]; sort: ({ column: C; descending: boolean } | CustomFieldSort)[]; violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const customFields: CustomFieldCondition[] = [];
  for (const f of filters) {
    const def = catalog.name(f.name);
    const condition = def ? filterValue(def, f.value) : { error: `is not a custom field of ${resourceLabel}` };
    if ('error' in condition) violations.push({ field: `custom_fields[${f.name}]`, code: 'incorrect_value', message: condition.error });
    else customFields.push({ fieldId: def!.id, ...condition });
  }
  const resolved: ({ column: C; descending: boolean } | CustomFieldSort)[] = [];
  for (const s of sort) {
    if (s.field.startsWith(CUSTOM_SORT_PREFIX)) {
      const def = catalog.name(s.field.slice(CUSTOM_SORT_PREFIX.length));
      if (!def || !isSortable(def)) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `cannot sort by ${s.field}` });
      else resolved.push({ customField: def.id, by: sortColumn(def), descending: s.descending });
    } else if ((sortColumns as readonly string[]).includes(s.field)) {
      resolved.push({ column: s.field as C, descending: s.descending });
    } else {
      violations.push({ field: 'sort_by', code: 'incorrect_value', message: `cannot sort by ${s.field}` });
    }
  }
  return { customFields, sort: resolved, violations };
}

/** Keeps the filter/sort index of a record's custom fields in step with its stored values. */
export async function indexCustomFields<DB extends CustomFieldsDatabase>(
  repository: CustomFieldsRepository,
  trx: Transaction<DB>,
  tenantId: string,
  recordId: string,
  catalog: CustomFieldCatalog,
  fieldIds: readonly string[],
  stored: Record<string, StoredValue>,
): Promise<void> {
  await repository.replaceValues(trx, tenantId, recordId, indexedValues(catalog, fieldIds, stored));
}

/** Indexes the custom fields of records created in this transaction, all in one go. */
export async function indexNewRecordsCustomFields<DB extends CustomFieldsDatabase>(
  repository: CustomFieldsRepository,
  trx: Transaction<DB>,
  tenantId: string,
  catalog: CustomFieldCatalog,
  records: readonly { recordId: string; stored: Record<string, StoredValue> }[],
): Promise<void> {
  await repository.insertValues(
    trx,
    tenantId,
    records.map(({ recordId, stored }) => ({ recordId, values: indexedValues(catalog, Object.keys(stored), stored) })),
  );
}

function indexedValues(catalog: CustomFieldCatalog, fieldIds: readonly string[], stored: Record<string, StoredValue>): Map<string, IndexedValue[]> {
  const values = new Map<string, IndexedValue[]>();
  for (const fieldId of fieldIds) {
    const def = catalog.id(fieldId);
    if (!def) continue;
    values.set(fieldId, stored[fieldId] === undefined ? [] : indexValue(def, stored[fieldId]!));
  }
  return values;
}

const TIME_COLUMNS = ['created_at', 'updated_at'] as const;

/** Validates timestamp ranges of a list request (only created_at and updated_at, from ≤ to). */
function resolveTimeRanges(ranges: readonly { field: string; from?: Date | undefined; to?: Date | undefined }[], violations: FieldViolation[]): { column: (typeof TIME_COLUMNS)[number]; from?: Date; to?: Date }[] {
  const out: { column: (typeof TIME_COLUMNS)[number]; from?: Date; to?: Date }[] = [];
  for (const r of ranges) {
    if (!(TIME_COLUMNS as readonly string[]).includes(r.field)) violations.push({ field: r.field, code: 'incorrect_value', message: 'is not a filterable timestamp' });
    else if (r.from && r.to && r.from > r.to) violations.push({ field: r.field, code: 'incorrect_value', message: 'range starts after it ends' });
    else out.push({ column: r.field as (typeof TIME_COLUMNS)[number], ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) });
  }
  return out;
}

/** A list request as the gRPC list RPCs of records carry it. */
export interface RecordListRequest {
  page: number;
  perPage: number;
  filter: {
    ids: string[];
    customFields?: { name: string; value: string }[];
    tags?: string[];
    timeRanges?: { field: string; from?: Date | undefined; to?: Date | undefined }[];
  };
  sort: { field: string; descending: boolean }[];
}

/** A list request of a record resource as its service takes it: a RecordListRequest with the resource's own filter. */
export interface ListRecordsParams<Filter extends RecordListRequest['filter']> extends RecordListRequest {
  filter: Filter;
  withTotalCount?: boolean;
}

/**
 * Turns a list request into the repository query: equality filters on `filterColumns` (read from
 * the filter message by their camelCase names), custom fields, tags, time ranges, sort keys, the
 * caller's visible owners and paging. Returns every problem found instead when there are any.
 */
export function buildListQuery<F extends string, S extends string>(
  catalog: CustomFieldCatalog,
  visibleOwnerIds: readonly string[] | 'all',
  request: RecordListRequest,
  filterColumns: readonly F[],
  sortColumns: readonly S[],
  resourceLabel: string,
): { query: RecordListQuery<F, S> } | { violations: FieldViolation[] } {
  const equals: Partial<Record<F, string | boolean>> = {};
  const f = request.filter as unknown as Record<string, string | boolean | undefined | null>;
  for (const column of filterColumns) {
    const v = f[camel(column)];
    if (v !== undefined && v !== null) equals[column] = v;
  }
  const { customFields, sort, violations } = resolveListQuery(catalog, request.filter.customFields ?? [], request.sort, sortColumns, resourceLabel);
  const timeRanges = resolveTimeRanges(request.filter.timeRanges ?? [], violations);
  if (violations.length > 0) return { violations };
  return {
    query: {
      ids: request.filter.ids,
      ownerIds: visibleOwnerIds,
      equals,
      customFields,
      tags: request.filter.tags ?? [],
      timeRanges,
      sort,
      limit: request.perPage,
      offset: (request.page - 1) * request.perPage,
    },
  };
}
