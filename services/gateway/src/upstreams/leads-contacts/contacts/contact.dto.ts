import { z } from 'zod';
import type { crm } from '@crm/proto';
import { sellOptionalRef } from '../../../sell/sell-body';
import { commonRecordWrite, sellText } from '../../../sell/sell-record';
import { toRecordInput } from '../../../sell/sell-record-input';

/** The `data` of a contact create or update request, with the exact Sell attribute names. */
export const ContactWrite = z.strictObject({
  ...commonRecordWrite,
  is_organization: z.boolean().nullable().optional(),
  name: sellText,
  first_name: sellText,
  last_name: sellText,
  contact_id: sellOptionalRef,
  parent_organization_id: sellOptionalRef,
  customer_status: sellText,
  prospect_status: sellText,
  // Present in real Sell responses; accepted and ignored.
  billing_address: z.unknown().optional(),
  shipping_address: z.unknown().optional(),
});

export type ContactWrite = z.infer<typeof ContactWrite>;

export function toContactInput(data: ContactWrite, mode: 'create' | 'update'): { input: crm.leads.v1.ContactInput; paths: string[] } {
  const { input, paths } = toRecordInput(data, mode);
  return { input: input as unknown as crm.leads.v1.ContactInput, paths };
}
