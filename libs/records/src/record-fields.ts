/** Rules of the attributes every record type shares: tags and custom field values, and change detection. */
import type { FieldViolation } from '@crm/errors';
import type { CustomFieldCatalog } from './custom-fields/custom-field-catalog';
import { normaliseValue, presentValue, type CustomFieldDef, type StoredValue } from './custom-fields/custom-field-value';

const MAX_TAGS = 100;
export const MAX_TAG_LENGTH = 64;

export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()))];
}

/** At most 100 tags of 1 to 64 characters each. */
export function checkTags(tags: readonly string[], violations: FieldViolation[]): void {
  if (tags.length > MAX_TAGS) violations.push({ field: 'tags', code: 'incorrect_value', message: `has more than ${MAX_TAGS} tags` });
  if (tags.some((t) => t.length === 0 || t.length > MAX_TAG_LENGTH)) violations.push({ field: 'tags', code: 'incorrect_value', message: `each tag must have 1 to ${MAX_TAG_LENGTH} characters` });
}

/**
 * Merges named custom field values into `values` (Sell semantics: only the named fields change,
 * null clears one). `applies` rejects fields that do not apply to this record (e.g. a contact field
 * meant for organisations only).
 */
export function applyCustomFieldInput(
  values: Record<string, StoredValue>,
  input: Record<string, unknown> | undefined,
  catalog: CustomFieldCatalog,
  resourceLabel: string,
  violations: FieldViolation[],
  applies: (def: CustomFieldDef) => boolean = () => true,
): void {
  for (const [name, raw] of Object.entries(input ?? {})) {
    const def = catalog.name(name);
    if (!def) {
      violations.push({ field: `custom_fields.${name}`, code: 'unknown', message: `is not a custom field of ${resourceLabel}` });
    } else if (raw === null || raw === undefined) {
      delete values[def.id];
    } else if (!applies(def)) {
      violations.push({ field: `custom_fields.${def.name}`, code: 'incorrect_value', message: `does not apply to this ${resourceLabel.replace(/s$/, '')}` });
    } else {
      const r = normaliseValue(def, raw);
      if ('error' in r) violations.push({ field: `custom_fields.${def.name}`, code: r.code, message: r.error });
      else values[def.id] = r.value;
    }
  }
}

/** Ids of the custom fields whose stored value differs between two states. */
export function changedCustomFieldIds(before: { custom_fields: Record<string, StoredValue> }, after: { custom_fields: Record<string, StoredValue> }): string[] {
  const ids = new Set([...Object.keys(before.custom_fields), ...Object.keys(after.custom_fields)]);
  return [...ids].filter((id) => JSON.stringify(before.custom_fields[id]) !== JSON.stringify(after.custom_fields[id]));
}

/**
 * The attributes that differ between two states with their old values (for *Updated events);
 * address columns are named `address.<part>`, custom fields `custom_fields.<name>`.
 */
export function diffRecord<F extends { custom_fields: Record<string, StoredValue> }>(before: F, after: F, catalog: CustomFieldCatalog): { changed: string[]; previous: Record<string, unknown> } {
  const changed: string[] = [];
  const previous: Record<string, unknown> = {};
  for (const id of changedCustomFieldIds(before, after)) {
    const def = catalog.id(id);
    if (!def) continue;
    changed.push(`custom_fields.${def.name}`);
    previous[`custom_fields.${def.name}`] = before.custom_fields[id] === undefined ? null : presentValue(def, before.custom_fields[id]!);
  }
  for (const key of Object.keys(after) as (keyof F & string)[]) {
    if (key === 'custom_fields') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      const name = key.startsWith('address_') ? `address.${key.slice('address_'.length)}` : key;
      changed.push(name);
      previous[name] = before[key];
    }
  }
  return { changed, previous };
}

/** Custom field values by field name; values of deleted fields are left out. */
export function presentCustomFields(stored: Record<string, StoredValue>, catalog: CustomFieldCatalog): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of catalog.defs) if (stored[def.id] !== undefined) out[def.name] = presentValue(def, stored[def.id]!);
  return out;
}
