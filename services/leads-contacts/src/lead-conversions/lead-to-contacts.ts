import { type CustomFieldCatalog, normaliseValue, presentValue, type StoredValue } from '@crm/records';
import { emptyContact, type ContactFields } from '../contacts/contact-input';
import type { LeadFields } from '../leads/lead-input';
import { MAX_TEXT } from '../records/record-input';

/**
 * Carries lead custom field values over to contact fields of the same name and type; options
 * match by name. Values with no matching contact field stay on the (frozen) lead.
 */
export function carryCustomFields(lead: LeadFields, leadCatalog: CustomFieldCatalog, contactCatalog: CustomFieldCatalog, isOrganization: boolean): Record<string, StoredValue> {
  const out: Record<string, StoredValue> = {};
  for (const [id, stored] of Object.entries(lead.custom_fields)) {
    const from = leadCatalog.id(id);
    const to = from && contactCatalog.name(from.name);
    if (!from || !to || to.type !== from.type) continue;
    if (isOrganization ? to.forCompany === false : to.forContact === false) continue;
    const r = normaliseValue(to, presentValue(from, stored));
    if ('value' in r) out[to.id] = r.value;
  }
  return out;
}

/** The person contact a lead becomes (a lead without a last name has none). */
export function personFromLead(lead: LeadFields, organizationId: string | null, customFields: Record<string, StoredValue>): ContactFields | undefined {
  if (!lead.last_name) return undefined;
  return {
    ...emptyContact(lead.owner_id, false),
    name: [lead.first_name, lead.last_name].filter(Boolean).join(' ').slice(0, MAX_TEXT),
    first_name: lead.first_name,
    last_name: lead.last_name,
    contact_id: organizationId,
    // Converting means the lead showed interest: the contact is a current prospect.
    prospect_status: 'current',
    title: lead.title,
    description: lead.description,
    email: lead.email,
    phone: lead.phone,
    mobile: lead.mobile,
    fax: lead.fax,
    twitter: lead.twitter,
    facebook: lead.facebook,
    linkedin: lead.linkedin,
    skype: lead.skype,
    address_line1: lead.address_line1,
    address_city: lead.address_city,
    address_postal_code: lead.address_postal_code,
    address_state: lead.address_state,
    address_country: lead.address_country,
    tags: [...lead.tags],
    custom_fields: customFields,
  };
}

/** A new organisation contact for a lead's organisation name. */
export function organizationFromLead(lead: LeadFields, customFields: Record<string, StoredValue>): ContactFields {
  const personal = Boolean(lead.last_name);
  return {
    ...emptyContact(lead.owner_id, true),
    name: lead.organization_name!.trim(),
    prospect_status: 'current',
    industry: lead.industry,
    website: lead.website,
    // Without a person, the organisation takes the lead's contact details.
    ...(personal
      ? {}
      : {
          email: lead.email, phone: lead.phone, fax: lead.fax, description: lead.description, address_line1: lead.address_line1, address_city: lead.address_city,
          address_postal_code: lead.address_postal_code, address_state: lead.address_state, address_country: lead.address_country, tags: [...lead.tags],
        }),
    custom_fields: customFields,
  };
}
