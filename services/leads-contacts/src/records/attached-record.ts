import type { AttachedRecords } from '@crm/records';

/** Notes and documents hang off a lead or a contact and are visible exactly when it is. */
export const LEAD_CONTACT_RECORDS: AttachedRecords = { lead: 'leads', contact: 'contacts' };
export type AttachedResourceType = 'lead' | 'contact';

export function isAttachedResourceType(value: string): value is AttachedResourceType {
  return value in LEAD_CONTACT_RECORDS;
}
