import { Injectable } from '@nestjs/common';
import { sql, type Generated, type JSONColumnType, type Selectable } from 'kysely';
import type { ColumnMapping } from './csv-mapping';
import type { Trx, Database } from '../database';

export type DataJobKind = 'import' | 'export';
export type DataJobStatus = 'awaiting_file' | 'queued' | 'running' | 'succeeded' | 'failed';

/** Who asked for the job, as the job runs for them later. */
export interface JobPrincipal {
  userId: string;
  role: 'admin' | 'manager' | 'user';
  visibleOwnerIds: readonly string[] | 'all';
}

export interface ImportSettings {
  principal: JobPrincipal;
  columnMapping: ColumnMapping;
  dedupeOn: 'none' | 'email' | 'phone';
  onDuplicate: 'skip' | 'update';
  ownerId: string;
}

export interface ExportSettings {
  principal: JobPrincipal;
  /** LeadFilter or ContactFilter as proto JSON. */
  filter: unknown;
  sort: { field: string; descending: boolean }[];
}

export interface DataJobsTable {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  kind: DataJobKind;
  resource_type: 'lead' | 'contact';
  status: DataJobStatus;
  /** Written as JSON text, read back as the object. */
  settings: JSONColumnType<ImportSettings | ExportSettings>;
  file_key: string | null;
  file_size: string | null;
  total_rows: number | null;
  processed_rows: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  skipped_count: Generated<number>;
  failed_count: Generated<number>;
  error_message: string | null;
  attempts: Generated<number>;
  started_at: Date | null;
  finished_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RowErrorsTable {
  job_id: string;
  tenant_id: string;
  row_number: number;
  errors: JSONColumnType<{ field: string; code: string; message: string }[]>;
}

export interface JobQueueTable {
  job_id: string;
  tenant_id: string;
  lease_token: string | null;
  lease_until: Generated<Date>;
  enqueued_at: Generated<Date>;
}

export interface DataJobsTables {
  data_jobs: DataJobsTable;
  data_job_row_errors: RowErrorsTable;
  data_job_queue: JobQueueTable;
}

export type DataJobRow = Selectable<DataJobsTable>;
export type DataJobChanges = Partial<Omit<DataJobsTable, 'id' | 'tenant_id' | 'creator_id' | 'kind' | 'resource_type' | 'settings' | 'created_at' | 'updated_at' | 'processed_rows' | 'created_count' | 'updated_count' | 'skipped_count' | 'failed_count' | 'attempts'>> & {
  processed_rows?: number;
  created_count?: number;
  updated_count?: number;
  skipped_count?: number;
  failed_count?: number;
  attempts?: number;
};
export type RowError = Omit<Selectable<RowErrorsTable>, 'job_id' | 'tenant_id'>;
export interface Lease {
  jobId: string;
  tenantId: string;
  token: string;
}

/** The only SQL about import/export jobs, their row errors and the runners' queue. */
@Injectable()
export class DataJobsRepository {
  async insert(trx: Trx, row: Pick<DataJobsTable, 'tenant_id' | 'creator_id' | 'kind' | 'resource_type' | 'status'> & { settings: ImportSettings | ExportSettings }): Promise<DataJobRow> {
    return trx.insertInto('data_jobs').values({ ...row, settings: JSON.stringify(row.settings), file_key: null, file_size: null, total_rows: null, error_message: null, started_at: null, finished_at: null }).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<DataJobRow | undefined> {
    const q = trx.selectFrom('data_jobs').selectAll().where('id', '=', id);
    return forUpdate ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
  }

  async update(trx: Trx, id: string, changes: DataJobChanges): Promise<DataJobRow> {
    return trx.updateTable('data_jobs').set({ ...changes, updated_at: sql<Date>`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async list(trx: Trx, q: { kind: DataJobKind; creatorId?: string; limit: number; offset: number }): Promise<DataJobRow[]> {
    let query = trx.selectFrom('data_jobs').selectAll().where('kind', '=', q.kind);
    if (q.creatorId) query = query.where('creator_id', '=', q.creatorId);
    return query.orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  }

  async insertRowErrors(trx: Trx, jobId: string, tenantId: string, errors: RowError[]): Promise<void> {
    if (errors.length === 0) return;
    await trx
      .insertInto('data_job_row_errors')
      .values(errors.map((e) => ({ job_id: jobId, tenant_id: tenantId, row_number: e.row_number, errors: JSON.stringify(e.errors) })))
      .onConflict((c) => c.doNothing())
      .execute();
  }

  async listRowErrors(trx: Trx, jobId: string, limit: number, offset: number): Promise<RowError[]> {
    return trx.selectFrom('data_job_row_errors').select(['row_number', 'errors']).where('job_id', '=', jobId).orderBy('row_number').limit(limit).offset(offset).execute();
  }

  async enqueue(trx: Trx, jobId: string, tenantId: string): Promise<void> {
    await trx.insertInto('data_job_queue').values({ job_id: jobId, tenant_id: tenantId, lease_token: null }).onConflict((c) => c.doNothing()).execute();
  }

  /** Leases the oldest job that nobody holds (or whose holder's lease ran out). */
  async claim(db: Database, leaseMs: number): Promise<Lease | undefined> {
    const { rows } = await sql<{ job_id: string; tenant_id: string; lease_token: string }>`
      update data_job_queue set lease_token = gen_random_uuid(), lease_until = now() + ${leaseMs} * interval '1 millisecond'
      where job_id = (select job_id from data_job_queue where lease_until < now() order by enqueued_at limit 1 for update skip locked)
      returning job_id, tenant_id, lease_token`.execute(db);
    const r = rows[0];
    return r ? { jobId: r.job_id, tenantId: r.tenant_id, token: r.lease_token } : undefined;
  }

  /** Extends a lease; false when it is no longer ours (it ran out and another runner took the job). */
  async renew(db: Database | Trx, lease: Lease, leaseMs: number): Promise<boolean> {
    const r = await db
      .updateTable('data_job_queue')
      .set({ lease_until: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'` })
      .where('job_id', '=', lease.jobId)
      .where('lease_token', '=', lease.token)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Lets another runner take the job at once (this one is shutting down). */
  async release(db: Database, lease: Lease): Promise<void> {
    await db.updateTable('data_job_queue').set({ lease_until: sql<Date>`'-infinity'` }).where('job_id', '=', lease.jobId).where('lease_token', '=', lease.token).execute();
  }

  async dequeue(trx: Trx, jobId: string): Promise<void> {
    await trx.deleteFrom('data_job_queue').where('job_id', '=', jobId).execute();
  }
}
