import type { FieldViolation } from '@crm/errors';
import { camel, type CustomFieldCatalog } from '@crm/records';
import { ADDRESS_PARTS, SHARED_TEXT_ATTRIBUTES } from './record-input';

export type FlatResource = 'lead' | 'contact';

/** Record attributes that come as one piece of text each, by resource. */
const TEXT_ATTRIBUTES: Record<FlatResource, readonly string[]> = {
  lead: ['first_name', 'last_name', 'organization_name', ...SHARED_TEXT_ATTRIBUTES],
  contact: ['name', 'first_name', 'last_name', 'customer_status', 'prospect_status', ...SHARED_TEXT_ATTRIBUTES],
};
const CUSTOM = 'custom_fields.';
const TRUE = ['true', 'yes', 'on', '1'];
const FALSE = ['false', 'no', 'off', '0'];

/**
 * Every flat path a resource accepts from a form or a CSV column: text attributes, `address.<part>`,
 * `tags` (comma separated), `is_organization` (contacts), `custom_fields.<name>`.
 */
export function isFlatPath(resource: FlatResource, path: string, catalog: CustomFieldCatalog): boolean {
  if (path.startsWith(CUSTOM)) return catalog.name(path.slice(CUSTOM.length)) !== undefined;
  if (path.startsWith('address.')) return (ADDRESS_PARTS as readonly string[]).includes(path.slice('address.'.length));
  return TEXT_ATTRIBUTES[resource].includes(path) || path === 'tags' || (resource === 'contact' && path === 'is_organization');
}

export function flatPaths(resource: FlatResource): string[] {
  return [...TEXT_ATTRIBUTES[resource], ...ADDRESS_PARTS.map((p) => `address.${p}`), 'tags', ...(resource === 'contact' ? ['is_organization'] : []), `${CUSTOM}<name>`];
}

/** No value: absent, null, blank text or an empty list. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function parseBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const t = String(v).trim().toLowerCase();
  return TRUE.includes(t) ? true : FALSE.includes(t) ? false : undefined;
}

/**
 * Turns flat values (path → value, as a form or a CSV row gives them) into a record input and the
 * paths it sets. Blank values are left out. Text arrives as text; a checkbox or yes/no cell becomes
 * a boolean, a multi-select cell splits on ";" (a form may send a list). Values are checked by the
 * record service afterwards; here only the shape is.
 */
export function flatToRecordInput(
  resource: FlatResource,
  values: Iterable<[string, unknown]>,
  catalog: CustomFieldCatalog,
): { input: Record<string, unknown>; paths: string[]; violations: FieldViolation[] } {
  const input: Record<string, unknown> = {};
  const paths: string[] = [];
  const violations: FieldViolation[] = [];
  const address: Record<string, string> = {};
  const custom: Record<string, unknown> = {};
  for (const [path, raw] of values) {
    if (isBlank(raw)) continue;
    if (path.startsWith(CUSTOM)) {
      const def = catalog.name(path.slice(CUSTOM.length));
      if (!def) violations.push({ field: path, code: 'unknown', message: `is not a ${resource} custom field` });
      else if (def.type === 'bool') custom[def.name] = parseBool(raw) ?? raw;
      else if (def.type === 'multi_select_list') custom[def.name] = Array.isArray(raw) ? raw : String(raw).split(';').map((s) => s.trim()).filter(Boolean);
      else custom[def.name] = raw;
      continue;
    }
    if (path === 'is_organization' && resource === 'contact') {
      const b = parseBool(raw);
      if (b === undefined) violations.push({ field: path, code: 'invalid_type', message: 'must be true or false' });
      else {
        input.isOrganization = b;
        paths.push(path);
      }
      continue;
    }
    if (!isFlatPath(resource, path, catalog)) {
      violations.push({ field: path, code: 'unknown', message: `is not a ${resource} attribute` });
      continue;
    }
    if (typeof raw !== 'string') {
      violations.push({ field: path, code: 'invalid_type', message: 'must be text' });
      continue;
    }
    if (path === 'tags') input.tags = raw.split(',').map((t) => t.trim()).filter(Boolean);
    else if (path.startsWith('address.')) address[camel(path.slice('address.'.length))] = raw;
    else input[camel(path)] = raw;
    paths.push(path);
  }
  if (Object.keys(address).length > 0) input.address = address;
  if (Object.keys(custom).length > 0) {
    input.customFields = custom;
    paths.push('custom_fields');
  }
  return { input, paths, violations };
}
