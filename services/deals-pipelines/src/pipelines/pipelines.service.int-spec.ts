import { sql } from 'kysely';
import type { Principal } from '@crm/auth';
import { createDatabase, inTenantTransaction, migrate } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { PipelinesRepository } from './pipelines.repository';
import { PipelinesService } from './pipelines.service';
import { MIGRATIONS } from '../migrations';
import type { Database, DealsPipelinesDatabase } from '../database';

const admin = (tenantId: string): Principal => ({ tenantId, userId: '1001', role: 'admin', visibleOwnerIds: 'all' });
const user = (tenantId: string): Principal => ({ tenantId, userId: '1003', role: 'user', visibleOwnerIds: ['1003'] });

async function expectDomainError(p: Promise<unknown>, kind: ErrorKind, field?: string): Promise<void> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).kind).toBe(kind);
  if (field) expect((e as DomainError).details.violations?.map((v) => v.field)).toContain(field);
}

describe(PipelinesService.name, () => {
  let database: TestDatabase;
  let db: Database;
  let sut: PipelinesService;

  beforeAll(async () => {
    database = await createTestDatabase('it_pipelines');
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });
    db = createDatabase<DealsPipelinesDatabase>({ url: database.appUrl });
    sut = new PipelinesService(db, new PipelinesRepository());
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const outbox = async (tenantId: string) =>
    (await sql<{ event_type: string }>`select event_type from outbox where tenant_id = ${tenantId} order by id`.execute(db)).rows.map((r) => r.event_type);

  it('gives each tenant one default pipeline with six active and three closed stages, even under concurrent first reads', async () => {
    const first = await Promise.all([sut.listPipelines(user(TENANTS.acme), []), sut.listPipelines(user(TENANTS.acme), []), sut.listStages(user(TENANTS.acme), { ids: [] })]);
    expect(first[0]).toHaveLength(1);
    expect(first[1]!.map((p) => p.id)).toEqual(first[0]!.map((p) => p.id));
    const stages = await sut.listStages(user(TENANTS.acme), { pipelineId: first[0]![0]!.id, ids: [] });
    expect(stages.map((s) => [s.position, s.category, s.active])).toEqual([
      [1, 'incoming', true], [2, 'in_progress', true], [3, 'in_progress', true], [4, 'in_progress', true], [5, 'in_progress', true], [6, 'in_progress', true],
      [7, 'won', false], [8, 'lost', false], [9, 'unqualified', false],
    ]);
    expect(await outbox(TENANTS.acme)).toEqual(['com.pipewright.crm.deals.pipeline.created.v1']);
    // Another tenant sees only its own default pipeline.
    const globex = await sut.listPipelines(user(TENANTS.globex), []);
    expect(globex).toHaveLength(1);
    expect(globex[0]!.id).not.toBe(first[0]![0]!.id);
    expect(await inTenantTransaction(db, TENANTS.globex, (trx) => new PipelinesRepository().findPipeline(trx, first[0]![0]!.id))).toBeUndefined();
  });

  it('lets admins add pipelines and active stages, rename closed ones and reorder active ones', async () => {
    const { pipeline, stages } = await sut.createPipeline(admin(TENANTS.acme), ' Renewals ');
    expect(pipeline.name).toBe('Renewals');
    expect(stages).toHaveLength(9);
    const demo = await sut.createStage(admin(TENANTS.acme), { pipelineId: pipeline.id, name: 'Demo', category: 'in_progress', likelihood: 30, position: 2 });
    expect(demo).toMatchObject({ position: 2, active: true, likelihood: 30 });
    const won = stages.find((s) => s.category === 'won')!;
    expect((await sut.updateStage(admin(TENANTS.acme), won.id, { name: 'Signed' })).name).toBe('Signed');
    const active = (await sut.listStages(admin(TENANTS.acme), { pipelineId: pipeline.id, ids: [] })).filter((s) => s.active).map((s) => s.id);
    const reversed = [...active].reverse();
    const after = await sut.reorderStages(admin(TENANTS.acme), pipeline.id, reversed);
    expect(after.map((s) => s.id)).toEqual([...reversed, ...stages.filter((s) => !s.active).map((s) => s.id)]);
    expect(after.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await outbox(TENANTS.acme)).filter((t) => t.endsWith('pipeline.updated.v1'))).toHaveLength(3);
  });

  it('refuses closed stages, bad orders, duplicate names and non-admins, changing nothing', async () => {
    const [pipeline] = await sut.listPipelines(admin(TENANTS.acme), []);
    const before = await sut.listStages(admin(TENANTS.acme), { pipelineId: pipeline!.id, ids: [] });
    await expectDomainError(sut.createStage(admin(TENANTS.acme), { pipelineId: pipeline!.id, name: 'Won twice', category: 'won', likelihood: 100 }), ErrorKind.InvalidArgument, 'category');
    await expectDomainError(sut.reorderStages(admin(TENANTS.acme), pipeline!.id, before.filter((s) => s.active).slice(1).map((s) => s.id)), ErrorKind.InvalidArgument, 'stage_ids');
    await expectDomainError(sut.createPipeline(admin(TENANTS.acme), 'renewals'), ErrorKind.InvalidArgument, 'name');
    await expectDomainError(sut.createPipeline(user(TENANTS.acme), 'Mine'), ErrorKind.PermissionDenied);
    await expectDomainError(sut.updateStage(user(TENANTS.acme), before[0]!.id, { name: 'X' }), ErrorKind.PermissionDenied);
    await expectDomainError(sut.updateStage(admin(TENANTS.acme), before[0]!.id, { likelihood: 150 }), ErrorKind.InvalidArgument, 'likelihood');
    await expectDomainError(sut.updateStage(admin(TENANTS.globex), before[0]!.id, { name: 'Theirs' }), ErrorKind.NotFound);
    expect(await sut.listStages(admin(TENANTS.acme), { pipelineId: pipeline!.id, ids: [] })).toEqual(before);
  });
});
