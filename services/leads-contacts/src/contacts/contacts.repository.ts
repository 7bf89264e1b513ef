import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import { applyRecordFilters, listRecords, type RecordListQuery, type StoredValue, streamRecords } from '@crm/records';
import { RecordTableRepository } from '../records/record-table.repository';
import type { ContactFields } from './contact-input';
import type { Trx, LeadsContactsDatabase } from '../database';

export interface ContactsTable extends Omit<ContactFields, 'custom_fields'> {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  custom_fields: Record<string, StoredValue>;
  version: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ContactsTables {
  contacts: ContactsTable;
}

export type ContactRow = Selectable<ContactsTable>;

export const CONTACT_FILTER_COLUMNS = [
  'owner_id', 'creator_id', 'is_organization', 'contact_id', 'name', 'first_name', 'last_name', 'email', 'customer_status', 'prospect_status',
  'address_city', 'address_country', 'address_postal_code',
] as const;
export type ContactFilterColumn = (typeof CONTACT_FILTER_COLUMNS)[number];

export const CONTACT_SORT_COLUMNS = ['id', 'name', 'first_name', 'last_name', 'created_at', 'updated_at', 'email', 'customer_status', 'prospect_status', 'owner_id'] as const;
export type ContactSortColumn = (typeof CONTACT_SORT_COLUMNS)[number];

export type ContactQuery = RecordListQuery<ContactFilterColumn, ContactSortColumn>;

/** The only SQL about contacts; every method runs in a tenant transaction (row-level security). */
@Injectable()
export class ContactsRepository extends RecordTableRepository<ContactRow, ContactFields> {
  protected readonly table = 'contacts';

  /** The tenant's oldest organisation of this name (case-insensitive), for reuse on lead conversion. */
  async findOrganizationByName(trx: Trx, name: string): Promise<ContactRow | undefined> {
    return trx
      .selectFrom('contacts')
      .selectAll()
      .where('is_organization', '=', true)
      .where(sql`lower(name)`, '=', name.trim().toLowerCase())
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }

  /** People of an organisation and organisations under it, locked for the unlinking that follows. */
  async linkedTo(trx: Trx, organizationId: string): Promise<ContactRow[]> {
    return trx
      .selectFrom('contacts')
      .selectAll()
      .where((eb) => eb.or([eb('contact_id', '=', organizationId), eb('parent_organization_id', '=', organizationId)]))
      .orderBy('id')
      .forUpdate()
      .execute();
  }

  async list(trx: Trx, q: ContactQuery): Promise<ContactRow[]> {
    return listRecords<ContactRow, ContactFilterColumn, ContactSortColumn, LeadsContactsDatabase>(trx, 'contacts', q, ['email', 'name']);
  }

  stream(trx: Trx, q: ContactQuery): AsyncIterable<ContactRow> {
    return streamRecords<ContactRow, ContactFilterColumn, ContactSortColumn, LeadsContactsDatabase>(trx, 'contacts', q, ['email', 'name']);
  }

  async count(trx: Trx, q: ContactQuery): Promise<number> {
    const query = applyRecordFilters(trx.selectFrom('contacts').select(sql<string>`count(*)`.as('n')), 'contacts', q, ['email', 'name']);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }
}
