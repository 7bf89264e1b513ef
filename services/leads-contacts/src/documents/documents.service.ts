import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { readAll, type ObjectStorage } from '@crm/storage';
import { ObjectPurger } from '@crm/service';
import type { LeadsContactsConfig } from '../config/leads-contacts.config';
import { CONFIG, DATABASE, OBJECT_STORAGE } from '../leads-contacts.constants';
import { isAttachedResourceType } from '../records/attached-record';
import { checkDocumentContent, normaliseContentType, normaliseDocumentName } from './document-content';
import { DocumentsError } from './documents.errors';
import { DOCUMENT_SORT_COLUMNS, DocumentsRepository, type DocumentRow } from './documents.repository';
import type { Database } from '../database';

type Document = crm.leads.v1.Document;

export function toDocument(row: DocumentRow): Document {
  return {
    id: row.id,
    creatorId: row.creator_id,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    name: row.name,
    contentType: row.content_type,
    size: String(row.size),
    sha256: row.sha256,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface UploadDocumentInput {
  resourceType: string;
  resourceId: string;
  name: string;
  contentType: string;
  content: Buffer;
}

const subject = (tenantId: string, id: string) => `tenants/${tenantId}/documents/${id}`;

/** Files on leads and contacts: whoever sees the record sees, adds and removes its documents. */
@Injectable()
export class DocumentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: LeadsContactsConfig,
    private readonly documents: DocumentsRepository,
    private readonly purger: ObjectPurger,
  ) {}

  async upload(principal: Principal, input: UploadDocumentInput): Promise<Document> {
    const violations: FieldViolation[] = [];
    if (!isAttachedResourceType(input.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be lead or contact' });
    violations.push(...(await checkDocumentContent(input.contentType, input.name, input.content, this.config.documents.maxBytes)));
    if (violations.length > 0) throw DocumentsError.invalid(violations);
    const resourceType = input.resourceType as 'lead' | 'contact';
    const contentType = normaliseContentType(input.contentType);
    const storageKey = `tenants/${principal.tenantId}/documents/${randomUUID()}`;
    try {
      return await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
        const owner = await this.documents.recordOwner(trx, resourceType, input.resourceId);
        if (!owner || !canSeeOwner(principal, owner)) {
          throw DocumentsError.invalid([{ field: 'resource_id', code: 'incorrect_value', message: `is not a ${resourceType} you can see` }]);
        }
        // The bytes are stored before the metadata commits; a failed commit removes them below.
        await this.storage.put(storageKey, input.content, contentType);
        const row = await this.documents.insert(trx, {
          tenant_id: principal.tenantId,
          creator_id: principal.userId,
          resource_type: resourceType,
          resource_id: input.resourceId,
          name: normaliseDocumentName(input.name),
          content_type: contentType,
          size: String(input.content.length),
          sha256: createHash('sha256').update(input.content).digest('hex'),
          storage_key: storageKey,
        });
        const document = toDocument(row);
        await appendToOutbox(trx, buildEvent({ kind: 'documentCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, row.id), payload: { document, recordOwnerId: owner } }));
        return document;
      });
    } catch (e) {
      await this.storage.delete(storageKey).catch(() => undefined);
      throw e;
    }
  }

  async get(principal: Principal, id: string): Promise<Document> {
    return toDocument(await this.findVisible(principal, id));
  }

  async download(principal: Principal, id: string): Promise<{ document: Document; content: Buffer }> {
    const row = await this.findVisible(principal, id);
    return { document: toDocument(row), content: await readAll(this.storage, row.storage_key) };
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.documents.find(trx, id, true);
      if (!row || !canSeeOwner(principal, row.record_owner_id)) throw DocumentsError.notFound(id);
      await this.documents.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: 'documentDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { document: toDocument(row), recordOwnerId: row.record_owner_id } }));
    });
    this.purger.runSoon();
  }

  async list(principal: Principal, params: { page: number; perPage: number; ids: string[]; resourceType?: string; resourceId?: string; sort: { field: string; descending: boolean }[] }): Promise<Document[]> {
    const violations: FieldViolation[] = [];
    if (params.resourceType !== undefined && !isAttachedResourceType(params.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be lead or contact' });
    const sort = params.sort.map((s) => ({ column: s.field as (typeof DOCUMENT_SORT_COLUMNS)[number], descending: s.descending }));
    if (sort.some((s) => !(DOCUMENT_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${DOCUMENT_SORT_COLUMNS.join(', ')}` });
    if (violations.length > 0) throw DocumentsError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const rows = await this.documents.list(trx, {
        ids: params.ids,
        ...(params.resourceType ? { resourceType: params.resourceType as 'lead' | 'contact' } : {}),
        ...(params.resourceId ? { resourceId: params.resourceId } : {}),
        ownerIds: principal.visibleOwnerIds,
        sort: sort.length > 0 ? sort : [{ column: 'created_at', descending: false }],
        limit: params.perPage,
        offset: (params.page - 1) * params.perPage,
      });
      return rows.map(toDocument);
    });
  }

  private async findVisible(principal: Principal, id: string) {
    const row = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.documents.find(trx, id));
    if (!row || !canSeeOwner(principal, row.record_owner_id)) throw DocumentsError.notFound(id);
    return row;
  }
}
