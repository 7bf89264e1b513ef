import { Inject, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import type { ObjectStorage } from '@crm/storage';
import type { LeadsContactsConfig } from '../config/leads-contacts.config';
import type { CustomFieldCatalog } from '@crm/records';
import { CONFIG, DATABASE, OBJECT_STORAGE } from '../leads-contacts.constants';
import { flatToRecordInput } from '../records/flat-record-input';
import { resolveColumns } from './csv-mapping';
import { DataJobLifecycle } from './data-job-lifecycle';
import { DataJobsRepository, type DataJobRow, type ImportSettings, type Lease, type RowError } from './data-jobs.repository';
import { LostLeaseError } from './data-jobs.errors';
import { RecordResources, type RecordResource } from './record-resources';
import type { Trx, Database } from '../database';

/** Row errors kept per import; later ones are counted, not stored. */
const MAX_STORED_ERRORS = 10_000;

interface Row {
  number: number;
  cells: string[];
}

/** A row's cells as record input. */
interface ParsedRow {
  input: Record<string, unknown>;
  paths: string[];
}

/** What became of a row: its record's fate, or why it was refused. */
type RowOutcome = 'created' | 'updated' | 'skipped' | FieldViolation[];

/** What every row of one import is read and written with. */
interface ImportContext {
  lease: Lease;
  principal: Principal;
  resource: RecordResource;
  catalog: CustomFieldCatalog;
  settings: ImportSettings;
  /** Cells per row, as in the header. */
  width: number;
  columns: { index: number; path: string }[];
}

/** The CSV reader of imports: streamed, BOM-aware, ragged rows reported per row rather than fatal. */
function csvRows(source: NodeJS.ReadableStream): AsyncIterable<string[]> {
  return source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 1024 * 1024 }));
}

/**
 * Runs one import: a first pass checks that the whole file parses and counts its rows (a broken
 * file fails the job before anything is written); the second pass turns rows into records in
 * batches. Each batch commits its records, their events, its row errors, the counters and the
 * checkpoint together, so a runner that dies resumes after the last committed batch without
 * writing any row twice.
 */
