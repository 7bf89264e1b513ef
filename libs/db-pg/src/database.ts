import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';

export interface DatabaseOptions {
  url: string;
  maxConnections?: number;
  applicationName?: string;
}

const DATE_OID = 1082;

/**
 * A `date` is a calendar day, not an instant: it stays 'YYYY-MM-DD' text instead of becoming a
 * JS Date at local midnight (which shifts the day in any zone west of UTC).
 */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

/** A pooled Kysely instance; the pool connects as the service's non-superuser runtime role. */
export function createDatabase<DB>(options: DatabaseOptions): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    types: TYPES,
  });
  // The cursor lets queries stream (exports) instead of loading every row.
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
}

/**
 * Runs `fn` in one transaction whose row-level security context is the given tenant. The
 * setting is transaction-local (set_config(..., true)), so a pooled connection never carries
 * it into another request; without it every tenant-scoped table reads as empty.
 */
export async function inTenantTransaction<DB, T>(db: Kysely<DB>, tenantId: string, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await setTransactionTenant(trx, tenantId);
    return fn(trx);
  });
}

/** Scopes an open transaction to a tenant (e.g. a consumer's, which starts without one). */
export async function setTransactionTenant<DB>(trx: Transaction<DB>, tenantId: string): Promise<void> {
  await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
}

/** True when the error is PostgreSQL's unique violation (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** Narrows a service's database or transaction to the tables of a library (see {@link narrowTo}). */
export interface TableNarrowing<Tables> {
  <DB extends Tables>(trx: Transaction<DB>): Transaction<Tables>;
  <DB extends Tables>(db: Kysely<DB>): Kysely<Tables>;
}

/**
 * Views a service's database, or a transaction of it, as one over the tables a library owns:
 * `const customFieldTables = narrowTo<CustomFieldsDatabase>()`, then `customFieldTables(trx)`.
 * The constraint proves at compile time that the service's database holds those tables. Kysely's
 * builders are invariant in the database type, so a wider database is not assignable to a
 * narrower one; this is the one place that narrows.
 */
export function narrowTo<Tables>(): TableNarrowing<Tables> {
  return ((db: unknown) => db) as TableNarrowing<Tables>;
}
