import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '@crm/auth';
import { inTenantTransaction, isUniqueViolation, type NotificationListener, TenantNoticeCache, transactionTenant } from '@crm/db-pg';
import { buildEvent, type EventTypeKey } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import { crm } from '@crm/proto';
import { DATABASE, NOTIFICATIONS } from '@crm/service';
import { CustomFieldCatalog } from './custom-field-catalog';
import { buildChoices, hasOptions, isFieldType, normaliseFieldName } from './custom-field-definition';
import type { CustomFieldDef } from './custom-field-value';
import { CustomFieldsError, CustomFieldsErrorCode } from './custom-fields.errors';
import { customFieldTables, CustomFieldsRepository, type CustomFieldResourceName, type CustomFieldRow, type CustomFieldsDatabase } from './custom-fields.repository';

type Field = crm.common.v1.CustomField;

/** The channel a change of a tenant's definitions is announced on (migration custom-fields/0002). */
const CATALOG_CHANNEL = 'custom_fields';
/** Tenant and resource pairs whose catalogs a process keeps. */
const CACHED_CATALOGS = 10_000;

const RESOURCE_ENUM: Record<CustomFieldResourceName, crm.common.v1.CustomFieldResource> = {
  lead: crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_LEAD,
  contact: crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_CONTACT,
  deal: crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_DEAL,
};

/** Which resources a service owns custom fields of, and the event types it publishes for them. */
export interface CustomFieldsOptions {
  resources: readonly CustomFieldResourceName[];
  events: {
    created: Extract<EventTypeKey, `${string}CustomFieldCreated`>;
    updated: Extract<EventTypeKey, `${string}CustomFieldUpdated`>;
    deleted: Extract<EventTypeKey, `${string}CustomFieldDeleted`>;
  };
}

export const CUSTOM_FIELDS_OPTIONS = Symbol('CUSTOM_FIELDS_OPTIONS');

function customFieldResource(value: crm.common.v1.CustomFieldResource): CustomFieldResourceName | undefined {
  return (Object.keys(RESOURCE_ENUM) as CustomFieldResourceName[]).find((k) => RESOURCE_ENUM[k] === value);
}

