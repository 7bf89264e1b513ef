import pg from 'pg';
import { createTestDatabase } from './pg-test-database';
import { restoreDump, schemaSnapshot } from './schema-snapshot';

export interface UpgradeRun<Result> {
  /** Migrating a new, empty database. */
  fresh: Result;
  /** Migrating the database restored from the dump, after `seed`. */
  upgrade: Result;
  /** Migrating the upgraded database once more. */
  again: Result;
  freshSchema: Record<string, unknown[]>;
  upgradedSchema: Record<string, unknown[]>;
  /** What `read` answered on the upgraded database, as the runtime role. */
  read: unknown;
}

/**
 * Runs a service's migrations (`migrate`, given a database's owner URL) on a new database and on a
 * database restored from a dump of an earlier release that `seed` filled with data (as its owner),
 * and answers both results, both schemas and what `read` finds afterwards (as the runtime role,
 * subject to row-level security).
 */
export async function upgradeFromDump<Result>(options: {
  dump: string;
  migrate: (ownerUrl: string) => Promise<Result>;
  seed: (owner: pg.Client) => Promise<void>;
  read: (app: pg.Client) => Promise<unknown>;
}): Promise<UpgradeRun<Result>> {
  const [freshDb, upgradedDb] = await Promise.all([createTestDatabase('it_migrate_fresh'), createTestDatabase('it_migrate_upgrade')]);
  try {
    const fresh = await options.migrate(freshDb.ownerUrl);
    await restoreDump(upgradedDb.ownerUrl, options.dump);
    await withClient(upgradedDb.ownerUrl, options.seed);
    const upgrade = await options.migrate(upgradedDb.ownerUrl);
    const again = await options.migrate(upgradedDb.ownerUrl);
    const [freshSchema, upgradedSchema] = await Promise.all([schemaSnapshot(freshDb.ownerUrl), schemaSnapshot(upgradedDb.ownerUrl)]);
    const read = await withClient(upgradedDb.appUrl, options.read);
    return { fresh, upgrade, again, freshSchema, upgradedSchema, read };
  } finally {
    await Promise.all([freshDb.drop(), upgradedDb.drop()]);
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The tests every service with lib-owned tables keeps: a new database gets the libraries' tables
 * first; a database of an earlier release adopts them with its data and ends with the schema of a
 * new one; a second run changes nothing.
 */
export function describeUpgradeInPlace<Result extends { applied: string[]; adopted: string[]; skipped: string[] }>(
  title: string,
  options: Parameters<typeof upgradeFromDump<Result>>[0] & {
    libraryBaselines: string[];
    expectedRead: unknown;
    /** Migrations written after the dump was taken: the upgrade applies them, in order, and nothing else. */
    newerThanDump?: string[];
  },
): void {
  describe(title, () => {
    let run: UpgradeRun<Result>;
    beforeAll(async () => {
      run = await upgradeFromDump(options);
    });

    it('make a new database with the libraries’ tables first, then the service’s', () => {
      const firstOwn = run.fresh.applied.findIndex((id) => id.startsWith('service/'));
      const libraries = run.fresh.applied.slice(0, firstOwn);
      expect(libraries.filter((id) => options.libraryBaselines.includes(id))).toEqual(options.libraryBaselines);
      expect(run.fresh.applied.slice(firstOwn).every((id) => id.startsWith('service/'))).toBe(true);
      expect(run.fresh.adopted).toEqual([]);
    });

    it('adopt the libraries’ tables of an earlier database, with its data, and end with the same schema as a new one', () => {
      expect(run.upgrade.adopted).toEqual(options.libraryBaselines);
      expect(run.upgrade.applied).toEqual(options.newerThanDump ?? []);
      expect(run.upgradedSchema).toEqual(run.freshSchema);
      expect(run.read).toEqual(options.expectedRead);
    });

    it('change nothing when run again', () => {
      expect(run.again.applied).toEqual([]);
      expect(run.again.adopted).toEqual([]);
      expect(run.again.skipped).toEqual(run.fresh.applied);
    });
  });
}
