import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import { crm } from '@crm/proto';
import { readAll, type ObjectStorage } from '@crm/storage';
import type { LeadsContactsConfig } from '../config/leads-contacts.config';
import { CONFIG, DATABASE, OBJECT_STORAGE } from '../leads-contacts.constants';
import { AssignableOwners, assertOwnerAssignable } from '@crm/records';
import { checkColumnMapping, type ColumnMapping } from './csv-mapping';
import { toDataJob } from './data-job.mapper';
import { DataJobsError } from './data-jobs.errors';
import { DataJobsRepository, type DataJobKind, type DataJobRow, type ExportSettings, type ImportSettings, type JobPrincipal } from './data-jobs.repository';
import { RecordResources } from './record-resources';
import type { Trx, Database } from '../database';

type DataJob = crm.leads.v1.DataJob;
const RESOURCE_TYPES = ['lead', 'contact'] as const;
const MAX_READ = 4 * 1024 * 1024;

const snapshot = (p: Principal): JobPrincipal => ({ userId: p.userId, role: p.role, visibleOwnerIds: p.visibleOwnerIds });

export interface CreateImportInput {
  resourceType: string;
  columnMapping: ColumnMapping;
  dedupeOn: string;
  onDuplicate: string;
  ownerId?: string;
}

/**
 * Import and export jobs as their creators see them: create, upload, follow, read the errors and
 * the exported file. The job runner does the work. A job is visible to its creator and to admins.
 */