export function toField(row: CustomFieldRow): Field {
  return {
    id: row.id,
    resource: RESOURCE_ENUM[row.resource],
    name: row.name,
    type: row.type,
    choices: row.choices.map((c) => ({ id: String(c.id), name: c.name })),
    forCompany: row.for_company,
    forContact: row.for_contact,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDef(row: CustomFieldRow): CustomFieldDef {
  return { id: row.id, name: row.name, type: row.type, choices: row.choices, forCompany: row.for_company, forContact: row.for_contact };
}

export interface UpdateFieldCommand {
  name?: string;
  choices?: { id?: number; name: string }[];
  forCompany?: boolean;
  forContact?: boolean;
}

/** Custom field definitions: everyone reads them, admins change them. */
@Injectable()
export class CustomFieldsService implements OnModuleInit {
  /** Catalogs by tenant and resource (see catalog()). */
  private readonly catalogs: TenantNoticeCache<CustomFieldCatalog>;

  constructor(
    @Inject(DATABASE) private readonly db: Kysely<CustomFieldsDatabase>,
    private readonly fields: CustomFieldsRepository,
    @Inject(CUSTOM_FIELDS_OPTIONS) private readonly options: CustomFieldsOptions,
    @Inject(NOTIFICATIONS) notifications: NotificationListener,
  ) {
    this.catalogs = new TenantNoticeCache(notifications, CATALOG_CHANNEL, CACHED_CATALOGS);
  }

  /** The resource, when this service owns its custom fields (INVALID_ARGUMENT otherwise). */
  resource(value: crm.common.v1.CustomFieldResource): CustomFieldResourceName {
    const resource = customFieldResource(value);
    if (!resource || !this.options.resources.includes(resource)) throw new CustomFieldsError(CustomFieldsErrorCode.InvalidField, 'custom fields of this resource are not served here');
    return resource;
  }

  /**
   * The definitions a record write or read needs, inside the caller's transaction. They are kept per
   * tenant while the database's notices can reach this process: every committed change of a
   * tenant's definitions announces the tenant (migration custom-fields/0002), and the notice drops
   * its catalogs here. Without the listening connection, every call reads the table.
   */
  async catalog<DB extends CustomFieldsDatabase>(trx: Transaction<DB>, resource: CustomFieldResourceName): Promise<CustomFieldCatalog> {
    return this.catalogs.get(transactionTenant(trx), resource, async () => new CustomFieldCatalog((await this.fields.list(customFieldTables(trx), resource)).map(toDef)));
  }

  onModuleInit(): Promise<void> {
    return this.catalogs.listen();
  }

  /**
   * A change of the tenant's definitions. Its own process forgets the tenant's catalogs as soon as
   * it ends, so the next request here sees the change even before the notice comes back.
   */
  private async changeDefinitions<T>(tenantId: string, fn: (trx: Transaction<CustomFieldsDatabase>) => Promise<T>): Promise<T> {
    try {
      return await inTenantTransaction(this.db, tenantId, fn);
    } finally {
      this.catalogs.forget(tenantId);
    }
  }

  async list(principal: Principal, resource: CustomFieldResourceName): Promise<Field[]> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => (await this.fields.list(trx, resource)).map(toField));
  }

  async create(principal: Principal, resource: CustomFieldResourceName, input: { name: string; type: string; choices: string[]; forCompany?: boolean; forContact?: boolean }): Promise<Field> {
    this.assertAdmin(principal);
    const name = this.validName(input.name);
    if (!isFieldType(input.type)) throw invalid('type', `must be one of string, text, number, bool, list, multi_select_list, date, datetime, email, phone, address, url`);
    const built = buildChoices(input.type, input.choices.map((n) => ({ name: n })), [], 0);
    if ('violations' in built) throw new CustomFieldsError(CustomFieldsErrorCode.InvalidField, built.violations[0]!.message, built.violations);
    return this.changeDefinitions(principal.tenantId, async (trx) => {
      let row: CustomFieldRow;
      try {
        row = await this.fields.insert(trx, { tenant_id: principal.tenantId, resource, name, type: input.type as CustomFieldRow['type'], choices: built.choices, for_company: input.forCompany ?? true, for_contact: input.forContact ?? true });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(name);
        throw e;
      }
      const field = toField(row);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.created, tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, resource, row.id), payload: { field } }));
      return field;
    });
  }

  async update(principal: Principal, resource: CustomFieldResourceName, id: string, command: UpdateFieldCommand): Promise<Field> {
    this.assertAdmin(principal);
    const name = command.name === undefined ? undefined : this.validName(command.name);
    return this.changeDefinitions(principal.tenantId, async (trx) => {
      const before = await this.fields.find(trx, resource, id, true);
      if (!before) throw notFound(id);
      const changes: Parameters<CustomFieldsRepository['update']>[2] = {};
      if (name !== undefined && name !== before.name) changes.name = name;
      if (command.forCompany !== undefined) changes.for_company = command.forCompany;
      if (command.forContact !== undefined) changes.for_contact = command.forContact;
      if (command.choices !== undefined) {
        if (!hasOptions(before.type) && command.choices.length > 0) throw invalid('choices', `a ${before.type} field has no options`);
        if (hasOptions(before.type)) {
          const built = buildChoices(before.type, command.choices, before.choices, 0);
          if ('violations' in built) throw new CustomFieldsError(CustomFieldsErrorCode.InvalidField, built.violations[0]!.message, built.violations);
          const removed = before.choices.filter((c) => !built.choices.some((n) => n.id === c.id)).map((c) => c.id);
          const users = await this.fields.countUsingOptions(trx, id, removed);
          if (users > 0) throw new CustomFieldsError(CustomFieldsErrorCode.OptionInUse, `${users} records still use an option being removed; change them first`);
          changes.choices = built.choices;
        }
      }
      if (Object.keys(changes).length === 0) return toField(before);
      let row: CustomFieldRow;
      try {
        row = await this.fields.update(trx, id, changes);
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(name ?? before.name);
        throw e;
      }
      const field = toField(row);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.updated, tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, resource, id), payload: { field, previousName: before.name } }));
      return field;
    });
  }

  /** Deletes a definition; its values disappear from reads and from the filter index. */
  async delete(principal: Principal, resource: CustomFieldResourceName, id: string): Promise<void> {
    this.assertAdmin(principal);
    await this.changeDefinitions(principal.tenantId, async (trx) => {
      const row = await this.fields.find(trx, resource, id, true);
      if (!row) throw notFound(id);
      await this.fields.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.deleted, tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, resource, id), payload: { field: toField(row) } }));
    });
  }

  private validName(raw: string): string {
    const name = normaliseFieldName(raw);
    if (!name) throw invalid('name', 'must have 1 to 128 characters');
    return name;
  }

  private assertAdmin(principal: Principal): void {
    if (principal.role !== 'admin') throw new CustomFieldsError(CustomFieldsErrorCode.AdminOnly, 'only admins change custom fields');
  }
}

function subject(tenantId: string, resource: CustomFieldResourceName, id: string): string {
  return `tenants/${tenantId}/${resource}-custom-fields/${id}`;
}

function invalid(field: string, message: string): CustomFieldsError {
  return new CustomFieldsError(CustomFieldsErrorCode.InvalidField, `${field} ${message}`, [{ field, code: 'incorrect_value', message }]);
}

function notFound(id: string): CustomFieldsError {
  return new CustomFieldsError(CustomFieldsErrorCode.FieldNotFound, `custom field ${id} not found`);
}

function nameTaken(name: string): CustomFieldsError {
  return new CustomFieldsError(CustomFieldsErrorCode.NameTaken, `a custom field named "${name}" already exists`, [{ field: 'name', code: 'already_exists', message: 'is already used by another custom field' }]);
}
