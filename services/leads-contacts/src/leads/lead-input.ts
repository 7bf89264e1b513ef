import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import { CustomFieldCatalog } from '../custom-fields/custom-field-catalog';
import { normaliseValue, presentValue, type StoredValue } from '../custom-fields/custom-field-value';

type LeadInput = crm.leads.v1.LeadInput;

export const LEAD_STATUSES = ['new', 'working', 'unqualified'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Writable lead attributes, by their Sell (snake_case) names, as stored. */
export interface LeadFields {
  owner_id: string;
  first_name: string | null;
  last_name: string | null;
  organization_name: string | null;
  status: LeadStatus;
  source_id: string | null;
  unqualified_reason_id: string | null;
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
  address_line1: string | null;
  address_city: string | null;
  address_postal_code: string | null;
  address_state: string | null;
  address_country: string | null;
  tags: string[];
  /** Custom field values keyed by field id, in their stored form. */
  custom_fields: Record<string, StoredValue>;
}

const TEXT_FIELDS = [
  'first_name', 'last_name', 'organization_name', 'title', 'industry', 'website', 'email', 'phone', 'mobile', 'fax',
  'twitter', 'facebook', 'linkedin', 'skype',
] as const;
const ADDRESS_FIELDS = ['line1', 'city', 'postal_code', 'state', 'country'] as const;
const MAX_TEXT = 255;
const MAX_DESCRIPTION = 65_535;
const MAX_TAGS = 100;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** Every path an update mask may name (Sell attribute names). */
export const UPDATABLE_PATHS: ReadonlySet<string> = new Set([
  'owner_id', 'status', 'source_id', 'unqualified_reason_id', 'description', 'tags', 'custom_fields', 'address',
  ...TEXT_FIELDS, ...ADDRESS_FIELDS.map((f) => `address.${f}`),
]);

export const EMPTY_LEAD: Omit<LeadFields, 'owner_id'> = {
  first_name: null, last_name: null, organization_name: null, status: 'new', source_id: null, unqualified_reason_id: null,
  title: null, description: null, industry: null, website: null, email: null, phone: null, mobile: null, fax: null,
  twitter: null, facebook: null, linkedin: null, skype: null, address_line1: null, address_city: null,
  address_postal_code: null, address_state: null, address_country: null, tags: [], custom_fields: {},
};

/**
 * Applies the masked attributes of `input` to `current` (a missing value clears the attribute)
 * and validates the result. Returns the new fields or every violation found.
 */
export function applyLeadInput(
  current: LeadFields,
  input: LeadInput,
  paths: readonly string[],
  catalog: CustomFieldCatalog = CustomFieldCatalog.empty,
): { fields: LeadFields } | { violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const next: LeadFields = { ...current, tags: [...current.tags], custom_fields: { ...current.custom_fields } };
  const raw = input as unknown as Record<string, unknown>;

  for (const path of paths) {
    if (!UPDATABLE_PATHS.has(path)) {
      violations.push({ field: path, code: 'unknown', message: 'is not a lead attribute' });
      continue;
    }
    if (path === 'address') {
      for (const f of ADDRESS_FIELDS) next[`address_${f}`] = normaliseText(input.address?.[camel(f) as keyof NonNullable<LeadInput['address']>]);
    } else if (path.startsWith('address.')) {
      const f = path.slice('address.'.length) as (typeof ADDRESS_FIELDS)[number];
      next[`address_${f}`] = normaliseText(input.address?.[camel(f) as keyof NonNullable<LeadInput['address']>]);
    } else if (path === 'tags') {
      next.tags = [...new Set(input.tags.map((t) => t.trim()))];
    } else if (path === 'custom_fields') {
      // Only the named fields change (Sell semantics); null clears one.
      for (const [name, raw] of Object.entries(input.customFields ?? {})) {
        const def = catalog.name(name);
        if (!def) {
          violations.push({ field: `custom_fields.${name}`, code: 'unknown', message: 'is not a custom field of leads' });
        } else if (raw === null || raw === undefined) {
          delete next.custom_fields[def.id];
        } else {
          const r = normaliseValue(def, raw);
          if ('error' in r) violations.push({ field: `custom_fields.${def.name}`, code: r.code, message: r.error });
          else next.custom_fields[def.id] = r.value;
        }
      }
    } else if (path === 'status') {
      const s = input.status?.trim().toLowerCase();
      if (!s || !(LEAD_STATUSES as readonly string[]).includes(s)) {
        violations.push({ field: 'status', code: 'incorrect_value', message: `must be one of ${LEAD_STATUSES.join(', ')}` });
      } else next.status = s as LeadStatus;
    } else if (path === 'owner_id') {
      if (!input.ownerId) violations.push({ field: 'owner_id', code: 'blank', message: 'cannot be empty' });
      else next.owner_id = input.ownerId;
    } else if (path === 'source_id' || path === 'unqualified_reason_id') {
      next[path] = (raw[camel(path)] as string | undefined) ?? null;
    } else {
      (next as unknown as Record<string, string | null>)[path] = normaliseText(raw[camel(path)] as string | undefined);
    }
  }

  for (const f of TEXT_FIELDS) if ((next[f]?.length ?? 0) > MAX_TEXT) violations.push({ field: f, code: 'incorrect_value', message: `is longer than ${MAX_TEXT} characters` });
  for (const f of ADDRESS_FIELDS) if ((next[`address_${f}`]?.length ?? 0) > MAX_TEXT) violations.push({ field: `address.${f}`, code: 'incorrect_value', message: `is longer than ${MAX_TEXT} characters` });
  if ((next.description?.length ?? 0) > MAX_DESCRIPTION) violations.push({ field: 'description', code: 'incorrect_value', message: `is longer than ${MAX_DESCRIPTION} characters` });
  if (next.email && !EMAIL.test(next.email)) violations.push({ field: 'email', code: 'incorrect_value', message: 'is not an email address' });
  if (next.tags.length > MAX_TAGS) violations.push({ field: 'tags', code: 'incorrect_value', message: `has more than ${MAX_TAGS} tags` });
  if (next.tags.some((t) => t.length === 0 || t.length > 64)) violations.push({ field: 'tags', code: 'incorrect_value', message: 'each tag must have 1 to 64 characters' });
  // A reason belongs to an unqualified lead only: set with another status it is an error, and a lead
  // leaving the unqualified status drops the reason it had.
  if (next.status !== 'unqualified' && next.unqualified_reason_id) {
    if (paths.includes('unqualified_reason_id')) violations.push({ field: 'unqualified_reason_id', code: 'incorrect_value', message: 'can only be set on an unqualified lead' });
    else next.unqualified_reason_id = null;
  }
  // Sell reports a nameless lead as one error, not one per name attribute.
  if (!next.last_name && !next.organization_name) violations.push({ field: 'last_name', code: 'missing', message: 'last_name or organization_name is required' });

  return violations.length > 0 ? { violations } : { fields: next };
}

function normaliseText(v: string | undefined | null): string | null {
  if (v === undefined || v === null) return null;
  const t = v.trim();
  return t.length === 0 ? null : t;
}

/**
 * The attributes that differ between two states, with the old values (for LeadUpdated); custom
 * fields are compared one by one and named `custom_fields.<name>`.
 */
export function diffLead(before: LeadFields, after: LeadFields, catalog: CustomFieldCatalog = CustomFieldCatalog.empty): { changed: string[]; previous: Record<string, unknown> } {
  const changed: string[] = [];
  const previous: Record<string, unknown> = {};
  for (const id of changedCustomFieldIds(before, after)) {
    const def = catalog.id(id);
    if (!def) continue;
    changed.push(`custom_fields.${def.name}`);
    previous[`custom_fields.${def.name}`] = before.custom_fields[id] === undefined ? null : presentValue(def, before.custom_fields[id]!);
  }
  for (const key of Object.keys(after) as (keyof LeadFields)[]) {
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
export function presentLeadPaths(input: LeadInput): string[] {
  const raw = input as unknown as Record<string, unknown>;
  const paths: string[] = [];
  for (const path of UPDATABLE_PATHS) {
    if (path.startsWith('address')) continue;
    const v = raw[camel(path)];
    if (path === 'tags' ? (v as string[]).length > 0 : v !== undefined) paths.push(path);
  }
  if (input.address) {
    for (const f of ADDRESS_FIELDS) if (input.address[camel(f) as keyof NonNullable<LeadInput['address']>] !== undefined) paths.push(`address.${f}`);
  }
  return paths;
}

/** Ids of the custom fields whose stored value differs between two states. */
export function changedCustomFieldIds(before: LeadFields, after: LeadFields): string[] {
  const ids = new Set([...Object.keys(before.custom_fields), ...Object.keys(after.custom_fields)]);
  return [...ids].filter((id) => JSON.stringify(before.custom_fields[id]) !== JSON.stringify(after.custom_fields[id]));
}
