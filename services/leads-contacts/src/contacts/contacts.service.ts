import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { AssignableOwners, assertOwnerAssignable, buildListQuery, ownerNotAUser, changedCustomFieldIds, CollaborationsError, CollaborationsService, type CustomFieldCatalog, CustomFieldsRepository, CustomFieldsService, indexCustomFields, indexNewRecordsCustomFields, upsertByFilter, type ListRecordsParams } from '@crm/records';
import { DATABASE } from '../leads-contacts.constants';
import { applyContactInput, diffContact, emptyContact, type ContactFields } from './contact-input';
import { contactRowToFields, rowToContact } from './contact.mapper';
import { ContactsError } from './contacts.errors';
import { CONTACT_FILTER_COLUMNS, CONTACT_SORT_COLUMNS, ContactsRepository, type ContactRow } from './contacts.repository';
import type { Trx, Database } from '../database';

type Contact = crm.leads.v1.Contact;
type ContactInput = crm.leads.v1.ContactInput;

export type ListContactsParams = ListRecordsParams<crm.leads.v1.ContactFilter>;

const MAX_ORGANIZATION_DEPTH = 20;
const subject = (tenantId: string, id: string) => `tenants/${tenantId}/contacts/${id}`;

/** Contact rules: people and organisations, visibility, owner assignment, one event per change. */
@Injectable()
export class ContactsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly contacts: ContactsRepository,
    private readonly customFields: CustomFieldsService,
    private readonly customFieldValues: CustomFieldsRepository,
    private readonly owners: AssignableOwners,
    private readonly collaborations: CollaborationsService,
  ) {}

  async create(principal: Principal, input: ContactInput, presentPaths: readonly string[]): Promise<Contact> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => this.createIn(trx, principal, input, presentPaths, await this.catalog(trx)));
  }

  /** Creates a contact inside the caller's transaction. */
  async createIn(trx: Trx, principal: Principal, input: ContactInput, presentPaths: readonly string[], catalog: CustomFieldCatalog): Promise<Contact> {
    const fields = this.newContactFields(principal, input, presentPaths, catalog);
    await this.owners.assertActive(trx, principal, fields.owner_id, 'contact');
    await this.assertOrganizations(trx, undefined, fields);
    return this.insertContact(trx, principal.tenantId, principal.userId, fields, catalog);
  }

  /**
   * Creates many contacts inside the caller's transaction with the statements of one (imports):
   * each input is checked on its own and becomes a contact, or the error it would have answered alone.
   */
  async createManyIn(trx: Trx, principal: Principal, inputs: readonly { input: ContactInput; paths: readonly string[] }[], catalog: CustomFieldCatalog): Promise<(Contact | DomainError)[]> {
    const outcomes: (ContactFields | DomainError)[] = [];
    const owners = inputs.map(({ input }) => input.ownerId ?? principal.userId);
    const inactive = await this.owners.inactive(trx, principal, owners);
    for (const { input, paths } of inputs) {
      try {
        const fields = this.newContactFields(principal, input, paths, catalog);
        if (inactive.has(fields.owner_id)) throw ownerNotAUser('contact', fields.owner_id);
        await this.assertOrganizations(trx, undefined, fields);
        outcomes.push(fields);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        outcomes.push(e);
      }
    }
    const contacts = await this.insertContacts(trx, principal.tenantId, principal.userId, outcomes.filter((o): o is ContactFields => !(o instanceof DomainError)), catalog);
    let next = 0;
    return outcomes.map((o) => (o instanceof DomainError ? o : contacts[next++]!));
  }

  /** The fields of a new contact from its input, or the error (invalid input, an owner the caller may not assign). */
  private newContactFields(principal: Principal, input: ContactInput, presentPaths: readonly string[], catalog: CustomFieldCatalog): ContactFields {
    const owner = input.ownerId ?? principal.userId;
    const paths = presentPaths.filter((p) => p !== 'is_organization');
    const result = applyContactInput(emptyContact(owner, input.isOrganization ?? false), { ...input, ownerId: owner }, paths, catalog);
    if ('violations' in result) throw ContactsError.invalid(result.violations);
    assertOwnerAssignable(principal, result.fields.owner_id, 'contact');
    return result.fields;
  }

  /** Inserts a validated contact with its custom field index and its created event (also used by lead conversion). */
  async insertContact(trx: Trx, tenantId: string, creatorId: string, fields: ContactFields, catalog: CustomFieldCatalog): Promise<Contact> {
    return (await this.insertContacts(trx, tenantId, creatorId, [fields], catalog))[0]!;
  }

  private async insertContacts(trx: Trx, tenantId: string, creatorId: string, fields: readonly ContactFields[], catalog: CustomFieldCatalog): Promise<Contact[]> {
    if (fields.length === 0) return [];
    const rows = await this.contacts.insertMany(trx, tenantId, creatorId, fields);
    await indexNewRecordsCustomFields(this.customFieldValues, trx, tenantId, catalog, rows.map((row) => ({ recordId: row.id, stored: row.custom_fields })));
    const contacts = rows.map((row) => rowToContact(row, catalog));
    await appendToOutbox(trx, contacts.map((contact) => buildEvent({ kind: 'contactCreated', tenantId, aggregateId: contact.id, subject: subject(tenantId, contact.id), payload: { contact } })));
    return contacts;
  }

  async get(principal: Principal, id: string): Promise<Contact> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.contacts.find(trx, id);
      if (!row || !(await this.collaborations.access(trx, principal, 'contact', row.id, row.owner_id))) throw ContactsError.notFound(id);
      return rowToContact(row, await this.catalog(trx));
    });
  }

  async update(principal: Principal, id: string, input: ContactInput, paths: readonly string[]): Promise<Contact> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.contacts.find(trx, id, true);
      if (!row || !(await this.collaborations.access(trx, principal, 'contact', row.id, row.owner_id))) throw ContactsError.notFound(id);
      return this.updateIn(trx, principal, row, input, paths, await this.catalog(trx));
    });
  }

  /** Updates a visible contact row (locked by the caller) inside the caller's transaction. */
  async updateIn(trx: Trx, principal: Principal, row: ContactRow, input: ContactInput, paths: readonly string[], catalog: CustomFieldCatalog): Promise<Contact> {
    const before = contactRowToFields(row);
    const result = applyContactInput(before, input, paths, catalog);
    if ('violations' in result) throw ContactsError.invalid(result.violations);
    if (result.fields.owner_id !== before.owner_id) {
      // A collaborator edits the contact but does not hand it to anyone.
      if (!canSeeOwner(principal, before.owner_id)) throw CollaborationsError.collaboratorOnly('contact', row.id);
      await this.owners.assert(trx, principal, result.fields.owner_id, 'contact');
    }
    if (result.fields.contact_id !== before.contact_id || result.fields.parent_organization_id !== before.parent_organization_id) {
      await this.assertOrganizations(trx, row.id, result.fields);
    }
    return this.save(trx, principal.tenantId, row, result.fields, catalog);
  }

  /** Deletes a contact; people of a deleted organisation, and organisations under it, are unlinked (each with its event). */
  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.contacts.find(trx, id, true);
      const access = row ? await this.collaborations.access(trx, principal, 'contact', row.id, row.owner_id) : undefined;
      if (!row || !access) throw ContactsError.notFound(id);
      if (access === 'collaborator') throw CollaborationsError.collaboratorOnly('contact', id);
      if (row.is_organization) {
        const catalog = await this.catalog(trx);
        for (const linked of await this.contacts.linkedTo(trx, id)) {
          const fields = contactRowToFields(linked);
          await this.save(trx, principal.tenantId, linked, { ...fields, contact_id: fields.contact_id === id ? null : fields.contact_id, parent_organization_id: fields.parent_organization_id === id ? null : fields.parent_organization_id }, catalog);
        }
      }
      await this.contacts.delete(trx, id);
      await this.customFieldValues.deleteRecordValues(trx, id, Object.keys(row.custom_fields));
      await appendToOutbox(trx, buildEvent({ kind: 'contactDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { id, ownerId: row.owner_id, isOrganization: row.is_organization } }));
    });
  }

  async list(principal: Principal, params: ListContactsParams): Promise<{ items: Contact[]; totalCount?: number }> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const catalog = await this.catalog(trx);
      const built = buildListQuery(catalog, principal.visibleOwnerIds, params, CONTACT_FILTER_COLUMNS, CONTACT_SORT_COLUMNS, 'contacts');
      if ('violations' in built) throw ContactsError.invalid(built.violations);
      // Records the caller collaborates on are theirs to see too.
      const sharedWith = await this.collaborations.sharedWith(trx, principal, 'contact', sql.ref('contacts.id'));
      const query = sharedWith ? { ...built.query, sharedWith } : built.query;
      const items = (await this.contacts.list(trx, query)).map((r) => rowToContact(r, catalog));
      return params.withTotalCount ? { items, totalCount: await this.contacts.count(trx, query) } : { items };
    });
  }

  private async save(trx: Trx, tenantId: string, row: ContactRow, fields: ContactFields, catalog: CustomFieldCatalog): Promise<Contact> {
    const before = contactRowToFields(row);
    const { changed, previous } = diffContact(before, fields, catalog);
    if (changed.length === 0) return rowToContact(row, catalog);
    const updated = await this.contacts.update(trx, row.id, fields);
    await indexCustomFields(this.customFieldValues, trx, tenantId, row.id, catalog, changedCustomFieldIds(before, fields), fields.custom_fields);
    const contact = rowToContact(updated, catalog);
    await appendToOutbox(trx, buildEvent({ kind: 'contactUpdated', tenantId, aggregateId: row.id, subject: subject(tenantId, row.id), payload: { contact, changedFields: changed, previousValues: previous } }));
    return contact;
  }

  /** Creates a contact, or updates the one visible contact the filter matches (see upsertByFilter). */
  async upsert(principal: Principal, filter: crm.leads.v1.ContactFilter, input: ContactInput, paths: readonly string[]): Promise<{ contact: Contact; created: boolean }> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const catalog = await this.catalog(trx);
      const { record, created } = await upsertByFilter(trx, { tenantId: principal.tenantId, resource: 'contact', filter }, {
        matches: async () => {
          const built = buildListQuery(catalog, principal.visibleOwnerIds, { page: 1, perPage: 2, filter, sort: [] }, CONTACT_FILTER_COLUMNS, CONTACT_SORT_COLUMNS, 'contacts');
          if ('violations' in built) throw ContactsError.invalid(built.violations);
          return this.contacts.list(trx, built.query);
        },
        update: async (match) => this.updateIn(trx, principal, (await this.contacts.find(trx, match.id, true))!, input, paths, catalog),
        create: () => this.createIn(trx, principal, input, paths, catalog),
      });
      return { contact: record, created };
    });
  }

  /** Renames or removes a tag on every contact carrying it, each with its updated event; answers how many changed. */
  async retagIn(trx: Trx, principal: Principal, from: string, to: string | null): Promise<number> {
    const changed = await this.contacts.retag(trx, from, to);
    if (changed.length === 0) return 0;
    const catalog = await this.catalog(trx);
    const { tenantId } = principal;
    await appendToOutbox(trx, changed.map(({ row, previousTags }) => buildEvent({ kind: 'contactUpdated', tenantId, aggregateId: row.id, subject: subject(tenantId, row.id), payload: { contact: rowToContact(row, catalog), changedFields: ['tags'], previousValues: { tags: previousTags } } })));
    return changed.length;
  }

  catalog(trx: Trx): Promise<CustomFieldCatalog> {
    return this.customFields.catalog(trx, 'contact');
  }

  /** contact_id and parent_organization_id must name organisations of the tenant, without cycles. */
  private async assertOrganizations(trx: Trx, selfId: string | undefined, fields: ContactFields): Promise<void> {
    const violations: FieldViolation[] = [];
    if (fields.contact_id) {
      const org = await this.contacts.find(trx, fields.contact_id);
      if (!org || !org.is_organization) violations.push({ field: 'contact_id', code: 'incorrect_value', message: 'is not an organisation of this account' });
    }
    if (fields.parent_organization_id) {
      let cursor: string | null = fields.parent_organization_id;
      for (let depth = 0; cursor && depth <= MAX_ORGANIZATION_DEPTH; depth++) {
        if (cursor === selfId) {
          violations.push({ field: 'parent_organization_id', code: 'incorrect_value', message: 'would make the organisation its own ancestor' });
          break;
        }
        const org: ContactRow | undefined = await this.contacts.find(trx, cursor);
        if (!org || !org.is_organization) {
          if (depth === 0) violations.push({ field: 'parent_organization_id', code: 'incorrect_value', message: 'is not an organisation of this account' });
          break;
        }
        cursor = org.parent_organization_id;
      }
    }
    if (violations.length > 0) throw ContactsError.invalid(violations);
  }
}
