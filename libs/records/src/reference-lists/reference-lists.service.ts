import { Inject, Injectable } from '@nestjs/common';
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '@crm/auth';
import { inTenantTransaction, isUniqueViolation } from '@crm/db-pg';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { DATABASE } from '@crm/service';
import { listEnum, listName, MAX_NAME, normaliseName, REFERENCE_LISTS_OPTIONS, type ListName, type ReferenceListsOptions } from './reference-list';
import { ReferenceListsError, ReferenceListsErrorCode } from './reference-lists.errors';
import { REFERENCE_SORT_COLUMNS, referenceListTables, ReferenceItemsRepository, type ReferenceItemRow, type ReferenceListsDatabase, type ReferenceSortColumn } from './reference-items.repository';

type Trx = Transaction<ReferenceListsDatabase>;
type Item = crm.common.v1.ReferenceItem;

const FOREIGN_KEY_VIOLATION = '23503';

export interface ListItemsParams {
  page: number;
  perPage: number;
  ids: string[];
  name?: string;
  sort: { field: string; descending: boolean }[];
}

export function toItem(row: ReferenceItemRow): Item {
  return { id: row.id, list: listEnum(row.list), name: row.name, creatorId: row.creator_id ?? '0', createdAt: row.created_at, updatedAt: row.updated_at };
}

/** A service's reference lists: everyone reads them, admins change them. */
@Injectable()
export class ReferenceListsService {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<ReferenceListsDatabase>,
    private readonly items: ReferenceItemsRepository,
    @Inject(REFERENCE_LISTS_OPTIONS) private readonly options: ReferenceListsOptions,
  ) {}

  /** The list, when this service owns it (INVALID_ARGUMENT otherwise). */
  list(value: crm.common.v1.ReferenceList): ListName {
    const name = listName(value);
    if (!name || !this.options.lists[name]) throw new ReferenceListsError(ReferenceListsErrorCode.InvalidItem, 'this reference list is not served here', 'reference_list');
    return name;
  }

  async create(principal: Principal, list: ListName, rawName: string): Promise<Item> {
    this.assertAdmin(principal, list);
    const name = this.validName(list, rawName);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.ensureDefaults(trx, principal.tenantId);
      const row = await this.insertUnique(trx, principal.tenantId, list, name, principal.userId);
      const item = toItem(row);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.created, tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, list, row.id), payload: { item } }));
      return item;
    });
  }

  async get(principal: Principal, list: ListName, id: string): Promise<Item> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.ensureDefaults(trx, principal.tenantId);
      const row = await this.items.find(trx, list, id);
      if (!row) throw notFound(list, id);
      return toItem(row);
    });
  }

  async rename(principal: Principal, list: ListName, id: string, rawName: string): Promise<Item> {
    this.assertAdmin(principal, list);
    const name = this.validName(list, rawName);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const before = await this.items.find(trx, list, id, true);
      if (!before) throw notFound(list, id);
      if (before.name === name) return toItem(before);
      let row: ReferenceItemRow;
      try {
        row = await this.items.rename(trx, id, name);
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(list, name);
        throw e;
      }
      const item = toItem(row);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.updated, tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, list, id), payload: { item, previousName: before.name } }));
      return item;
    });
  }

  async delete(principal: Principal, list: ListName, id: string): Promise<void> {
    this.assertAdmin(principal, list);
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.items.find(trx, list, id, true);
      if (!row) throw notFound(list, id);
      try {
        await this.items.delete(trx, id);
      } catch (e) {
        if ((e as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
          throw new ReferenceListsError(ReferenceListsErrorCode.ItemInUse, `${row.name} is still used by ${this.options.lists[list]?.usedBy ?? 'records'}; change them first`, list);
        }
        throw e;
      }
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.deleted, tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, list, id), payload: { item: toItem(row) } }));
    });
  }

  async listItems(principal: Principal, list: ListName, params: ListItemsParams): Promise<Item[]> {
    const sort = params.sort.map((s) => {
      if (!(REFERENCE_SORT_COLUMNS as readonly string[]).includes(s.field)) throw new ReferenceListsError(ReferenceListsErrorCode.InvalidItem, `cannot sort by ${s.field}`, list, 'sort_by');
      return { column: s.field as ReferenceSortColumn, descending: s.descending };
    });
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.ensureDefaults(trx, principal.tenantId);
      const rows = await this.items.list(trx, list, { ids: params.ids, ...(params.name !== undefined ? { name: params.name } : {}), sort, limit: params.perPage, offset: (params.page - 1) * params.perPage });
      return rows.map(toItem);
    });
  }

  /** Whether an item of the list exists in the caller's tenant (for validating lead attributes). */
  async exists<DB extends ReferenceListsDatabase>(trx: Transaction<DB>, list: ListName, id: string): Promise<boolean> {
    return (await this.items.find(referenceListTables(trx), list, id)) !== undefined;
  }

  /** Which of these ids are items of the list in the caller's tenant (the batch form of `exists`). */
  async existing<DB extends ReferenceListsDatabase>(trx: Transaction<DB>, list: ListName, ids: readonly string[]): Promise<Set<string>> {
    return this.items.existingIds(referenceListTables(trx), list, ids);
  }

  /** Seeds a tenant's default items the first time the tenant uses its lists. */
  async ensureDefaults(trx: Trx, tenantId: string): Promise<void> {
    if (!(await this.items.claimDefaults(trx, tenantId))) return;
    for (const [list, spec] of Object.entries(this.options.lists) as [ListName, { defaults: readonly string[] }][]) {
      for (const name of spec.defaults) {
        const row = await this.items.insert(trx, tenantId, list, name, null);
        await appendToOutbox(trx, buildEvent({ kind: this.options.events.created, tenantId, aggregateId: row.id, subject: subject(tenantId, list, row.id), payload: { item: toItem(row) } }));
      }
    }
  }

  private async insertUnique(trx: Trx, tenantId: string, list: ListName, name: string, creatorId: string): Promise<ReferenceItemRow> {
    // The unique index decides (no check-then-insert race); the failed transaction is rolled back.
    try {
      return await this.items.insert(trx, tenantId, list, name, creatorId);
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(list, name);
      throw e;
    }
  }

  private validName(list: ListName, raw: string): string {
    const name = normaliseName(raw);
    if (!name) throw new ReferenceListsError(ReferenceListsErrorCode.InvalidItem, `name must have 1 to ${MAX_NAME} characters`, list, 'name');
    return name;
  }

  private assertAdmin(principal: Principal, list: ListName): void {
    if (principal.role !== 'admin') throw new ReferenceListsError(ReferenceListsErrorCode.AdminOnly, `only admins change ${list}s`, list);
  }
}

function subject(tenantId: string, list: ListName, id: string): string {
  return `tenants/${tenantId}/${list}s/${id}`;
}

function notFound(list: ListName, id: string): ReferenceListsError {
  return new ReferenceListsError(ReferenceListsErrorCode.ItemNotFound, `${list} ${id} not found`, list);
}

function nameTaken(list: ListName, name: string): ReferenceListsError {
  return new ReferenceListsError(ReferenceListsErrorCode.NameTaken, `a ${list} named "${name}" already exists`, list, 'name');
}
