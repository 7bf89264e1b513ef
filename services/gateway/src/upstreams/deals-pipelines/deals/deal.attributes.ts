import { customFieldValues, money, nullableId, nullableString, nullableTimestamp, stringList, timestamp } from '../../../openapi/openapi-parts';
import { filterFields, sortFields, type SellAttributes } from '../../../sell/sell-attributes';

/** A deal as Sell clients read it (see presentDeal); lists sort and filter by the marked ones. */
export const DEAL_ATTRIBUTES = {
  id: { schema: { type: 'integer' }, sort: true },
  creator_id: { schema: nullableId, filter: 'id' },
  owner_id: { schema: { type: 'integer' }, sort: true, filter: 'id' },
  name: { schema: { type: 'string' }, sort: true, filter: 'string' },
  value: { schema: money, sort: true },
  currency: { schema: { type: 'string' }, sort: true, filter: 'string' },
  hot: { schema: { type: 'boolean' }, sort: true },
  pipeline_id: { schema: { type: 'integer' }, filter: 'id' },
  stage_id: { schema: { type: 'integer' }, sort: true, filter: 'id' },
  contact_id: { schema: nullableId, filter: 'id' },
  organization_id: { schema: nullableId, filter: 'id' },
  source_id: { schema: nullableId, filter: 'id' },
  loss_reason_id: { schema: nullableId, filter: 'id' },
  unqualified_reason_id: { schema: nullableId, filter: 'id' },
  estimated_close_date: { schema: { ...nullableString, format: 'date' }, sort: true, filter: 'date' },
  customized_win_likelihood: { schema: nullableId },
  added_at: { schema: nullableTimestamp },
  last_stage_change_at: { schema: timestamp, sort: true },
  last_stage_change_by_id: { schema: nullableId },
  last_activity_at: { schema: nullableTimestamp, sort: true },
  dropbox_email: { schema: { type: 'null' } },
  tags: { schema: stringList },
  custom_fields: { schema: customFieldValues },
  next_step: { schema: { ...nullableString, maxLength: 255, description: 'Beyond Sell: what happens next on the deal, in a line' } },
  created_at: { schema: timestamp, sort: true },
  updated_at: { schema: timestamp, sort: true },
} as const satisfies SellAttributes;

export const DEAL_SORT_FIELDS = sortFields(DEAL_ATTRIBUTES);
export const DEAL_ID_FILTERS = filterFields(DEAL_ATTRIBUTES, 'id');
export const DEAL_STRING_FILTERS = filterFields(DEAL_ATTRIBUTES, 'string');
export const DEAL_DATE_FILTERS = filterFields(DEAL_ATTRIBUTES, 'date');
