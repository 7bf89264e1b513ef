import { Inject, Injectable } from '@nestjs/common';
import { inTenantTransaction } from '@crm/db-pg';
import { PeriodicWorker } from '@crm/service';
import type { LeadsContactsConfig } from '../config/leads-contacts.config';
import { CONFIG, DATABASE } from '../leads-contacts.constants';
import { DataJobsRepository, type Lease } from './data-jobs.repository';
import { DataJobLifecycle } from './data-job-lifecycle';
import { LostLeaseError } from './data-jobs.errors';
import { RecordImporter } from './record-importer';
import { RecordExporter } from './record-exporter';
import type { Database } from '../database';

/**
 * Takes queued imports and exports one at a time under a lease. A job whose runner died is taken
 * again when its lease runs out and resumes from its checkpoint; after JOB_MAX_ATTEMPTS starts it
 * fails with its last error. On shutdown the current import stops after its batch and is released.
 */
@Injectable()
export class DataJobRunner extends PeriodicWorker {
  protected readonly intervalMs: number;
  protected override readonly enabled: boolean;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: LeadsContactsConfig,
    private readonly jobs: DataJobsRepository,
    private readonly importer: RecordImporter,
    private readonly exporter: RecordExporter,
    private readonly lifecycle: DataJobLifecycle,
  ) {
    super();
    this.intervalMs = config.jobs.pollIntervalMs;
    this.enabled = config.jobs.runnerEnabled;
  }

  /** Claims and runs the next job, if there is one. */
  protected async runPass(): Promise<void> {
    const lease = await this.jobs.claim(this.db, this.config.jobs.leaseMs);
    if (!lease) return;
    try {
      await this.run(lease);
    } catch (err) {
      if (err instanceof LostLeaseError) {
        this.logger.warn({ jobId: lease.jobId }, 'data job lease lost; another runner has it');
        return;
      }
      // The job stays queued; its lease runs out and it is tried again.
      this.logger.error({ err, jobId: lease.jobId }, 'data job attempt failed');
      throw err;
    }
    if (this.stopping.aborted) await this.jobs.release(this.db, lease);
  }

  private async run(lease: Lease): Promise<void> {
    const job = await inTenantTransaction(this.db, lease.tenantId, async (trx) => {
      const row = await this.jobs.find(trx, lease.jobId, true);
      if (!row) return undefined;
      return this.jobs.update(trx, row.id, { status: 'running', attempts: row.attempts + 1, started_at: row.started_at ?? new Date() });
    });
    if (!job) {
      await this.db.transaction().execute((trx) => this.jobs.dequeue(trx, lease.jobId));
      return;
    }
    if (job.attempts > this.config.jobs.maxAttempts) {
      const error = `stopped after ${this.config.jobs.maxAttempts} attempts`;
      await this.lifecycle.fail(lease, job.id, error);
      return;
    }
    this.logger.info({ jobId: job.id, kind: job.kind, attempt: job.attempts }, 'data job started');
    if (job.kind === 'import') await this.importer.run(lease, job, this.stopping);
    else await this.exporter.run(lease, job);
  }
}
