import type { crm } from '@crm/proto';
import type { CustomFieldCatalog } from '@crm/records';
import { commonRecordToProto, opt, rowFields } from '../records/record.mapper';
import type { LeadFields, LeadStatus } from './lead-input';
import type { LeadRow } from './leads.repository';

export function rowToFields(row: LeadRow): LeadFields {
  const { converted_at: _converted, ...fields } = rowFields(row);
  return { ...fields, status: fields.status as LeadStatus };
}

export function rowToLead(row: LeadRow, catalog: CustomFieldCatalog): crm.leads.v1.Lead {
  return {
    ...commonRecordToProto(row, catalog),
    firstName: opt(row.first_name),
    lastName: opt(row.last_name),
    organizationName: opt(row.organization_name),
    status: row.status,
    sourceId: opt(row.source_id),
    unqualifiedReasonId: opt(row.unqualified_reason_id),
  };
}
