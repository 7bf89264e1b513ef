import { nullableId, nullableString } from '../../../openapi/openapi-parts';
import { filterFields, sortFields, type SellAttributes } from '../../../sell/sell-attributes';
import { SHARED_RECORD_ATTRIBUTES } from '../record.attributes';

const text = { schema: nullableString };

/** A contact as Sell clients read it (see presentContact); lists sort and filter by the marked ones. */
export const CONTACT_ATTRIBUTES = {
  id: { schema: { type: 'integer' }, sort: true },
  creator_id: { schema: nullableId, filter: 'id' },
  owner_id: { schema: { type: 'integer' }, sort: true, filter: 'id' },
  is_organization: { schema: { type: 'boolean' } },
  name: { schema: { type: 'string' }, sort: true, filter: 'string' },
  first_name: { ...text, sort: true, filter: 'string' },
  last_name: { ...text, sort: true, filter: 'string' },
  contact_id: { schema: { ...nullableId, description: 'the organisation a person belongs to' }, filter: 'id' },
  parent_organization_id: { schema: { ...nullableId, description: 'the parent of an organisation' } },
  customer_status: { schema: { type: 'string', enum: ['none', 'current', 'past'] }, sort: true, filter: 'string' },
  prospect_status: { schema: { type: 'string', enum: ['none', 'current', 'lost'] }, sort: true, filter: 'string' },
  ...SHARED_RECORD_ATTRIBUTES,
} as const satisfies SellAttributes;

export const CONTACT_SORT_FIELDS = sortFields(CONTACT_ATTRIBUTES);
export const CONTACT_ID_FILTERS = filterFields(CONTACT_ATTRIBUTES, 'id');
export const CONTACT_STRING_FILTERS = filterFields(CONTACT_ATTRIBUTES, 'string');
