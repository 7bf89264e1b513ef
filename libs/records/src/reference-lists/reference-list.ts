import { crm } from '@crm/proto';
import type { EventTypeKey } from '@crm/events';

export type ListName = 'lead_source' | 'lead_unqualified_reason' | 'deal_source' | 'loss_reason' | 'deal_unqualified_reason' | 'call_outcome' | 'visit_outcome';

const ENUM: Record<ListName, crm.common.v1.ReferenceList> = {
  lead_source: crm.common.v1.ReferenceList.REFERENCE_LIST_LEAD_SOURCE,
  lead_unqualified_reason: crm.common.v1.ReferenceList.REFERENCE_LIST_LEAD_UNQUALIFIED_REASON,
  deal_source: crm.common.v1.ReferenceList.REFERENCE_LIST_DEAL_SOURCE,
  loss_reason: crm.common.v1.ReferenceList.REFERENCE_LIST_LOSS_REASON,
  deal_unqualified_reason: crm.common.v1.ReferenceList.REFERENCE_LIST_DEAL_UNQUALIFIED_REASON,
  call_outcome: crm.common.v1.ReferenceList.REFERENCE_LIST_CALL_OUTCOME,
  visit_outcome: crm.common.v1.ReferenceList.REFERENCE_LIST_VISIT_OUTCOME,
};

export function listName(list: crm.common.v1.ReferenceList): ListName | undefined {
  return (Object.keys(ENUM) as ListName[]).find((k) => ENUM[k] === list);
}

export function listEnum(name: ListName): crm.common.v1.ReferenceList {
  return ENUM[name];
}

/** One list a service owns: what a new tenant starts with, and what refers to its items. */
export interface ReferenceListSpec {
  defaults: readonly string[];
  /** Plural noun phrase of the records that may refer to an item (for the in-use error). */
  usedBy: string;
}

/** The lists a service owns and the event types it publishes for their items. */
export interface ReferenceListsOptions {
  lists: Partial<Record<ListName, ReferenceListSpec>>;
  events: {
    created: Extract<EventTypeKey, `${string}ReferenceItemCreated`>;
    updated: Extract<EventTypeKey, `${string}ReferenceItemUpdated`>;
    deleted: Extract<EventTypeKey, `${string}ReferenceItemDeleted`>;
  };
}

export const REFERENCE_LISTS_OPTIONS = Symbol('REFERENCE_LISTS_OPTIONS');

export const MAX_NAME = 255;

/** Trims a name and checks its length; returns undefined when it is unusable. */
export function normaliseName(name: string): string | undefined {
  const t = name.trim().replace(/\s+/g, ' ');
  return t.length >= 1 && t.length <= MAX_NAME ? t : undefined;
}
