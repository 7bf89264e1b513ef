import type { crm } from '@crm/proto';
import { presentCommon, sellIdOrNull } from '../../../sell/sell-record';

/** A contact as Sell v2 clients read it. */
export function presentContact(c: crm.leads.v1.Contact) {
  const common = presentCommon(c);
  return {
    id: Number(c.id),
    is_organization: c.isOrganization,
    name: c.name,
    first_name: c.firstName ?? null,
    last_name: c.lastName ?? null,
    contact_id: sellIdOrNull(c.contactId),
    parent_organization_id: sellIdOrNull(c.parentOrganizationId),
    customer_status: c.customerStatus,
    prospect_status: c.prospectStatus,
    ...common,
  };
}
