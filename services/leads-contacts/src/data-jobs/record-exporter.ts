import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { inTenantTransaction } from '@crm/db-pg';
import type { ObjectStorage } from '@crm/storage';
import type { LeadsContactsConfig } from '../config/leads-contacts.config';
import { CONFIG, DATABASE, OBJECT_STORAGE } from '../leads-contacts.constants';
import { exportColumns, exportRow } from './csv-mapping';
import { DataJobLifecycle } from './data-job-lifecycle';
import { DataJobsRepository, type DataJobRow, type ExportSettings, type Lease } from './data-jobs.repository';
import { LostLeaseError } from './data-jobs.errors';
import { RecordResources } from './record-resources';
import type { Database } from '../database';

/** Rows between progress reports (and lease renewals). */
const PROGRESS_EVERY = 5_000;

/**
 * Runs one export: one read-only transaction streams the filtered list through a database cursor
 * (one consistent snapshot, constant memory) into a CSV written to object storage as it is
 * produced. A runner that dies leaves no file; the resumed job starts over and replaces it.
 */
@Injectable()
export class RecordExporter {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: LeadsContactsConfig,
    private readonly jobs: DataJobsRepository,
    private readonly resources: RecordResources,
    private readonly lifecycle: DataJobLifecycle,
  ) {}

  async run(lease: Lease, job: DataJobRow): Promise<void> {
    const settings = job.settings as ExportSettings;
    const resource = this.resources.of(job.resource_type);
    const key = `tenants/${lease.tenantId}/exports/${job.id}.csv`;
    let written = 0;
    const outcome = await inTenantTransaction(this.db, lease.tenantId, async (trx) => {
      const catalog = await resource.catalog(trx);
      const listed = resource.rows(trx, settings.principal.visibleOwnerIds, settings.filter, settings.sort, catalog);
      // The filter was valid when the export was asked for; a custom field deleted since makes it fail.
      if ('violations' in listed) return { error: listed.violations.map((v) => `${v.field} ${v.message}`).join('; ') };
      const records = listed.rows;
      const columns = exportColumns(resource.type, catalog);
      const progress = (n: number) => this.progress(lease, job.id, n);
      async function* lines() {
        yield columns;
        for await (const record of records) {
          yield exportRow(record, columns);
          written++;
          if (written % PROGRESS_EVERY === 0) await progress(written);
        }
      }
      return this.storage.put(key, Readable.from(lines()).pipe(stringify()), 'text/csv');
    });
    if ('error' in outcome) return this.lifecycle.fail(lease, job.id, `the list can no longer be read: ${outcome.error}`);
    const { size } = outcome;
    await this.lifecycle.finish(lease, job.id, { status: 'succeeded', file_key: key, file_size: String(size), total_rows: written, processed_rows: written });
  }

  /** Reports progress and renews the lease, outside the long read transaction. */
  private async progress(lease: Lease, jobId: string, rows: number): Promise<void> {
    await inTenantTransaction(this.db, lease.tenantId, async (trx) => {
      if (!(await this.jobs.renew(trx, lease, this.config.jobs.leaseMs))) throw new LostLeaseError(`export ${jobId}: lease lost`);
      await this.lifecycle.progress(trx, lease.tenantId, jobId, { processed_rows: rows });
    });
  }
}
