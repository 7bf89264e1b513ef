import type { EventTypeKey } from '@crm/events';
import type { AttachedRecords } from '../attached-record';

/** The record types a service keeps notes on, and the event types it publishes for them. */
export interface NotesOptions {
  records: AttachedRecords;
  events: {
    created: Extract<EventTypeKey, `${string}NoteCreated`>;
    updated: Extract<EventTypeKey, `${string}NoteUpdated`>;
    deleted: Extract<EventTypeKey, `${string}NoteDeleted`>;
  };
}

export const NOTES_OPTIONS = Symbol('NOTES_OPTIONS');
