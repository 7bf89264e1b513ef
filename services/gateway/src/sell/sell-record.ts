import { z } from 'zod';
import { sellId } from './sell-body';
import { SellHttpError } from './sell-error';
import type { SellQuery } from './sell-query';

/** Shapes and conversions shared by Sell records (the person-like leads and contacts, and deals). */

export const sellText = z.string().max(65_535).nullable().optional();
const ignored = z.unknown().optional();

export const SellAddress = z.strictObject({ line1: sellText, city: sellText, postal_code: sellText, state: sellText, country: sellText });

/** Writable attributes every person-like record has, plus the read-only ones clients send back. */
export const commonRecordWrite = {
  owner_id: sellId.nullable().optional(),
  title: sellText,
  description: sellText,
  industry: sellText,
  website: sellText,
  email: sellText,
  phone: sellText,
  mobile: sellText,
  fax: sellText,
  twitter: sellText,
  facebook: sellText,
  linkedin: sellText,
  skype: sellText,
  address: SellAddress.nullable().optional(),
  tags: z.array(z.string().max(64)).max(100).nullable().optional(),
  custom_fields: z.record(z.string(), z.unknown()).nullable().optional(),
  id: ignored,
  creator_id: ignored,
  created_at: ignored,
  updated_at: ignored,
};

export const sellIdOrNull = (v: string | undefined) => (v === undefined || v === '0' ? null : Number(v));

/** Sell's wire form of an amount: an integer when it has no cents (1000), else a string ("1000.50"). */
export function sellAmount(text: string): number | string {
  const [whole, cents = '00'] = text.split('.');
  return /^0*$/.test(cents) ? Number(whole) : `${whole}.${cents.padEnd(2, '0')}`;
}
// Cuts the milliseconds without a regular expression for the usual four-digit year (a list renders
// two timestamps per record); expanded years (±YYYYYY) keep the general form.
const secondsIso = (iso: string) => (iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, 'Z'));
/** Sell's timestamps: ISO 8601 in UTC to the second (`2026-12-06T10:00:00Z`). */
export const sellTime = (d: Date | undefined) => (d ? secondsIso(d.toISOString()) : null);
const opt = (v: string | undefined) => v ?? null;

interface CommonRecord {
  creatorId: string;
  ownerId: string;
  title?: string | undefined;
  description?: string | undefined;
  industry?: string | undefined;
  website?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  mobile?: string | undefined;
  fax?: string | undefined;
  twitter?: string | undefined;
  facebook?: string | undefined;
  linkedin?: string | undefined;
  skype?: string | undefined;
  address?: { line1?: string | undefined; city?: string | undefined; postalCode?: string | undefined; state?: string | undefined; country?: string | undefined } | undefined;
  tags: string[];
  customFields?: Record<string, unknown> | undefined;
  createdAt?: Date | undefined;
  updatedAt?: Date | undefined;
}

/** The shared attributes as Sell clients read them. */
export function presentCommon(r: CommonRecord) {
  return {
    creator_id: sellIdOrNull(r.creatorId),
    owner_id: sellIdOrNull(r.ownerId),
    title: opt(r.title),
    description: opt(r.description),
    industry: opt(r.industry),
    website: opt(r.website),
    email: opt(r.email),
    phone: opt(r.phone),
    mobile: opt(r.mobile),
    fax: opt(r.fax),
    twitter: opt(r.twitter),
    facebook: opt(r.facebook),
    linkedin: opt(r.linkedin),
    skype: opt(r.skype),
    address: { line1: opt(r.address?.line1), city: opt(r.address?.city), postal_code: opt(r.address?.postalCode), state: opt(r.address?.state), country: opt(r.address?.country) },
    tags: r.tags,
    custom_fields: r.customFields ?? {},
    created_at: sellTime(r.createdAt),
    updated_at: sellTime(r.updatedAt),
  };
}

export const RECORD_ADDRESS_FILTERS = ['city', 'country', 'postal_code'] as const;
const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * Reads the list filters every record resource shares (ids, id filters, exact string filters,
 * `address[...]`, `custom_fields[...]`) into the gRPC filter object.
 */
export function readRecordFilter(q: SellQuery, idFilters: readonly string[], stringFilters: readonly string[], lowercase: readonly string[], addressFilters: readonly string[] = RECORD_ADDRESS_FILTERS): Record<string, unknown> {
  const ids = q.ids('ids');
  const timeRanges = [];
  for (const field of ['created_at', 'updated_at']) {
    const from = q.time(`${field}[from]`);
    const to = q.time(`${field}[to]`);
    if (from || to) timeRanges.push({ field, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }
  const filter: Record<string, unknown> = { ids: ids ?? [], tags: [], timeRanges, customFields: q.bracketed('custom_fields').map(({ key, value }) => ({ name: key, value })) };
  for (const f of idFilters) {
    const v = q.id(f);
    if (v !== undefined) filter[camel(f)] = v;
  }
  for (const f of stringFilters) {
    const v = q.string(f);
    if (v !== undefined) filter[camel(f)] = lowercase.includes(f) ? v.toLowerCase() : v;
  }
  const tags = q.string('tags');
  if (tags !== undefined) filter.tags = tags.split(',').map((t) => t.trim()).filter(Boolean);
  for (const f of addressFilters) {
    const v = q.string(`address[${f}]`);
    if (v !== undefined) filter[camel(`address_${f}`)] = v;
  }
  return filter;
}

/**
 * The filter of an upsert: the list filters of its query and nothing else (no paging or sort),
 * at least one of them (400 otherwise, as Sell answers an upsert without a filter).
 */
export function upsertFilter<F extends object>(q: SellQuery, filter: F): F {
  q.assertNoUnknown();
  const empty = Object.values(filter).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
  if (empty) throw SellHttpError.invalidParam('filter', 'an upsert needs at least one filter as a query parameter, e.g. ?email=…');
  return filter;
}