@Injectable()
export class RecordImporter {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: LeadsContactsConfig,
    private readonly jobs: DataJobsRepository,
    private readonly resources: RecordResources,
    private readonly lifecycle: DataJobLifecycle,
  ) {}

  async run(lease: Lease, job: DataJobRow, signal: AbortSignal): Promise<void> {
    const settings = job.settings as ImportSettings;
    const resource = this.resources.of(job.resource_type);
    const catalog = await inTenantTransaction(this.db, lease.tenantId, (trx) => resource.catalog(trx));
    if (job.total_rows === null) {
      const checked = await this.check(job);
      if ('error' in checked) return this.lifecycle.fail(lease, job.id, checked.error);
      job = await inTenantTransaction(this.db, lease.tenantId, (trx) => this.jobs.update(trx, job.id, { total_rows: checked.rows }));
    }
    const principal: Principal = { tenantId: lease.tenantId, ...settings.principal };
    let ctx: ImportContext | undefined;
    let number = 0;
    let batch: Row[] = [];
    for await (const cells of csvRows(await this.storage.read(job.file_key!))) {
      if (!ctx) {
        const resolved = resolveColumns(resource.type, cells, settings.columnMapping, catalog);
        if ('error' in resolved) return this.lifecycle.fail(lease, job.id, resolved.error);
        ctx = { lease, principal, resource, catalog, settings, width: cells.length, columns: resolved.columns };
        continue;
      }
      number++;
      if (number <= job.processed_rows) continue;
      batch.push({ number, cells });
      if (batch.length >= this.config.jobs.importBatchSize) {
        await this.commitBatch(ctx, batch);
        batch = [];
        if (signal.aborted) return;
      }
    }
    if (ctx && batch.length > 0) await this.commitBatch(ctx, batch);
    await this.lifecycle.finish(lease, job.id, { status: 'succeeded' });
  }

  /** Parses the whole file once: its data row count, or why it cannot be imported. */
  private async check(job: DataJobRow): Promise<{ rows: number } | { error: string }> {
    let rows = -1;
    try {
      for await (const _ of csvRows(await this.storage.read(job.file_key!))) rows++;
    } catch (e) {
      return { error: `the file is not valid CSV: ${(e as Error).message}` };
    }
    return rows < 0 ? { error: 'the file is empty' } : { rows };
  }

  /**
   * Commits a batch. Rows first run without savepoints (validation fails before any write, so a
   * refused row leaves nothing behind); a row the database itself refuses aborts the transaction,
   * and the batch runs again with each row in its own savepoint, so that row fails alone.
   */
  private async commitBatch(ctx: ImportContext, batch: Row[], isolateRows = false): Promise<void> {
    try {
      await this.commitBatchOnce(ctx, batch, isolateRows);
    } catch (e) {
      if (isolateRows || e instanceof LostLeaseError || e instanceof DomainError) throw e;
      await this.commitBatch(ctx, batch, true);
    }
  }

  private async commitBatchOnce(ctx: ImportContext, batch: Row[], isolateRows: boolean): Promise<void> {
    const { lease } = ctx;
    await inTenantTransaction(this.db, lease.tenantId, async (trx) => {
      // The job row lock orders batches; a runner whose lease was taken over stops here.
      const job = await this.jobs.find(trx, lease.jobId, true);
      if (!job || job.processed_rows >= batch[0]!.number || !(await this.jobs.renew(trx, lease, this.config.jobs.leaseMs))) throw new LostLeaseError(`import ${lease.jobId}: lease lost`);
      const outcomes = isolateRows ? await this.importRowByRow(trx, ctx, batch) : await this.importTogether(trx, ctx, batch);
      const counts = { created: 0, updated: 0, skipped: 0, failed: 0 };
      const errors: RowError[] = [];
      batch.forEach((row, i) => {
        const outcome = outcomes[i]!;
        if (Array.isArray(outcome)) {
          counts.failed++;
          errors.push({ row_number: row.number, errors: outcome.map((v) => ({ field: v.field, code: v.code, message: v.message })) });
        } else counts[outcome]++;
      });
      const room = Math.max(0, MAX_STORED_ERRORS - job.failed_count);
      await this.jobs.insertRowErrors(trx, job.id, lease.tenantId, errors.slice(0, room));
      await this.lifecycle.progress(trx, lease.tenantId, job.id, {
        processed_rows: batch[batch.length - 1]!.number,
        created_count: job.created_count + counts.created,
        updated_count: job.updated_count + counts.updated,
        skipped_count: job.skipped_count + counts.skipped,
        failed_count: job.failed_count + counts.failed,
      });
    });
  }

  /** Each row on its own, in its own savepoint: the path after the database refused a row of the batch. */
  private async importRowByRow(trx: Trx, ctx: ImportContext, batch: Row[]): Promise<RowOutcome[]> {
    const outcomes: RowOutcome[] = [];
    for (const row of batch) {
      const parsed = this.parse(ctx, row);
      outcomes.push(Array.isArray(parsed) ? parsed : await this.importRow(trx, ctx, parsed, true));
    }
    return outcomes;
  }

  /**
   * The batch in a few statements: rows that create a record go in together (one insert each for
   * the records, their custom field values and their events); a row whose e-mail or phone names an
   * existing record, or one created earlier in the same batch, runs on its own after them, so it
   * matches the record exactly as it would have row by row.
   */
  private async importTogether(trx: Trx, ctx: ImportContext, batch: Row[]): Promise<RowOutcome[]> {
    const { resource, settings, principal, catalog } = ctx;
    const outcomes: (RowOutcome | undefined)[] = batch.map(() => undefined);
    const parsed = batch.map((row) => this.parse(ctx, row));
    const key = (p: ParsedRow) => dedupeKey(settings.dedupeOn, p.input);
    const keys = parsed.flatMap((p) => (Array.isArray(p) ? [] : [key(p)])).filter((k): k is string => k !== undefined);
    const column = DEDUPE_COLUMNS[settings.dedupeOn];
    const existing = column ? await resource.existingKeys(trx, column, keys, principal.visibleOwnerIds) : new Set<string>();
    const creates: { index: number; row: ParsedRow }[] = [];
    const alone: { index: number; row: ParsedRow }[] = [];
    const claimed = new Set<string>();
    parsed.forEach((p, index) => {
      if (Array.isArray(p)) return void (outcomes[index] = p);
      const k = key(p);
      if (k !== undefined && existing.has(k) && settings.onDuplicate === 'skip') outcomes[index] = 'skipped';
      else if (k !== undefined && (existing.has(k) || claimed.has(k))) alone.push({ index, row: p });
      else {
        if (k !== undefined) claimed.add(k);
        creates.push({ index, row: p });
      }
    });
    const created = await resource.createMany(trx, principal, creates.map(({ row }) => ({ input: { ...row.input, ownerId: settings.ownerId }, paths: [...row.paths, 'owner_id'] })), catalog);
    created.forEach((error, i) => (outcomes[creates[i]!.index] = error ? rowViolations(error) : 'created'));
    for (const { index, row } of alone) outcomes[index] = await this.importRow(trx, ctx, row, false);
    return outcomes as RowOutcome[];
  }

  /** A row's cells as record input, or what is wrong with them. */
  private parse(ctx: ImportContext, row: Row): ParsedRow | FieldViolation[] {
    if (row.cells.length !== ctx.width) return [{ field: 'row', code: 'incorrect_value', message: `has ${row.cells.length} cells; the header has ${ctx.width}` }];
    const flat = flatToRecordInput(ctx.resource.type, ctx.columns.map((c) => [c.path, row.cells[c.index]]), ctx.catalog);
    return flat.violations.length > 0 ? flat.violations : { input: flat.input, paths: flat.paths };
  }

  /** One row; with `isolate`, in its own savepoint. A rule the row breaks is its error. */
  private async importRow(trx: Trx, ctx: ImportContext, row: ParsedRow, isolate: boolean): Promise<RowOutcome> {
    if (isolate) await sql`savepoint import_row`.execute(trx);
    try {
      const outcome = await this.write(trx, ctx, row.input, row.paths);
      if (isolate) await sql`release savepoint import_row`.execute(trx);
      return outcome;
    } catch (e) {
      if (isolate) await sql`rollback to savepoint import_row`.execute(trx);
      else if (!(e instanceof DomainError)) throw e;
      if (e instanceof DomainError && e.kind !== ErrorKind.Internal && e.kind !== ErrorKind.Unavailable) return rowViolations(e);
      // Data, integrity and size errors, and exceptions raised by triggers, are about this row.
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && /^(22|23|54|P0)/.test(code)) return [{ field: 'row', code: 'rejected', message: `the database refused the row: ${(e as Error).message}` }];
      throw e;
    }
  }

  private async write(trx: Trx, ctx: ImportContext, input: Record<string, unknown>, paths: string[]): Promise<'created' | 'updated' | 'skipped'> {
    const { principal, resource, catalog, settings } = ctx;
    // Only records the importer can see are candidates: an invisible match is no match and the row
    // creates a new record, exactly as for an unknown e-mail or phone.
    const duplicate = await this.findDuplicate(trx, resource, settings, input, principal);
    if (!duplicate) {
      await resource.create(trx, principal, { ...input, ownerId: settings.ownerId }, [...paths, 'owner_id'], catalog);
      return 'created';
    }
    if (settings.onDuplicate === 'skip') return 'skipped';
    await resource.update(trx, principal, duplicate, input, paths, catalog);
    return 'updated';
  }

  private async findDuplicate(trx: Trx, resource: RecordResource, settings: ImportSettings, input: Record<string, unknown>, principal: Principal) {
    const key = dedupeKey(settings.dedupeOn, input);
    const column = DEDUPE_COLUMNS[settings.dedupeOn];
    return key !== undefined && column ? resource.findDuplicate(trx, column, key, principal.visibleOwnerIds) : undefined;
  }
}

/** The record column each de-duplication setting matches on. */
const DEDUPE_COLUMNS = { none: undefined, email: 'email_key', phone: 'phone_key' } as const;

/** The e-mail key (trimmed, lower case) or phone key (digits) a row is de-duplicated on, if it has one. */
function dedupeKey(on: ImportSettings['dedupeOn'], input: Record<string, unknown>): string | undefined {
  if (on === 'email') return (typeof input.email === 'string' && input.email.trim().toLowerCase()) || undefined;
  if (on === 'phone') return (typeof input.phone === 'string' && input.phone.replace(/[^0-9]/g, '')) || undefined;
  return undefined;
}

/** A refused row's error as the violations its report lists. */
function rowViolations(e: DomainError): FieldViolation[] {
  return e.details.violations?.length ? e.details.violations : [{ field: 'row', code: 'incorrect_value', message: e.message }];
}
