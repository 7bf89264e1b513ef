import type { ModuleMetadata, Type } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { EventTypeKey } from '@crm/events';
import type { Transaction } from 'kysely';

/** The service's own transaction, whose tables this library does not know. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ServiceTransaction = Transaction<any>;

/**
 * The records of a service that carry tags. Renaming or deleting a tag changes every record of its
 * type that carries it; the service does that itself, so each changed record gets the service's own
 * updated event in the same transaction.
 */
export interface TaggedRecords {
  /** Replaces `from` by `to` (or removes it when `to` is null) on every record of the type; answers how many changed. */
  retag(trx: ServiceTransaction, principal: Principal, resourceType: string, from: string, to: string | null): Promise<number>;
}

/** The record types a service keeps tags of, who retags their records, and the event types it publishes. */
export interface TagsOptions {
  resourceTypes: readonly string[];
  /** Provided inside the tags module; `imports` makes its dependencies resolvable there. */
  taggedRecords: Type<TaggedRecords>;
  imports?: ModuleMetadata['imports'];
  events: {
    created: Extract<EventTypeKey, `${string}TagCreated`>;
    updated: Extract<EventTypeKey, `${string}TagUpdated`>;
    deleted: Extract<EventTypeKey, `${string}TagDeleted`>;
  };
}

export const TAGS_OPTIONS = Symbol('TAGS_OPTIONS');
export const TAGGED_RECORDS = Symbol('TAGGED_RECORDS');
