import { z } from 'zod';
import type { crm } from '@crm/proto';
import { percentage, sellDateTime, sellDecimal, sellId, sellOptionalRef } from '../../../sell/sell-body';
import { toRecordInput } from '../../../sell/sell-record-input';

const ignored = z.unknown().optional();

/** The `data` of a deal create or update request, with the exact Sell attribute names. */
export const DealWrite = z.strictObject({
  name: z.string().max(255).nullable().optional(),
  // Money arrives as a JSON number or a numeric string; the deals service parses it exactly.
  value: sellDecimal.nullable().optional(),
  currency: z.string().max(3).nullable().optional(),
  hot: z.boolean().nullable().optional(),
  stage_id: sellId.nullable().optional(),
  contact_id: sellId.nullable().optional(),
  owner_id: sellId.nullable().optional(),
  source_id: sellOptionalRef,
  loss_reason_id: sellOptionalRef,
  unqualified_reason_id: sellOptionalRef,
  estimated_close_date: z.string().max(40).nullable().optional(),
  customized_win_likelihood: percentage.nullable().optional(),
  added_at: sellDateTime.nullable().optional(),
  // Clients send added_on; it is the same attribute.
  added_on: sellDateTime.nullable().optional(),
  last_stage_change_at: sellDateTime.nullable().optional(),
  tags: z.array(z.string().max(64)).max(100).nullable().optional(),
  custom_fields: z.record(z.string(), z.unknown()).nullable().optional(),
  // Beyond Sell: one line of what happens next (the deals service checks its length).
  next_step: z.string().nullable().optional(),
  // Read-only attributes clients send back.
  id: ignored,
  creator_id: ignored,
  organization_id: ignored,
  pipeline_id: ignored,
  dropbox_email: ignored,
  last_stage_change_by_id: ignored,
  last_activity_at: ignored,
  created_at: ignored,
  updated_at: ignored,
});

export type DealWrite = z.infer<typeof DealWrite>;

const READ_ONLY = ['organization_id', 'pipeline_id', 'dropbox_email', 'last_stage_change_by_id', 'last_activity_at'] as const;

/**
 * Converts Sell JSON to the gRPC input and the attribute paths it touches. On update an explicit
 * null clears the attribute; on create it is the same as leaving the attribute out.
 */
export function toDealInput(data: DealWrite, mode: 'create' | 'update'): { input: crm.deals.v1.DealInput; paths: string[] } {
  const { added_on: addedOn, ...rest } = data;
  const record: Record<string, unknown> = { ...rest };
  for (const key of READ_ONLY) delete record[key];
  if (addedOn !== undefined && rest.added_at === undefined) record.added_at = addedOn;
  const { input, paths } = toRecordInput(record, mode);
  return { input: input as unknown as crm.deals.v1.DealInput, paths };
}
