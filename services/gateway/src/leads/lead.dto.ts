import { z } from 'zod';
import type { crm } from '@crm/proto';
import { sellId } from '../sell/sell-body';
import { toRecordInput } from '../sell/sell-record-input';

const text = z.string().max(65_535).nullable().optional();
const ignored = z.unknown().optional();

export const SellAddress = z.strictObject({
  line1: text,
  city: text,
  postal_code: text,
  state: text,
  country: text,
});

/** The `data` of a lead create or update request, with the exact Sell attribute names. */
export const LeadWrite = z.strictObject({
  owner_id: sellId.nullable().optional(),
  first_name: text,
  last_name: text,
  organization_name: text,
  status: text,
  source_id: sellId.nullable().optional(),
  unqualified_reason_id: sellId.nullable().optional(),
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
  // Read-only attributes: clients round-trip records they read, so these are accepted and ignored.
  id: ignored,
  creator_id: ignored,
  created_at: ignored,
  updated_at: ignored,
});

export type LeadWrite = z.infer<typeof LeadWrite>;

/**
 * Converts Sell JSON to the gRPC input and the list of attribute paths it touches. On update an
 * explicit null clears the attribute; on create it is the same as leaving the attribute out.
 */
export function toLeadInput(data: LeadWrite, mode: 'create' | 'update'): { input: crm.leads.v1.LeadInput; paths: string[] } {
  const { input, paths } = toRecordInput(data, mode);
  return { input: input as unknown as crm.leads.v1.LeadInput, paths };
}
