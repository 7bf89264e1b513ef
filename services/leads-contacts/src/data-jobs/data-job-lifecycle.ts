import { Inject, Injectable } from '@nestjs/common';
import { inTenantTransaction } from '@crm/db-pg';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import { DATABASE } from '../leads-contacts.constants';
import { toDataJob } from './data-job.mapper';
import { DataJobsRepository, type DataJobChanges, type DataJobRow, type Lease } from './data-jobs.repository';
import type { Trx, Database } from '../database';

const EVENTS = {
  import: { progressed: 'importProgressed', finished: 'importFinished' },
  export: { progressed: 'exportProgressed', finished: 'exportFinished' },
} as const;

/** The events of a job's life and its end, the same for imports and exports. */
@Injectable()
export class DataJobLifecycle {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly jobs: DataJobsRepository,
  ) {}

  /** Saves progress and publishes it, in the caller's transaction. */
  async progress(trx: Trx, tenantId: string, jobId: string, changes: DataJobChanges): Promise<DataJobRow> {
    const row = await this.jobs.update(trx, jobId, changes);
    await this.publish(trx, tenantId, row, 'progressed');
    return row;
  }

  /** Ends the job: its final state, its finished event and its removal from the queue, together. */
  async finish(lease: Lease, jobId: string, changes: DataJobChanges & { status: 'succeeded' | 'failed' }): Promise<void> {
    await inTenantTransaction(this.db, lease.tenantId, async (trx) => {
      const row = await this.jobs.update(trx, jobId, { error_message: null, ...changes, finished_at: new Date() });
      await this.publish(trx, lease.tenantId, row, 'finished');
      await this.jobs.dequeue(trx, jobId);
    });
  }

  fail(lease: Lease, jobId: string, error: string): Promise<void> {
    return this.finish(lease, jobId, { status: 'failed', error_message: error });
  }

  private async publish(trx: Trx, tenantId: string, row: DataJobRow, phase: 'progressed' | 'finished'): Promise<void> {
    await appendToOutbox(
      trx,
      buildEvent({ kind: EVENTS[row.kind][phase], tenantId, aggregateId: row.id, subject: `tenants/${tenantId}/${row.kind}s/${row.id}`, payload: { job: toDataJob(row) } }),
    );
  }
}
