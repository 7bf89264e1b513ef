import { z } from 'zod';
import type { crm } from '@crm/proto';
import { sellOptionalRef } from '../../../sell/sell-body';
import { commonRecordWrite, sellText } from '../../../sell/sell-record';
import { toRecordInput } from '../../../sell/sell-record-input';

/** The `data` of a lead create or update request, with the exact Sell attribute names. */
export const LeadWrite = z.strictObject({
  ...commonRecordWrite,
  first_name: sellText,
  last_name: sellText,
  organization_name: sellText,
  status: sellText,
  source_id: sellOptionalRef,
  unqualified_reason_id: sellOptionalRef,
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
