import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import { applyCustomFieldInput, camel, CustomFieldCatalog, type CustomFieldDef, diffRecord, normaliseTags } from '@crm/records';
import { ADDRESS_PARTS, applyAddressPath, SHARED_LINE_ATTRIBUTES, checkCommonLimits, emptyCommonFields, MAX_TEXT, normaliseText, presentPaths, type CommonRecordFields } from '../records/record-input';

type ContactInput = crm.leads.v1.ContactInput;

export const CUSTOMER_STATUSES = ['none', 'current', 'past'] as const;
export const PROSPECT_STATUSES = ['none', 'current', 'lost'] as const;

/** Writable contact attributes, by their Sell names, as stored. */
export interface ContactFields extends CommonRecordFields {
  is_organization: boolean;
  name: string;
  first_name: string | null;
  last_name: string | null;
  contact_id: string | null;
  parent_organization_id: string | null;
  customer_status: (typeof CUSTOMER_STATUSES)[number];
  prospect_status: (typeof PROSPECT_STATUSES)[number];
}

const TEXT_FIELDS = ['name', 'first_name', 'last_name', ...SHARED_LINE_ATTRIBUTES] as const;

export const CONTACT_UPDATABLE_PATHS: ReadonlySet<string> = new Set([
  'owner_id', 'is_organization', 'contact_id', 'parent_organization_id', 'customer_status', 'prospect_status', 'description', 'tags',
  'custom_fields', 'address', ...TEXT_FIELDS, ...ADDRESS_PARTS.map((p) => `address.${p}`),
]);

export function emptyContact(owner: string, isOrganization: boolean): ContactFields {
  return {
    ...emptyCommonFields(owner),
    is_organization: isOrganization, name: '', first_name: null, last_name: null, contact_id: null, parent_organization_id: null,
    customer_status: 'none', prospect_status: 'none',
  };
}

/** Whether a contact custom field applies to this kind of contact. */
export function fieldApplies(isOrganization: boolean): (def: CustomFieldDef) => boolean {
  return (def) => (isOrganization ? def.forCompany !== false : def.forContact !== false);
}

/**
 * Applies the masked attributes of `input` to `current` and validates the result: a person needs a
 * last name and takes its name from first and last name; an organisation needs a name and has no
 * person names; only a person belongs to an organisation, only an organisation has a parent.
 */
export function applyContactInput(current: ContactFields, input: ContactInput, paths: readonly string[], catalog: CustomFieldCatalog = CustomFieldCatalog.empty): { fields: ContactFields } | { violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const next: ContactFields = { ...current, tags: [...current.tags], custom_fields: { ...current.custom_fields } };
  const raw = input as unknown as Record<string, unknown>;
  for (const path of paths) {
    if (!CONTACT_UPDATABLE_PATHS.has(path)) {
      violations.push({ field: path, code: 'unknown', message: 'is not a contact attribute' });
    } else if (applyAddressPath(next, path, input.address)) {
      // applied
    } else if (path === 'tags') {
      next.tags = normaliseTags(input.tags);
    } else if (path === 'custom_fields') {
      applyCustomFieldInput(next.custom_fields, input.customFields, catalog, 'contacts', violations, fieldApplies(next.is_organization));
    } else if (path === 'is_organization') {
      // Set on create; an update may repeat the value (clients send records back) but not change it.
      if (input.isOrganization !== undefined && input.isOrganization !== current.is_organization) {
        violations.push({ field: 'is_organization', code: 'incorrect_value', message: 'cannot change after the contact is created' });
      }
    } else if (path === 'customer_status' || path === 'prospect_status') {
      const allowed: readonly string[] = path === 'customer_status' ? CUSTOMER_STATUSES : PROSPECT_STATUSES;
      const v = (raw[camel(path)] as string | undefined)?.trim().toLowerCase() ?? 'none';
      if (!allowed.includes(v)) violations.push({ field: path, code: 'incorrect_value', message: `must be one of ${allowed.join(', ')}` });
      else (next as unknown as Record<string, string>)[path] = v;
    } else if (path === 'owner_id') {
      if (!input.ownerId) violations.push({ field: 'owner_id', code: 'blank', message: 'cannot be empty' });
      else next.owner_id = input.ownerId;
    } else if (path === 'contact_id' || path === 'parent_organization_id') {
      next[path] = (raw[camel(path)] as string | undefined) ?? null;
    } else if (path === 'name' && !next.is_organization) {
      // A person's name follows first and last name; clients send it anyway, so it is ignored.
    } else {
      (next as unknown as Record<string, string | null>)[path] = normaliseText(raw[camel(path)] as string | undefined);
    }
  }

  if (next.is_organization) {
    next.first_name = null;
    next.last_name = null;
    next.name = next.name?.trim() ?? '';
    if (!next.name) violations.push({ field: 'name', code: 'missing', message: 'an organisation needs a name' });
    if (next.contact_id) violations.push({ field: 'contact_id', code: 'incorrect_value', message: 'an organisation cannot belong to an organisation; use parent_organization_id' });
  } else {
    if (!next.last_name) violations.push({ field: 'last_name', code: 'missing', message: 'a person needs a last name' });
    next.name = [next.first_name, next.last_name].filter(Boolean).join(' ').slice(0, MAX_TEXT);
    if (next.parent_organization_id) violations.push({ field: 'parent_organization_id', code: 'incorrect_value', message: 'only an organisation has a parent organisation' });
  }
  checkCommonLimits(next, TEXT_FIELDS, violations);
  return violations.length > 0 ? { violations } : { fields: next };
}

export function diffContact(before: ContactFields, after: ContactFields, catalog: CustomFieldCatalog): { changed: string[]; previous: Record<string, unknown> } {
  return diffRecord(before, after, catalog);
}

export function presentContactPaths(input: ContactInput): string[] {
  return presentPaths(input, CONTACT_UPDATABLE_PATHS);
}
