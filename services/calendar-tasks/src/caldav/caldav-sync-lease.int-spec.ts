import { sql } from 'kysely';
import { createDatabase, inTenantTransaction, migrate } from '@crm/db-pg';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import type { CalendarTasksDatabase, Database } from '../database';
import { MIGRATIONS } from '../migrations';
import { CaldavRepository } from './caldav.repository';

const caldav = new CaldavRepository();

describe('CalDAV sync leases', () => {
  let database: TestDatabase;
  let replicas: Database[];

  beforeAll(async () => {
    database = await createTestDatabase('it_caldav_leases');
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });
    replicas = [createDatabase<CalendarTasksDatabase>({ url: database.appUrl }), createDatabase<CalendarTasksDatabase>({ url: database.appUrl })];
  });

  afterAll(async () => {
    for (const db of replicas ?? []) await db.destroy();
    await database?.drop();
  });

  it('gives each due calendar to one replica at a time, and to another once the lease ends or after a release only when due again', async () => {
    const [a, b] = replicas as [Database, Database];
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const tenantId = i % 2 === 0 ? TENANTS.acme : TENANTS.globex;
      ids.push(await inTenantTransaction(a, tenantId, async (trx) => {
        const row = await trx.insertInto('calendars').values({
          tenant_id: tenantId, owner_id: '1003', kind: 'caldav', name: `c${i}`, is_default: false, server_url: 'http://dav.example/', calendar_url: `http://dav.example/u/c${i}/`,
          username: 'u', secret: Buffer.from('sealed'), ctag: null, sync_token: null, sync_error: null, last_synced_at: null,
        }).returning('id').executeTakeFirstOrThrow();
        await caldav.scheduleSync(trx, tenantId, row.id, 'now');
        return String(row.id);
      }));
    }
    // Two replicas lease concurrently until nothing is due: every calendar exactly once.
    const leased: string[][] = [[], []];
    await Promise.all([a, b].map(async (db, r) => {
      for (;;) {
        const got = await db.transaction().execute((trx) => caldav.leaseDue(trx, 60_000));
        if (!got) return;
        leased[r]!.push(got.calendar_id);
      }
    }));
    expect([...leased[0]!, ...leased[1]!].sort()).toEqual([...ids].sort());
    expect(leased[0]!.length).toBeGreaterThan(0);
    expect(leased[1]!.length).toBeGreaterThan(0);

    // Released with the next sync an interval away: not due again; a lease that ran out is free again.
    const started = new Date();
    await a.transaction().execute((trx) => caldav.release(trx, ids[0]!, new Date(Date.now() + 3_600_000), started));
    await sql`update caldav_sync_schedule set lease_until = now() - interval '1 second' where calendar_id = ${ids[1]}`.execute(a);
    const next = await b.transaction().execute((trx) => caldav.leaseDue(trx, 60_000));
    expect(next?.calendar_id).toBe(ids[1]);
    expect(await b.transaction().execute((trx) => caldav.leaseDue(trx, 60_000))).toBeUndefined();
  });
});
