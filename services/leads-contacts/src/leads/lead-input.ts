import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import { applyCustomFieldInput, camel, CustomFieldCatalog, diffRecord, normaliseTags } from '@crm/records';
import { ADDRESS_PARTS, applyAddressPath, SHARED_LINE_ATTRIBUTES, checkCommonLimits, emptyCommonFields, normaliseText, presentPaths, type CommonRecordFields } from '../records/record-input';

type LeadInput = crm.leads.v1.LeadInput;

export const LEAD_STATUSES = ['new', 'working', 'unqualified'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Writable lead attributes, by their Sell (snake_case) names, as stored. */
export interface LeadFields extends CommonRecordFields {
  first_name: string | null;
  last_name: string | null;
  organization_name: string | null;
  status: LeadStatus;
  source_id: string | null;
  unqualified_reason_id: string | null;
}

const TEXT_FIELDS = ['first_name', 'last_name', 'organization_name', ...SHARED_LINE_ATTRIBUTES] as const;

/** Every path an update mask may name (Sell attribute names). */
export const UPDATABLE_PATHS: ReadonlySet<string> = new Set([
  'owner_id', 'status', 'source_id', 'unqualified_reason_id', 'description', 'tags', 'custom_fields', 'address',
  ...TEXT_FIELDS, ...ADDRESS_PARTS.map((f) => `address.${f}`),
]);

export const EMPTY_LEAD: Omit<LeadFields, 'owner_id'> = {
  ...emptyCommonFields(''),
  first_name: null, last_name: null, organization_name: null, status: 'new', source_id: null, unqualified_reason_id: null,
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
    if (applyAddressPath(next, path, input.address)) {
      continue;
    } else if (path === 'tags') {
      next.tags = normaliseTags(input.tags);
    } else if (path === 'custom_fields') {
      applyCustomFieldInput(next.custom_fields, input.customFields, catalog, 'leads', violations);
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

  checkCommonLimits(next, TEXT_FIELDS, violations);
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

/** The attributes that differ between two states, with the old values (for LeadUpdated). */
export function diffLead(before: LeadFields, after: LeadFields, catalog: CustomFieldCatalog = CustomFieldCatalog.empty): { changed: string[]; previous: Record<string, unknown> } {
  return diffRecord(before, after, catalog);
}

/** The attribute paths a create request actually carries (absent ones keep their defaults). */
export function presentLeadPaths(input: LeadInput): string[] {
  return presentPaths(input, UPDATABLE_PATHS);
}

