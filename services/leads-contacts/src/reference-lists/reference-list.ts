import { crm } from '@crm/proto';

export type ListName = 'lead_source' | 'lead_unqualified_reason';

const BY_ENUM: Partial<Record<crm.leads.v1.ReferenceList, ListName>> = {
  [crm.leads.v1.ReferenceList.REFERENCE_LIST_LEAD_SOURCE]: 'lead_source',
  [crm.leads.v1.ReferenceList.REFERENCE_LIST_LEAD_UNQUALIFIED_REASON]: 'lead_unqualified_reason',
};

export function listName(list: crm.leads.v1.ReferenceList): ListName | undefined {
  return BY_ENUM[list];
}

export function listEnum(name: ListName): crm.leads.v1.ReferenceList {
  return name === 'lead_source' ? crm.leads.v1.ReferenceList.REFERENCE_LIST_LEAD_SOURCE : crm.leads.v1.ReferenceList.REFERENCE_LIST_LEAD_UNQUALIFIED_REASON;
}

/** What every new tenant starts with (Sell accounts start with at least one unqualified reason). */
export const DEFAULT_ITEMS: Record<ListName, readonly string[]> = {
  lead_source: ['Website', 'Referral', 'Event', 'Cold call', 'Capture form'],
  lead_unqualified_reason: ['Not interested', 'No budget', 'Bad timing', 'Not a decision maker', 'Unreachable'],
};

export const MAX_NAME = 255;

/** Trims a name and checks its length; returns undefined when it is unusable. */
export function normaliseName(name: string): string | undefined {
  const t = name.trim().replace(/\s+/g, ' ');
  return t.length >= 1 && t.length <= MAX_NAME ? t : undefined;
}
