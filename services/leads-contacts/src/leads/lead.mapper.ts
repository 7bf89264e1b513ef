import { crm } from '@crm/proto';
import type { CustomFieldCatalog } from '../custom-fields/custom-field-catalog';
import { presentValue, type StoredValue } from '../custom-fields/custom-field-value';
import type { LeadFields, LeadStatus } from './lead-input';
import type { LeadRow } from './leads.repository';

const opt = (v: string | null) => v ?? undefined;

export function rowToFields(row: LeadRow): LeadFields {
  const { id: _id, tenant_id: _t, creator_id: _c, version: _v, created_at: _ca, updated_at: _ua, ...fields } = row;
  return { ...fields, status: fields.status as LeadStatus };
}

/** Custom field values by field name; values of deleted fields are left out. */
export function presentCustomFields(stored: Record<string, StoredValue>, catalog: CustomFieldCatalog): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of catalog.defs) if (stored[def.id] !== undefined) out[def.name] = presentValue(def, stored[def.id]!);
  return out;
}

export function rowToLead(row: LeadRow, catalog: CustomFieldCatalog): crm.leads.v1.Lead {
  return {
    id: row.id,
    creatorId: row.creator_id,
    ownerId: row.owner_id,
    firstName: opt(row.first_name),
    lastName: opt(row.last_name),
    organizationName: opt(row.organization_name),
    status: row.status,
    sourceId: opt(row.source_id),
    unqualifiedReasonId: opt(row.unqualified_reason_id),
    title: opt(row.title),
    description: opt(row.description),
    industry: opt(row.industry),
    website: opt(row.website),
    email: opt(row.email),
    phone: opt(row.phone),
    mobile: opt(row.mobile),
    fax: opt(row.fax),
    twitter: opt(row.twitter),
    facebook: opt(row.facebook),
    linkedin: opt(row.linkedin),
    skype: opt(row.skype),
    address: {
      line1: opt(row.address_line1),
      city: opt(row.address_city),
      postalCode: opt(row.address_postal_code),
      state: opt(row.address_state),
      country: opt(row.address_country),
    },
    tags: row.tags,
    customFields: presentCustomFields(row.custom_fields, catalog),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
