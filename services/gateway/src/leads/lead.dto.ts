import { z } from 'zod';
import type { crm } from '@crm/proto';
import { sellId } from '../sell/sell-body';

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

const READ_ONLY = new Set(['id', 'creator_id', 'created_at', 'updated_at']);
const ADDRESS_KEYS = ['line1', 'city', 'postal_code', 'state', 'country'] as const;
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * Converts Sell JSON to the gRPC input and the list of attribute paths it touches. On update an
 * explicit null clears the attribute; on create it is the same as leaving the attribute out.
 */
export function toLeadInput(data: LeadWrite, mode: 'create' | 'update'): { input: crm.leads.v1.LeadInput; paths: string[] } {
  const input: Record<string, unknown> = { tags: [] };
  const paths: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (READ_ONLY.has(key) || value === undefined) continue;
    if (value === null && mode === 'create') continue;
    if (key === 'address') {
      if (value === null) {
        paths.push('address');
        continue;
      }
      const address: Record<string, string> = {};
      for (const k of ADDRESS_KEYS) {
        const v = (value as Record<string, string | null | undefined>)[k];
        if (v === undefined || (v === null && mode === 'create')) continue;
        paths.push(`address.${k}`);
        if (v !== null) address[camel(k)] = v;
      }
      input.address = address;
    } else if (key === 'tags') {
      paths.push('tags');
      input.tags = value ?? [];
    } else if (key === 'custom_fields') {
      const fields = (value ?? {}) as Record<string, unknown>;
      // Clients send an empty map on every update; it changes nothing.
      if (Object.keys(fields).length === 0 && value !== null) continue;
      paths.push('custom_fields');
      input.customFields = fields;
    } else {
      paths.push(key);
      if (value !== null) input[camel(key)] = value;
    }
  }
  return { input: input as unknown as crm.leads.v1.LeadInput, paths };
}
