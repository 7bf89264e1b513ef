import type { crm } from '@crm/proto';

const id = (v: string | undefined) => (v === undefined || v === '0' ? null : Number(v));
const time = (d: Date | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);
const opt = (v: string | undefined) => v ?? null;

/** A contact as Sell v2 clients read it. */
export function presentContact(c: crm.leads.v1.Contact) {
  return {
    id: Number(c.id),
    creator_id: id(c.creatorId),
    owner_id: id(c.ownerId),
    is_organization: c.isOrganization,
    name: c.name,
    first_name: opt(c.firstName),
    last_name: opt(c.lastName),
    contact_id: id(c.contactId),
    parent_organization_id: id(c.parentOrganizationId),
    customer_status: c.customerStatus,
    prospect_status: c.prospectStatus,
    title: opt(c.title),
    description: opt(c.description),
    industry: opt(c.industry),
    website: opt(c.website),
    email: opt(c.email),
    phone: opt(c.phone),
    mobile: opt(c.mobile),
    fax: opt(c.fax),
    twitter: opt(c.twitter),
    facebook: opt(c.facebook),
    linkedin: opt(c.linkedin),
    skype: opt(c.skype),
    address: { line1: opt(c.address?.line1), city: opt(c.address?.city), postal_code: opt(c.address?.postalCode), state: opt(c.address?.state), country: opt(c.address?.country) },
    tags: c.tags,
    custom_fields: c.customFields ?? {},
    created_at: time(c.createdAt),
    updated_at: time(c.updatedAt),
  };
}
