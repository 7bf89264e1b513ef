import pg from 'pg';
import { pgUrl, superuserUrl } from './stack';

export interface TestDatabase {
  name: string;
  /** Owner role: runs migrations, owns the tables. */
  ownerUrl: string;
  /** Runtime role: non-superuser, subject to row-level security. */
  appUrl: string;
  drop(): Promise<void>;
}

const OWNER = 'crm_test_owner';
const APP = 'crm_test_app';

/** Creates a fresh, uniquely named database owned by the test owner role. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`.replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: superuserUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} owner ${OWNER}`);
    await admin.query(`grant connect on database ${name} to ${APP}`);
    await admin.query(`revoke all on database ${name} from public`);
  } finally {
    await admin.end();
  }
  return {
    name,
    ownerUrl: pgUrl(OWNER, OWNER, name),
    appUrl: pgUrl(APP, APP, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: superuserUrl() });
      await c.connect();
      try {
        // A pool closed just before may still be saying goodbye: forcing the drop then kills its
        // sessions, and the server's notice reaches a client nobody listens to any more (an
        // unhandled error in the test). Wait a little for them to leave; force only what stays.
        for (let waited = 0; waited < DROP_GRACE_MS; waited += 50) {
          const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0]!.n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export const TEST_APP_ROLE = APP;

/** How long a drop waits for the database's last sessions to end by themselves. */
const DROP_GRACE_MS = 3_000;
