import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, Kysely, PostgresDialect, PostgresDriver, sql, type DatabaseConnection, type PostgresDialectConfig, type TransactionSettings, type Transaction } from 'kysely';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant of the transaction being opened by inTenantTransaction, read once by the driver. */
const openingTenant = new AsyncLocalStorage<string>();
/** Databases whose transactions open already scoped to a tenant (see TenantScopedDriver). */
const scopingDatabases = new WeakSet<object>();

/**
 * Opens a tenant transaction in one round trip: `begin` and the tenant setting go as one
 * simple-protocol query instead of two statements. A round trip costs more here than either
 * statement (a write system call each way), and every request opens a transaction. The tenant is
 * inlined only when it is a UUID, the one shape tenant ids have; anything else takes the two steps.
 */
class TenantScopedDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const tenantId = openingTenant.getStore();
    if (tenantId === undefined || !UUID.test(tenantId) || settings.isolationLevel || settings.accessMode) return super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`begin; select set_config('app.tenant_id', '${tenantId.toLowerCase()}', true)`));
  }
}

class TenantScopedDialect extends PostgresDialect {
  constructor(private readonly scopedConfig: PostgresDialectConfig) {
    super(scopedConfig);
  }

  override createDriver(): PostgresDriver {
    return new TenantScopedDriver(this.scopedConfig);
  }
}

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
  const db = new Kysely<DB>({ dialect: new TenantScopedDialect({ pool, cursor: Cursor }) });
  scopingDatabases.add(db);
  return db;
}

/**
 * Runs `fn` in one transaction whose row-level security context is the given tenant. The
 * setting is transaction-local (set_config(..., true)), so a pooled connection never carries
 * it into another request; without it every tenant-scoped table reads as empty.
 */
export async function inTenantTransaction<DB, T>(db: Kysely<DB>, tenantId: string, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (scopingDatabases.has(db) && UUID.test(tenantId)) {
    // The driver opens the transaction with the setting; the work inside runs outside the scope,
    // so a transaction it might open on its own is not scoped by accident.
    return openingTenant.run(tenantId, () =>
      db.transaction().execute((trx) =>
        openingTenant.exit(() => {
          tenants.set(trx, tenantId);
          return fn(trx);
        }),
      ),
    );
  }
  return db.transaction().execute(async (trx) => {
    await setTransactionTenant(trx, tenantId);
    return fn(trx);
  });
}

/** The tenant of each open tenant transaction, for code that caches per tenant. */
const tenants = new WeakMap<object, string>();

/** Scopes an open transaction to a tenant (e.g. a consumer's, which starts without one). */
export async function setTransactionTenant<DB>(trx: Transaction<DB>, tenantId: string): Promise<void> {
  await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
  tenants.set(trx, tenantId);
}

/** The tenant a transaction is scoped to, when it was scoped by this library. */
export function transactionTenant(trx: object): string | undefined {
  return tenants.get(trx);
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
