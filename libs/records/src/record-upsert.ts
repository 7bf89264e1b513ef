import { sql, type Transaction } from 'kysely';
import { DomainError, ErrorKind } from '@crm/errors';

export enum RecordUpsertErrorCode {
  SeveralMatches = 'UPSERT_MATCHES_SEVERAL',
  NoFilter = 'UPSERT_WITHOUT_FILTER',
}

export class RecordUpsertError extends DomainError<RecordUpsertErrorCode> {
  static severalMatches(resource: string): RecordUpsertError {
    return new RecordUpsertError(RecordUpsertErrorCode.SeveralMatches, ErrorKind.Conflict, `more than one ${resource} matches the filter; narrow it to one`, { resource });
  }

  static noFilter(resource: string): RecordUpsertError {
    return new RecordUpsertError(RecordUpsertErrorCode.NoFilter, ErrorKind.InvalidArgument, `an upsert needs at least one filter`, {
      resource,
      violations: [{ field: 'filter', code: 'missing', message: 'name at least one filter as a query parameter' }],
    });
  }
}

/** Whether a list filter message sets nothing (no value, every list empty). */
export function isEmptyFilter(filter: object): boolean {
  return Object.values(filter).every((v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0));
}

/**
 * Creates or updates the one record a filter matches, inside the caller's transaction. Upserts of
 * the same resource and filter in a tenant wait for each other (a transaction-scoped advisory
 * lock), so two concurrent upserts of a new key create one record, not two. `matches` answers at
 * most two of the records the caller may see; two mean the filter is ambiguous (409).
 */
export async function upsertByFilter<DB, Row, Out>(
  trx: Transaction<DB>,
  key: { tenantId: string; resource: string; filter: object },
  steps: { matches: () => Promise<Row[]>; update: (row: Row) => Promise<Out>; create: () => Promise<Out> },
): Promise<{ record: Out; created: boolean }> {
  if (isEmptyFilter(key.filter)) throw RecordUpsertError.noFilter(key.resource);
  await sql`select pg_advisory_xact_lock(hashtextextended(${`upsert:${key.tenantId}:${key.resource}:${JSON.stringify(key.filter)}`}, 0))`.execute(trx);
  const found = await steps.matches();
  if (found.length > 1) throw RecordUpsertError.severalMatches(key.resource);
  if (found.length === 1) return { record: await steps.update(found[0]!), created: false };
  return { record: await steps.create(), created: true };
}
