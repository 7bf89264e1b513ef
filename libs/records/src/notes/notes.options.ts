import type { RawBuilder } from 'kysely';
import type { EventTypeKey } from '@crm/events';
import type { AttachedRecords } from '../attached-record';

/** The record types a service keeps notes on, and the event types it publishes for them. */
export interface NotesOptions {
  records: AttachedRecords;
  /**
   * Records shared with a user beyond their owner set (deals they collaborate on): a condition on
   * the record's type and id. Whoever a record is shared with sees and writes its notes too.
   */
  sharedWith?: (userId: string, resourceType: RawBuilder<unknown>, resourceId: RawBuilder<unknown>) => RawBuilder<boolean>;
  events: {
    created: Extract<EventTypeKey, `${string}NoteCreated`>;
    updated: Extract<EventTypeKey, `${string}NoteUpdated`>;
    deleted: Extract<EventTypeKey, `${string}NoteDeleted`>;
  };
}

export const NOTES_OPTIONS = Symbol('NOTES_OPTIONS');
