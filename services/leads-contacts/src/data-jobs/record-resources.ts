import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { Principal } from '@crm/auth';
import { DomainError, type FieldViolation } from '@crm/errors';
import { crm } from '@crm/proto';
import { rowToContact } from '../contacts/contact.mapper';
import { CONTACT_FILTER_COLUMNS, CONTACT_SORT_COLUMNS, ContactsRepository, type ContactRow } from '../contacts/contacts.repository';
import { ContactsService } from '../contacts/contacts.service';
import { buildListQuery, type CustomFieldCatalog } from '@crm/records';
import { rowToLead } from '../leads/lead.mapper';
import { LEAD_FILTER_COLUMNS, LEAD_SORT_COLUMNS, LeadsRepository, type LeadRow } from '../leads/leads.repository';
import { LeadsService } from '../leads/leads.service';

// Each service casts the shared transaction to its own tables.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTrx = Transaction<any>;
type Sort = { field: string; descending: boolean }[];

/** What imports and exports need of a record type; one implementation per type. */
export interface RecordResource {
  readonly type: 'lead' | 'contact';
  catalog(trx: AnyTrx): Promise<CustomFieldCatalog>;
  create(trx: AnyTrx, principal: Principal, input: Record<string, unknown>, paths: string[], catalog: CustomFieldCatalog): Promise<void>;
  /** Creates many records in a few statements: per input, nothing (created) or the error it answers alone. */
  createMany(trx: AnyTrx, principal: Principal, inputs: readonly { input: Record<string, unknown>; paths: readonly string[] }[], catalog: CustomFieldCatalog): Promise<(DomainError | undefined)[]>;
  existingKeys(trx: AnyTrx, key: 'email_key' | 'phone_key', values: readonly string[], visibleOwnerIds: 'all' | readonly string[]): Promise<Set<string>>;
  findDuplicate(trx: AnyTrx, key: 'email_key' | 'phone_key', value: string, visibleOwnerIds: 'all' | readonly string[]): Promise<{ id: string; owner_id: string } | undefined>;
  update(trx: AnyTrx, principal: Principal, row: { id: string; owner_id: string }, input: Record<string, unknown>, paths: string[], catalog: CustomFieldCatalog): Promise<void>;
  /** The records of a list filter as the API presents them, streamed; or what is wrong with the filter. */
  rows(trx: AnyTrx, visibleOwnerIds: readonly string[] | 'all', filter: unknown, sort: Sort, catalog: CustomFieldCatalog): { rows: AsyncIterable<Record<string, unknown>> } | { violations: FieldViolation[] };
}

const errorsOf = (outcomes: readonly unknown[]) => outcomes.map((o) => (o instanceof DomainError ? o : undefined));

async function* mapRows<R, T>(rows: AsyncIterable<R>, fn: (r: R) => T): AsyncIterable<T> {
  for await (const r of rows) yield fn(r);
}

@Injectable()
export class RecordResources {
  private readonly byType: Record<'lead' | 'contact', RecordResource>;

  constructor(leads: LeadsService, leadRows: LeadsRepository, contacts: ContactsService, contactRows: ContactsRepository) {
    this.byType = {
      lead: {
        type: 'lead',
        catalog: (trx) => leads.catalog(trx),
        create: async (trx, principal, input, paths, catalog) => void (await leads.createIn(trx, principal, input as never, paths, catalog)),
        createMany: async (trx, principal, inputs, catalog) => errorsOf(await leads.createManyIn(trx, principal, inputs as never, catalog)),
        findDuplicate: (trx, key, value, visible) => leadRows.findDuplicate(trx, key, value, visible),
        existingKeys: (trx, key, values, visible) => leadRows.existingKeys(trx, key, values, visible),
        update: async (trx, principal, row, input, paths, catalog) => void (await leads.updateIn(trx, principal, row as LeadRow, input as never, paths, catalog)),
        rows: (trx, visible, filter, sort, catalog) => {
          const built = buildListQuery(catalog, visible, { page: 1, perPage: 1, filter: crm.leads.v1.LeadFilter.fromJSON(filter), sort }, LEAD_FILTER_COLUMNS, LEAD_SORT_COLUMNS, 'leads');
          return 'violations' in built ? built : { rows: mapRows(leadRows.stream(trx, built.query), (r) => rowToLead(r, catalog) as unknown as Record<string, unknown>) };
        },
      },
      contact: {
        type: 'contact',
        catalog: (trx) => contacts.catalog(trx),
        create: async (trx, principal, input, paths, catalog) => void (await contacts.createIn(trx, principal, input as never, paths, catalog)),
        createMany: async (trx, principal, inputs, catalog) => errorsOf(await contacts.createManyIn(trx, principal, inputs as never, catalog)),
        findDuplicate: (trx, key, value, visible) => contactRows.findDuplicate(trx, key, value, visible),
        existingKeys: (trx, key, values, visible) => contactRows.existingKeys(trx, key, values, visible),
        update: async (trx, principal, row, input, paths, catalog) => void (await contacts.updateIn(trx, principal, row as ContactRow, input as never, paths, catalog)),
        rows: (trx, visible, filter, sort, catalog) => {
          const built = buildListQuery(catalog, visible, { page: 1, perPage: 1, filter: crm.leads.v1.ContactFilter.fromJSON(filter), sort }, CONTACT_FILTER_COLUMNS, CONTACT_SORT_COLUMNS, 'contacts');
          return 'violations' in built ? built : { rows: mapRows(contactRows.stream(trx, built.query), (r) => rowToContact(r, catalog) as unknown as Record<string, unknown>) };
        },
      },
    };
  }

  of(type: 'lead' | 'contact'): RecordResource {
    return this.byType[type];
  }
}
