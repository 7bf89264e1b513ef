import type { Kysely, Transaction } from 'kysely';
import type { ObjectPurgesDatabase } from '@crm/service';
import type { CollaborationsDatabase, CustomFieldsDatabase, NotesDatabase, ReferenceListsDatabase, TagsDatabase, TenantUsersDatabase } from '@crm/records';
import type { CaptureFormsTables } from './capture-forms/capture-forms.repository';
import type { ContactsTables } from './contacts/contacts.repository';
import type { DataJobsTables } from './data-jobs/data-jobs.repository';
import type { DocumentsTables } from './documents/documents.repository';
import type { LeadConversionsTables } from './lead-conversions/lead-conversions.repository';
import type { LeadsTables } from './leads/leads.repository';

/** Every table of this service's database: its own and those of the libraries it mounts. */
export interface LeadsContactsDatabase
  extends LeadsTables, ContactsTables, LeadConversionsTables, DocumentsTables, CaptureFormsTables, DataJobsTables, CustomFieldsDatabase, ReferenceListsDatabase, NotesDatabase, TagsDatabase, CollaborationsDatabase, TenantUsersDatabase, ObjectPurgesDatabase {}

export type Database = Kysely<LeadsContactsDatabase>;
export type Trx = Transaction<LeadsContactsDatabase>;
