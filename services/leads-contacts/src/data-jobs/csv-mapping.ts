import type { FieldViolation } from '@crm/errors';
import { camel, type CustomFieldCatalog } from '@crm/records';
import { flatPaths, isFlatPath, type FlatResource } from '../records/flat-record-input';
import { ADDRESS_PARTS, SHARED_TEXT_ATTRIBUTES } from '../records/record-input';

/** CSV header → record path. */
export type ColumnMapping = Record<string, string>;

/**
 * Checks an explicit column mapping: every target a path the resource takes, none twice. An empty
 * mapping means "map by header" and is resolved against the file's header when the job runs.
 */
export function checkColumnMapping(resource: FlatResource, mapping: ColumnMapping, catalog: CustomFieldCatalog): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const seen = new Map<string, string>();
  for (const [column, path] of Object.entries(mapping)) {
    if (!isFlatPath(resource, path, catalog)) {
      violations.push({ field: `column_mapping.${column}`, code: 'incorrect_value', message: `${path} is not one of ${flatPaths(resource).join(', ')}` });
    }
    const key = path.toLowerCase();
    if (seen.has(key)) violations.push({ field: `column_mapping.${column}`, code: 'already_exists', message: `${path} is already mapped from ${seen.get(key)}` });
    seen.set(key, column);
  }
  return violations;
}

/**
 * The columns of a file to read, by index: the explicit mapping (whose columns must all be in the
 * header), or, without one, every header that names a path itself ("email", "Address.City",
 * "custom_fields.Budget", or a custom field's bare name). Unmapped columns are ignored.
 */
export function resolveColumns(resource: FlatResource, header: readonly string[], mapping: ColumnMapping, catalog: CustomFieldCatalog): { columns: { index: number; path: string }[] } | { error: string } {
  const explicit = Object.keys(mapping).length > 0;
  if (explicit) {
    const missing = Object.keys(mapping).filter((c) => !header.includes(c));
    if (missing.length > 0) return { error: `the file has no column ${missing.map((m) => JSON.stringify(m)).join(', ')}` };
    return { columns: header.flatMap((h, index) => (mapping[h] !== undefined ? [{ index, path: mapping[h]! }] : [])) };
  }
  const columns: { index: number; path: string }[] = [];
  const taken = new Set<string>();
  header.forEach((h, index) => {
    const path = pathOfHeader(resource, h.trim(), catalog);
    if (path && !taken.has(path.toLowerCase())) {
      taken.add(path.toLowerCase());
      columns.push({ index, path });
    }
  });
  if (columns.length === 0) return { error: 'no column of the file names a record attribute; send a column_mapping' };
  return { columns };
}

/** The path a header names, in canonical case: an attribute, `custom_fields.<name>` or a custom field's bare name. */
function pathOfHeader(resource: FlatResource, name: string, catalog: CustomFieldCatalog): string | undefined {
  const lower = name.toLowerCase();
  const custom = lower.startsWith('custom_fields.') ? catalog.name(name.slice('custom_fields.'.length)) : undefined;
  if (custom) return `custom_fields.${custom.name}`;
  if (!lower.startsWith('custom_fields.') && isFlatPath(resource, lower, catalog)) return lower;
  const bare = catalog.name(name);
  return bare ? `custom_fields.${bare.name}` : undefined;
}

/** The columns of an export, named by path so that the file imports back as it is. */
export function exportColumns(resource: FlatResource, catalog: CustomFieldCatalog): string[] {
  const common = [...SHARED_TEXT_ATTRIBUTES, ...ADDRESS_PARTS.map((p) => `address.${p}`), 'tags'];
  const own =
    resource === 'lead'
      ? ['id', 'owner_id', 'creator_id', 'status', 'source_id', 'unqualified_reason_id', 'first_name', 'last_name', 'organization_name']
      : ['id', 'owner_id', 'creator_id', 'is_organization', 'name', 'first_name', 'last_name', 'contact_id', 'parent_organization_id', 'customer_status', 'prospect_status'];
  return [...own, ...common, ...catalog.defs.map((d) => `custom_fields.${d.name}`), 'created_at', 'updated_at'];
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(cell).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One record (as the API presents it) as the cells of the export columns. Ids of 0 are empty. */
export function exportRow(record: Record<string, unknown>, columns: readonly string[]): string[] {
  const address = (record.address ?? {}) as Record<string, unknown>;
  const custom = (record.customFields ?? {}) as Record<string, unknown>;
  return columns.map((c) => {
    if (c.startsWith('custom_fields.')) return cell(custom[c.slice('custom_fields.'.length)]);
    if (c.startsWith('address.')) return cell(address[camel(c.slice('address.'.length))]);
    if (c === 'tags') return ((record.tags as string[] | undefined) ?? []).join(', ');
    const v = record[camel(c)];
    return c.endsWith('_id') && v === '0' ? '' : cell(v);
  });
}
