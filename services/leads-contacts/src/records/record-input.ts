/**
 * Rules shared by the person-like records of this service (leads and contacts): text attributes,
 * the embedded address, tags, custom field values, and change detection for events.
 */
import type { FieldViolation } from '@crm/errors';
import { camel, checkTags, type StoredValue } from '@crm/records';

export const ADDRESS_PARTS = ['line1', 'city', 'postal_code', 'state', 'country'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

/** One-line text attributes leads and contacts share (a new one is added here, once). */
export const SHARED_LINE_ATTRIBUTES = ['title', 'industry', 'website', 'email', 'phone', 'mobile', 'fax', 'twitter', 'facebook', 'linkedin', 'skype'] as const;

/** Every text attribute leads and contacts share, in export order; description is long text. */
export const SHARED_TEXT_ATTRIBUTES: readonly string[] = ['title', 'description', ...SHARED_LINE_ATTRIBUTES.slice(1)];
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
const EMAIL = /^[^\s@]+@[^\s@]+$/;


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

/** Length, format and count limits of the shared attributes. */
export function checkCommonLimits(next: CommonRecordFields, textFields: readonly string[], violations: FieldViolation[]): void {
  for (const f of textFields) if ((((next as unknown as Record<string, string | null>)[f])?.length ?? 0) > MAX_TEXT) violations.push({ field: f, code: 'incorrect_value', message: `is longer than ${MAX_TEXT} characters` });
  for (const p of ADDRESS_PARTS) if ((next[`address_${p}`]?.length ?? 0) > MAX_TEXT) violations.push({ field: `address.${p}`, code: 'incorrect_value', message: `is longer than ${MAX_TEXT} characters` });
  if ((next.description?.length ?? 0) > MAX_DESCRIPTION) violations.push({ field: 'description', code: 'incorrect_value', message: `is longer than ${MAX_DESCRIPTION} characters` });
  if (next.email && !EMAIL.test(next.email)) violations.push({ field: 'email', code: 'incorrect_value', message: 'is not an email address' });
  checkTags(next.tags, violations);
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
