import type { crm } from '@crm/proto';

/** The record types filters apply to. */
export const FILTERED_RECORD_TYPES = ['lead', 'contact', 'deal'] as const;
export type FilteredRecordType = (typeof FILTERED_RECORD_TYPES)[number];

/** How a field's values compare: which operators apply and what a value must be. */
export type FieldKind = 'id' | 'text' | 'number' | 'bool' | 'date' | 'list';

/**
 * A record's fields as filters read them: default fields by their Sell name, custom ones as
 * `custom_fields.<name>`. `team_id` (the owner's team) is added when matching, as teams change apart from records.
 */
export type RecordFields = Record<string, unknown>;

const COMMON: Record<string, FieldKind> = { owner_id: 'id', team_id: 'id', tags: 'list', created_at: 'date' };

/** The default fields a filter may name, per record type. */
export const DEFAULT_FIELDS: Record<FilteredRecordType, Record<string, FieldKind>> = {
  lead: { ...COMMON, status: 'text', source_id: 'id', first_name: 'text', last_name: 'text', organization_name: 'text', title: 'text', industry: 'text', email: 'text', city: 'text', country: 'text' },
  contact: { ...COMMON, is_organization: 'bool', name: 'text', customer_status: 'text', prospect_status: 'text', title: 'text', industry: 'text', email: 'text', city: 'text', country: 'text', parent_organization_id: 'id' },
  deal: { ...COMMON, name: 'text', pipeline_id: 'id', stage_id: 'id', stage_category: 'text', value: 'number', currency: 'text', hot: 'bool', source_id: 'id', contact_id: 'id', estimated_close_date: 'date' },
};

/** The kind of a custom field of each Sell type. */
export function customFieldKind(type: string): FieldKind {
  switch (type) {
    case 'number':
      return 'number';
    case 'bool':
      return 'bool';
    case 'date':
    case 'datetime':
      return 'date';
    case 'multi_select_list':
      return 'list';
    default:
      return 'text';
  }
}

const opt = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);
const id = (v: string | undefined | null): string | null => (v && v !== '0' ? v : null);
const day = (d: Date | undefined) => (d ? d.toISOString() : null);

function customFields(values: Record<string, unknown> | undefined): RecordFields {
  return Object.fromEntries(Object.entries(values ?? {}).map(([name, value]) => [`custom_fields.${name}`, value]));
}

export function leadFields(lead: crm.leads.v1.Lead): RecordFields {
  return {
    owner_id: id(lead.ownerId), tags: lead.tags, created_at: day(lead.createdAt), status: lead.status, source_id: id(lead.sourceId),
    first_name: opt(lead.firstName), last_name: opt(lead.lastName), organization_name: opt(lead.organizationName), title: opt(lead.title), industry: opt(lead.industry),
    email: opt(lead.email), city: opt(lead.address?.city), country: opt(lead.address?.country), ...customFields(lead.customFields),
  };
}

export function contactFields(contact: crm.leads.v1.Contact): RecordFields {
  return {
    owner_id: id(contact.ownerId), tags: contact.tags, created_at: day(contact.createdAt), is_organization: contact.isOrganization, name: contact.name,
    customer_status: contact.customerStatus, prospect_status: contact.prospectStatus, title: opt(contact.title), industry: opt(contact.industry), email: opt(contact.email),
    city: opt(contact.address?.city), country: opt(contact.address?.country), parent_organization_id: id(contact.parentOrganizationId), ...customFields(contact.customFields),
  };
}

export function dealFields(deal: crm.deals.v1.Deal): RecordFields {
  return {
    owner_id: id(deal.ownerId), tags: deal.tags, created_at: day(deal.createdAt), name: deal.name, pipeline_id: id(deal.pipelineId), stage_id: id(deal.stageId),
    stage_category: deal.stageCategory, value: deal.value === '' ? null : Number(deal.value), currency: deal.currency, hot: deal.hot, source_id: id(deal.sourceId),
    contact_id: id(deal.contactId), estimated_close_date: opt(deal.estimatedCloseDate), ...customFields(deal.customFields),
  };
}
