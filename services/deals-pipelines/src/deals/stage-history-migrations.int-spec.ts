import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate, serviceMigrations } from '@crm/db-pg';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { MIGRATIONS, OWN_MIGRATIONS } from '../migrations';

/** The stage history backfills (0007, 0008) run across tenants on data written before them. */
describe('stage history migrations', () => {
  let database: TestDatabase;
  let owner: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('it_stage_history');
    // The schema as it was before the backfills.
    const before = mkdtempSync(path.join(tmpdir(), 'deals-migrations-'));
    for (const f of readdirSync(OWN_MIGRATIONS.dir).filter((f) => f < '0007')) cpSync(path.join(OWN_MIGRATIONS.dir, f), path.join(before, f));
    await migrate(database.ownerUrl, [...MIGRATIONS.filter((set) => set !== OWN_MIGRATIONS), serviceMigrations(before)], { runtimeRole: TEST_APP_ROLE });
    owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await database?.drop();
  });

  it('gives every history row its exit, forward or not, and the deal owner, in every tenant', async () => {
    for (const [tenant, ownerId] of [[TENANTS.acme, 1003], [TENANTS.globex, 2003]] as const) {
      await owner.query(`select set_config('app.tenant_id', $1, false)`, [tenant]);
      const p = (await owner.query(`insert into pipelines (tenant_id, name) values ($1, 'P') returning id`, [tenant])).rows[0].id;
      const stage = async (name: string, category: string, position: number) =>
        (await owner.query(`insert into stages (tenant_id, pipeline_id, name, category, position, likelihood) values ($1, $2, $3, $4, $5, 0) returning id`, [tenant, p, name, category, position])).rows[0].id;
      const [a, b, won] = [await stage('A', 'incoming', 1), await stage('B', 'in_progress', 2), await stage('Won', 'won', 3)];
      const d = (await owner.query(
        `insert into deals (tenant_id, creator_id, owner_id, name, currency, pipeline_id, stage_id, stage_category) values ($1, 1, $2, 'D', 'USD', $3, $4, 'won') returning id`,
        [tenant, ownerId, p, won],
      )).rows[0].id;
      const change = (from: string | null, to: string, category: string, at: string) =>
        owner.query(`insert into deal_stage_changes (tenant_id, deal_id, pipeline_id, from_stage_id, to_stage_id, to_category, changed_by_id, changed_at) values ($1, $2, $3, $4, $5, $6, 1, $7)`, [tenant, d, p, from, to, category, at]);
      await change(null, b, 'in_progress', '2026-01-01T00:00:00Z');
      await change(b, a, 'incoming', '2026-01-02T00:00:00Z');
      await change(a, won, 'won', '2026-01-04T00:00:00Z');
    }
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });

    for (const [tenant, ownerId] of [[TENANTS.acme, '1003'], [TENANTS.globex, '2003']] as const) {
      await owner.query(`select set_config('app.tenant_id', $1, false)`, [tenant]);
      const { rows } = await owner.query(
        `select c.to_category, extract(epoch from c.left_at - c.changed_at)::int as seconds, c.advanced, c.owner_id, n.category as next
         from deal_stage_changes c left join stages n on n.id = c.next_stage_id order by c.changed_at`,
      );
      expect(rows).toEqual([
        // B → A went backwards; A → Won is forward; Won is where the deal is.
        { to_category: 'in_progress', seconds: 86_400, advanced: false, owner_id: ownerId, next: 'incoming' },
        { to_category: 'incoming', seconds: 172_800, advanced: true, owner_id: ownerId, next: 'won' },
        { to_category: 'won', seconds: null, advanced: null, owner_id: ownerId, next: null },
      ]);
    }
  });
});
