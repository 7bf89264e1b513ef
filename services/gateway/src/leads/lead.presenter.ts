import type { crm } from '@crm/proto';

const id = (v: string | undefined) => (v === undefined || v === '0' ? null : Number(v));
const time = (d: Date | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);
const opt = (v: string | undefined) => v ?? null;

/** A lead as Sell v2 clients read it. */
export function presentLead(l: crm.leads.v1.Lead) {
  return {
    id: Number(l.id),
    creator_id: id(l.creatorId),
    owner_id: id(l.ownerId),
    first_name: opt(l.firstName),
    last_name: opt(l.lastName),
    organization_name: opt(l.organizationName),
    status: l.status,
    source_id: id(l.sourceId),
    unqualified_reason_id: id(l.unqualifiedReasonId),
    title: opt(l.title),
    description: opt(l.description),
    industry: opt(l.industry),
    website: opt(l.website),
    email: opt(l.email),
    phone: opt(l.phone),
    mobile: opt(l.mobile),
    fax: opt(l.fax),
    twitter: opt(l.twitter),
    facebook: opt(l.facebook),
    linkedin: opt(l.linkedin),
    skype: opt(l.skype),
    address: {
      line1: opt(l.address?.line1),
      city: opt(l.address?.city),
      postal_code: opt(l.address?.postalCode),
      state: opt(l.address?.state),
      country: opt(l.address?.country),
    },
    tags: l.tags,
    custom_fields: l.customFields ?? {},
    created_at: time(l.createdAt),
    updated_at: time(l.updatedAt),
  };
}

export type SellLead = ReturnType<typeof presentLead>;
