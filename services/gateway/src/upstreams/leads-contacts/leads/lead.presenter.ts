import type { crm } from '@crm/proto';
import { presentCommon, sellIdOrNull } from '../../../sell/sell-record';

/** A lead as Sell v2 clients read it. */
export function presentLead(l: crm.leads.v1.Lead) {
  const common = presentCommon(l);
  return {
    id: Number(l.id),
    first_name: l.firstName ?? null,
    last_name: l.lastName ?? null,
    organization_name: l.organizationName ?? null,
    status: l.status,
    source_id: sellIdOrNull(l.sourceId),
    unqualified_reason_id: sellIdOrNull(l.unqualifiedReasonId),
    ...common,
  };
}
