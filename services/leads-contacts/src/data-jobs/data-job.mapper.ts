import type { crm } from '@crm/proto';
import type { DataJobRow, ImportSettings } from './data-jobs.repository';

export function toDataJob(row: DataJobRow): crm.leads.v1.DataJob {
  const imp = row.kind === 'import' ? (row.settings as ImportSettings) : undefined;
  return {
    id: row.id,
    creatorId: row.creator_id,
    kind: row.kind,
    resourceType: row.resource_type,
    status: row.status,
    columnMapping: imp?.columnMapping ?? {},
    dedupeOn: imp?.dedupeOn ?? '',
    onDuplicate: imp?.onDuplicate ?? '',
    ownerId: imp?.ownerId ?? '0',
    fileSize: row.file_size ?? '0',
    totalRows: row.total_rows ?? 0,
    processedRows: row.processed_rows,
    createdCount: row.created_count,
    updatedCount: row.updated_count,
    skippedCount: row.skipped_count,
    failedCount: row.failed_count,
    errorMessage: row.error_message ?? '',
    ...(row.started_at ? { startedAt: row.started_at } : {}),
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
