import type { EventTypeKey } from '@crm/events';
import type { AttachedRecords } from '../attached-record';

/** The record types a service has collaborators on, and the event types it publishes for them. */
export interface CollaborationsOptions {
  records: AttachedRecords;
  events: {
    created: Extract<EventTypeKey, `${string}CollaborationCreated`>;
    deleted: Extract<EventTypeKey, `${string}CollaborationDeleted`>;
  };
}

export const COLLABORATIONS_OPTIONS = Symbol('COLLABORATIONS_OPTIONS');
