import type { CustomFieldCatalog } from '../custom-fields/custom-field-catalog';
import { presentValue, type StoredValue } from '../custom-fields/custom-field-value';
import type { CommonRecordFields } from './record-input';

/** Columns every record table has. */
export interface CommonRecordRow extends CommonRecordFields {
  id: string;
  creator_id: string;
  version: string;
  created_at: Date;
  updated_at: Date;
}

export const opt = (v: string | null) => v ?? undefined;

/** Custom field values by field name; values of deleted fields are left out. */
export function presentCustomFields(stored: Record<string, StoredValue>, catalog: CustomFieldCatalog): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of catalog.defs) if (stored[def.id] !== undefined) out[def.name] = presentValue(def, stored[def.id]!);
  return out;
}

/** The shared part of the proto message of a lead or contact. */
export function commonRecordToProto(row: CommonRecordRow, catalog: CustomFieldCatalog) {
  return {
    id: row.id,
    creatorId: row.creator_id,
    ownerId: row.owner_id,
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
    address: { line1: opt(row.address_line1), city: opt(row.address_city), postalCode: opt(row.address_postal_code), state: opt(row.address_state), country: opt(row.address_country) },
    tags: row.tags,
    customFields: presentCustomFields(row.custom_fields, catalog),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The writable fields of a row: everything but identity, bookkeeping and tenant. */
export function rowFields<R extends { id: string; tenant_id: string; creator_id: string; version: string; created_at: Date; updated_at: Date }>(row: R) {
  const { id: _id, tenant_id: _t, creator_id: _c, version: _v, created_at: _ca, updated_at: _ua, ...fields } = row;
  return fields;
}
