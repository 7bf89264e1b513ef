import type { crm } from '@crm/proto';
import type { CustomFieldCatalog } from '../custom-fields/custom-field-catalog';
import { presentCustomFields } from '../leads/lead.mapper';
import type { ContactFields } from './contact-input';
import type { ContactRow } from './contacts.repository';

const opt = (v: string | null) => v ?? undefined;

export function contactRowToFields(row: ContactRow): ContactFields {
  const { id: _id, tenant_id: _t, creator_id: _c, version: _v, created_at: _ca, updated_at: _ua, ...fields } = row;
  return fields as ContactFields;
}

export function rowToContact(row: ContactRow, catalog: CustomFieldCatalog): crm.leads.v1.Contact {
  return {
    id: row.id,
    creatorId: row.creator_id,
    ownerId: row.owner_id,
    isOrganization: row.is_organization,
    name: row.name,
    firstName: opt(row.first_name),
    lastName: opt(row.last_name),
    contactId: opt(row.contact_id),
    parentOrganizationId: opt(row.parent_organization_id),
    customerStatus: row.customer_status,
    prospectStatus: row.prospect_status,
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
