import { nullableId, nullableString } from '../../../openapi/openapi-parts';
import { filterFields, sortFields, type SellAttributes } from '../../../sell/sell-attributes';
import { SHARED_RECORD_ATTRIBUTES } from '../record.attributes';

const text = { schema: nullableString };

/** A lead as Sell clients read it (see presentLead); lists sort and filter by the marked ones. */
export const LEAD_ATTRIBUTES = {
  id: { schema: { type: 'integer' }, sort: true },
  creator_id: { schema: nullableId, filter: 'id' },
  owner_id: { schema: { type: 'integer' }, sort: true, filter: 'id' },
  first_name: { ...text, sort: true, filter: 'string' },
  last_name: { ...text, sort: true, filter: 'string' },
  organization_name: { ...text, sort: true, filter: 'string' },
  status: { schema: { type: 'string', enum: ['new', 'working', 'unqualified'] }, sort: true, filter: 'string' },
  source_id: { schema: nullableId, filter: 'id' },
  unqualified_reason_id: { schema: nullableId },
  ...SHARED_RECORD_ATTRIBUTES,
} as const satisfies SellAttributes;

export const LEAD_SORT_FIELDS = sortFields(LEAD_ATTRIBUTES);
export const LEAD_ID_FILTERS = filterFields(LEAD_ATTRIBUTES, 'id');
export const LEAD_STRING_FILTERS = filterFields(LEAD_ATTRIBUTES, 'string');
