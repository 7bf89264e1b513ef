/**
 * Rules shared by the person-like records of this service (leads and contacts): text attributes,
 * the embedded address, tags, custom field values, and change detection for events.
 */
import type { FieldViolation } from '@crm/errors';
import type { CustomFieldCatalog } from '../custom-fields/custom-field-catalog';
import { normaliseValue, presentValue, type CustomFieldDef, type StoredValue } from '../custom-fields/custom-field-value';

export const ADDRESS_PARTS = ['line1', 'city', 'postal_code', 'state', 'country'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];
export type AddressColumns = Record<`address_${AddressPart}`, string | null>;

export interface AddressInput {
  line1?: string | undefined;
  city?: string | undefined;
  postalCode?: string | undefined;
  state?: string | undefined;
  country?: string | undefined;
}

/** The writable attributes every person-like record (lead, contact) has, as stored. */
export interface CommonRecordFields extends AddressColumns {
  owner_id: string;
  title: string | null;
  description: string | null;
  industry: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  fax: string | null;
  twitter: string | null;
  facebook: string | null;
  linkedin: string | null;
  skype: string | null;
  tags: string[];
  /** Custom field values keyed by field id, in their stored form. */
  custom_fields: Record<string, StoredValue>;
}

/** Empty values of the shared attributes. */
export function emptyCommonFields(owner: string): CommonRecordFields {
  return {
    owner_id: owner, title: null, description: null, industry: null, website: null, email: null, phone: null, mobile: null, fax: null,
    twitter: null, facebook: null, linkedin: null, skype: null, ...EMPTY_ADDRESS, tags: [], custom_fields: {},
  };
}

export const MAX_TEXT = 255;
const MAX_DESCRIPTION = 65_535;
const MAX_TAGS = 100;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export const EMPTY_ADDRESS: AddressColumns = { address_line1: null, address_city: null, address_postal_code: null, address_state: null, address_country: null };

export function normaliseText(v: string | undefined | null): string | null {
  if (v === undefined || v === null) return null;
  const t = v.trim();
  return t.length === 0 ? null : t;
}

/** Applies an `address` or `address.<part>` path; returns false for any other path. */
export function applyAddressPath(next: AddressColumns, path: string, address: AddressInput | undefined): boolean {
  if (path === 'address') {
    for (const p of ADDRESS_PARTS) next[`address_${p}`] = normaliseText(address?.[camel(p) as keyof AddressInput]);
    return true;
  }
  if (path.startsWith('address.')) {
    const p = path.slice('address.'.length) as AddressPart;
    if (!(ADDRESS_PARTS as readonly string[]).includes(p)) return false;
    next[`address_${p}`] = normaliseText(address?.[camel(p) as keyof AddressInput]);
    return true;
  }
  return false;
}

export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()))];
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

/** Length, format and count limits of the shared attributes. */
export function checkCommonLimits(next: CommonRecordFields, textFields: readonly string[], violations: FieldViolation[]): void {
  for (const f of textFields) if ((((next as unknown as Record<string, string | null>)[f])?.length ?? 0) > MAX_TEXT) violations.push({ field: f, code: 'incorrect_value', message: `is longer than ${MAX_TEXT} characters` });
  for (const p of ADDRESS_PARTS) if ((next[`address_${p}`]?.length ?? 0) > MAX_TEXT) violations.push({ field: `address.${p}`, code: 'incorrect_value', message: `is longer than ${MAX_TEXT} characters` });
  if ((next.description?.length ?? 0) > MAX_DESCRIPTION) violations.push({ field: 'description', code: 'incorrect_value', message: `is longer than ${MAX_DESCRIPTION} characters` });
  if (next.email && !EMAIL.test(next.email)) violations.push({ field: 'email', code: 'incorrect_value', message: 'is not an email address' });
  if (next.tags.length > MAX_TAGS) violations.push({ field: 'tags', code: 'incorrect_value', message: `has more than ${MAX_TAGS} tags` });
  if (next.tags.some((t) => t.length === 0 || t.length > 64)) violations.push({ field: 'tags', code: 'incorrect_value', message: 'each tag must have 1 to 64 characters' });
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

/** The attribute paths a create request actually carries (absent ones keep their defaults). */
export function presentPaths(input: object, updatable: ReadonlySet<string>): string[] {
  const raw = input as Record<string, unknown>;
  const paths: string[] = [];
  for (const path of updatable) {
    if (path.startsWith('address')) continue;
    const v = raw[camel(path)];
    if (Array.isArray(v) ? v.length > 0 : v !== undefined) paths.push(path);
  }
  const address = raw.address as AddressInput | undefined;
  if (address) for (const p of ADDRESS_PARTS) if (address[camel(p) as keyof AddressInput] !== undefined) paths.push(`address.${p}`);
  return paths;
}
