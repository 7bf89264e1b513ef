import { z } from 'zod';
import type { crm } from '@crm/proto';
import { SellAddress } from '../leads/lead.dto';
import { sellId } from '../sell/sell-body';
import { toRecordInput } from '../sell/sell-record-input';

const text = z.string().max(65_535).nullable().optional();
const ignored = z.unknown().optional();

/** The `data` of a contact create or update request, with the exact Sell attribute names. */
export const ContactWrite = z.strictObject({
  owner_id: sellId.nullable().optional(),
  is_organization: z.boolean().nullable().optional(),
  name: text,
  first_name: text,
  last_name: text,
  contact_id: sellId.nullable().optional(),
  parent_organization_id: sellId.nullable().optional(),
  customer_status: text,
  prospect_status: text,
  title: text,
  description: text,
  industry: text,
  website: text,
  email: text,
  phone: text,
  mobile: text,
  fax: text,
  twitter: text,
  facebook: text,
  linkedin: text,
  skype: text,
  address: SellAddress.nullable().optional(),
  tags: z.array(z.string().max(64)).max(100).nullable().optional(),
  custom_fields: z.record(z.string(), z.unknown()).nullable().optional(),
  id: ignored,
  creator_id: ignored,
  created_at: ignored,
  updated_at: ignored,
  // Present in real Sell responses; accepted and ignored.
  billing_address: ignored,
  shipping_address: ignored,
});

export type ContactWrite = z.infer<typeof ContactWrite>;

export function toContactInput(data: ContactWrite, mode: 'create' | 'update'): { input: crm.leads.v1.ContactInput; paths: string[] } {
  const { input, paths } = toRecordInput(data, mode);
  return { input: input as unknown as crm.leads.v1.ContactInput, paths };
}
