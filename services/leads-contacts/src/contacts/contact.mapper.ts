import type { crm } from '@crm/proto';
import type { CustomFieldCatalog } from '@crm/records';
import { commonRecordToProto, opt, rowFields } from '../records/record.mapper';
import type { ContactFields } from './contact-input';
import type { ContactRow } from './contacts.repository';

export function contactRowToFields(row: ContactRow): ContactFields {
  return rowFields(row) as ContactFields;
}

export function rowToContact(row: ContactRow, catalog: CustomFieldCatalog): crm.leads.v1.Contact {
  return {
    ...commonRecordToProto(row, catalog),
    isOrganization: row.is_organization,
    name: row.name,
    firstName: opt(row.first_name),
    lastName: opt(row.last_name),
    contactId: opt(row.contact_id),
    parentOrganizationId: opt(row.parent_organization_id),
    customerStatus: row.customer_status,
    prospectStatus: row.prospect_status,
  };
}