@Injectable()
export class DataJobsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: LeadsContactsConfig,
    private readonly jobs: DataJobsRepository,
    private readonly resources: RecordResources,
    private readonly owners: AssignableOwners,
  ) {}

  async createImport(principal: Principal, input: CreateImportInput): Promise<DataJob> {
    const violations: FieldViolation[] = [];
    const type = this.resourceType(input.resourceType, violations);
    const dedupeOn = input.dedupeOn || 'none';
    const onDuplicate = input.onDuplicate || 'skip';
    if (!['none', 'email', 'phone'].includes(dedupeOn)) violations.push({ field: 'dedupe_on', code: 'incorrect_value', message: 'must be none, email or phone' });
    if (!['skip', 'update'].includes(onDuplicate)) violations.push({ field: 'on_duplicate', code: 'incorrect_value', message: 'must be skip or update' });
    const ownerId = input.ownerId ?? principal.userId;
    assertOwnerAssignable(principal, ownerId, type ?? 'record');
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.owners.assertActive(trx, principal, ownerId, type ?? 'record');
      if (type) violations.push(...checkColumnMapping(type, input.columnMapping, await this.resources.of(type).catalog(trx)));
      if (violations.length > 0) throw DataJobsError.invalid('import', violations);
      const settings: ImportSettings = { principal: snapshot(principal), columnMapping: input.columnMapping, dedupeOn: dedupeOn as ImportSettings['dedupeOn'], onDuplicate: onDuplicate as ImportSettings['onDuplicate'], ownerId };
      const row = await this.jobs.insert(trx, { tenant_id: principal.tenantId, creator_id: principal.userId, kind: 'import', resource_type: type!, status: 'awaiting_file', settings });
      return toDataJob(row);
    });
  }

  /** Stores the file of an import that waits for it and queues the import, in one step. */
  async uploadImportFile(principal: Principal, id: string, content: Buffer): Promise<DataJob> {
    if (content.length === 0) throw DataJobsError.invalid('import', [{ field: 'file', code: 'blank', message: 'the file is empty' }]);
    if (content.length > this.config.jobs.importMaxBytes) throw DataJobsError.invalid('import', [{ field: 'file', code: 'too_large', message: `the file is larger than ${this.config.jobs.importMaxBytes} bytes` }]);
    const key = `tenants/${principal.tenantId}/imports/${id}-${randomUUID()}.csv`;
    try {
      return await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
        const job = await this.visible(trx, principal, 'import', id, true);
        if (job.status !== 'awaiting_file') throw DataJobsError.wrongState('import', `import ${id} already has its file`);
        await this.storage.put(key, content, 'text/csv');
        const row = await this.jobs.update(trx, id, { status: 'queued', file_key: key, file_size: String(content.length) });
        await this.jobs.enqueue(trx, id, principal.tenantId);
        return toDataJob(row);
      });
    } catch (e) {
      await this.storage.delete(key).catch(() => undefined);
      throw e;
    }
  }

  async createExport(principal: Principal, input: { resourceType: string; filter: unknown; sort: { field: string; descending: boolean }[] }): Promise<DataJob> {
    const violations: FieldViolation[] = [];
    const type = this.resourceType(input.resourceType, violations);
    if (violations.length > 0) throw DataJobsError.invalid('export', violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const resource = this.resources.of(type!);
      // The filter is checked now, so that a bad one fails the request rather than the job.
      const checked = resource.rows(trx, principal.visibleOwnerIds, input.filter, input.sort, await resource.catalog(trx));
      if ('violations' in checked) throw DataJobsError.invalid('export', checked.violations);
      const settings: ExportSettings = { principal: snapshot(principal), filter: input.filter, sort: input.sort };
      const row = await this.jobs.insert(trx, { tenant_id: principal.tenantId, creator_id: principal.userId, kind: 'export', resource_type: type!, status: 'queued', settings });
      await this.jobs.enqueue(trx, row.id, principal.tenantId);
      return toDataJob(row);
    });
  }

  async get(principal: Principal, id: string): Promise<DataJob> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => toDataJob(await this.visible(trx, principal, undefined, id)));
  }

  async list(principal: Principal, kind: string, page: number, perPage: number): Promise<DataJob[]> {
    if (kind !== 'import' && kind !== 'export') throw DataJobsError.invalid('job', [{ field: 'kind', code: 'incorrect_value', message: 'must be import or export' }]);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const rows = await this.jobs.list(trx, { kind, ...(principal.role === 'admin' ? {} : { creatorId: principal.userId }), limit: perPage, offset: (page - 1) * perPage });
      return rows.map(toDataJob);
    });
  }

  async listErrors(principal: Principal, id: string, page: number, perPage: number): Promise<crm.leads.v1.ImportRowError[]> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.visible(trx, principal, 'import', id);
      const rows = await this.jobs.listRowErrors(trx, id, perPage, (page - 1) * perPage);
      return rows.map((r) => ({ rowNumber: r.row_number, errors: r.errors }));
    });
  }

  async readExportFile(principal: Principal, id: string, offset: number, length: number): Promise<{ content: Buffer; totalSize: string }> {
    const job = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.visible(trx, principal, 'export', id));
    if (job.status !== 'succeeded' || !job.file_key) throw DataJobsError.wrongState('export', `export ${id} has no file yet (${job.status})`);
    const size = Number(job.file_size);
    if (offset >= size || length <= 0) return { content: Buffer.alloc(0), totalSize: String(size) };
    const end = Math.min(size, offset + Math.min(length, MAX_READ)) - 1;
    return { content: await readAll(this.storage, job.file_key, { start: offset, end }), totalSize: String(size) };
  }

  private resourceType(value: string, violations: FieldViolation[]): 'lead' | 'contact' | undefined {
    if ((RESOURCE_TYPES as readonly string[]).includes(value)) return value as 'lead' | 'contact';
    violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be lead or contact' });
    return undefined;
  }

  private async visible(trx: Trx, principal: Principal, kind: DataJobKind | undefined, id: string, forUpdate = false): Promise<DataJobRow> {
    const job = await this.jobs.find(trx, id, forUpdate);
    if (!job || (kind && job.kind !== kind) || (principal.role !== 'admin' && job.creator_id !== principal.userId)) throw DataJobsError.notFound(kind ?? 'job', id);
    return job;
  }
}
