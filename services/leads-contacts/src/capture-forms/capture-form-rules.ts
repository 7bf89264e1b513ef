import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import type { CustomFieldCatalog } from '@crm/records';
import { flatToRecordInput, isBlank } from '../records/flat-record-input';
import { ADDRESS_PARTS, SHARED_TEXT_ATTRIBUTES } from '../records/record-input';

type LeadInput = crm.leads.v1.LeadInput;

export interface FormField {
  name: string;
  required: boolean;
}

/** As stored: custom fields by id, so that renaming a field keeps the form working. */
export interface StoredFormField {
  name?: string;
  customFieldId?: string;
  required: boolean;
}

/** Lead attributes a form may ask for; the rest (owner, status, source, tags) the form itself sets. */
export const CAPTURABLE_ATTRIBUTES: readonly string[] = ['first_name', 'last_name', 'organization_name', ...SHARED_TEXT_ATTRIBUTES, ...ADDRESS_PARTS.map((p) => `address.${p}`)];
const CUSTOM = 'custom_fields.';
const MAX_FIELDS = 100;
const MAX_VALUE = 10_000;

/** Checks the field list of a form against the lead attributes and the tenant's lead custom fields. */
export function checkFormFields(fields: readonly FormField[], catalog: CustomFieldCatalog): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (fields.length === 0 || fields.length > MAX_FIELDS) violations.push({ field: 'fields', code: 'incorrect_value', message: `must list 1 to ${MAX_FIELDS} fields` });
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = `fields.${i}.name`;
    if (seen.has(f.name)) violations.push({ field: at, code: 'already_exists', message: `lists ${f.name} twice` });
    seen.add(f.name);
    if (f.name.startsWith(CUSTOM)) {
      const def = catalog.name(f.name.slice(CUSTOM.length));
      if (!def) violations.push({ field: at, code: 'incorrect_value', message: `${f.name} is not a lead custom field` });
      else if (def.type === 'address') violations.push({ field: at, code: 'incorrect_value', message: 'address custom fields cannot be captured; use the address.* attributes' });
    } else if (!CAPTURABLE_ATTRIBUTES.includes(f.name)) {
      violations.push({ field: at, code: 'incorrect_value', message: `${f.name} is not a lead attribute a form can capture` });
    }
  });
  if (!fields.some((f) => f.name === 'last_name' || f.name === 'organization_name')) {
    violations.push({ field: 'fields', code: 'incorrect_value', message: 'must include last_name or organization_name, which every lead needs' });
  }
  return violations;
}

/** Stored fields → fields by current name; fields of deleted custom fields drop out. */
export function resolveFormFields(stored: readonly StoredFormField[], catalog: CustomFieldCatalog): FormField[] {
  const out: FormField[] = [];
  for (const f of stored) {
    if (f.customFieldId === undefined) out.push({ name: f.name!, required: f.required });
    else {
      const def = catalog.id(f.customFieldId);
      if (def) out.push({ name: `${CUSTOM}${def.name}`, required: f.required });
    }
  }
  return out;
}

/** Checked fields → stored fields. */
export function storeFormFields(fields: readonly FormField[], catalog: CustomFieldCatalog): StoredFormField[] {
  return fields.map((f) => (f.name.startsWith(CUSTOM) ? { customFieldId: catalog.name(f.name.slice(CUSTOM.length))!.id, required: f.required } : { name: f.name, required: f.required }));
}

/**
 * Turns a submission (values by form field name) into a lead input. Values must belong to the
 * form's fields and required ones must be present; the lead's own rules are checked afterwards by
 * the lead service. A value for a custom field deleted since the form was saved is ignored, so
 * the published form keeps working.
 */
export function submissionToLeadInput(
  form: { fields: readonly FormField[]; ownerId: string; sourceId: string | null; tags: readonly string[] },
  catalog: CustomFieldCatalog,
  values: Record<string, unknown>,
): { input: LeadInput; paths: string[] } | { violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const byName = new Map(form.fields.map((f) => [f.name, f]));
  for (const key of Object.keys(values)) {
    if (byName.has(key) || (key.startsWith(CUSTOM) && !catalog.name(key.slice(CUSTOM.length)))) continue;
    violations.push({ field: key, code: 'unknown', message: 'is not a field of this form' });
  }
  const entries: [string, unknown][] = [];
  for (const field of form.fields) {
    const raw = values[field.name];
    if (isBlank(raw)) {
      if (field.required) violations.push({ field: field.name, code: 'blank', message: 'is required' });
    } else if (!field.name.startsWith(CUSTOM) && typeof raw === 'string' && raw.length > MAX_VALUE) {
      violations.push({ field: field.name, code: 'incorrect_value', message: `is longer than ${MAX_VALUE} characters` });
    } else entries.push([field.name, raw]);
  }
  const flat = flatToRecordInput('lead', entries, catalog);
  violations.push(...flat.violations);
  if (violations.length > 0) return { violations };
  const input = { ...flat.input, ownerId: form.ownerId, status: 'new', tags: [...form.tags], ...(form.sourceId ? { sourceId: form.sourceId } : {}) };
  const paths = ['owner_id', 'status', 'tags', ...(form.sourceId ? ['source_id'] : []), ...flat.paths];
  return { input: input as unknown as LeadInput, paths };
}
