import { customFieldValues, nullableString, stringList, timestamp } from '../../openapi/openapi-parts';
import type { SellAttributes } from '../../sell/sell-attributes';

const text = { schema: nullableString };

/** What leads and contacts share as Sell clients read them (see presentCommon), after their own attributes. */
export const SHARED_RECORD_ATTRIBUTES = {
  title: text,
  description: text,
  industry: text,
  website: text,
  email: { ...text, sort: true, filter: 'string' },
  phone: text,
  mobile: text,
  fax: text,
  twitter: text,
  facebook: text,
  linkedin: text,
  skype: text,
  address: { schema: { $ref: '#/components/schemas/Address' } },
  tags: { schema: stringList },
  custom_fields: { schema: customFieldValues },
  created_at: { schema: timestamp, sort: true },
  updated_at: { schema: timestamp, sort: true },
} as const satisfies SellAttributes;
