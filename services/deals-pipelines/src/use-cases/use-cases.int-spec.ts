import { sql } from 'kysely';
import type { Principal } from '@crm/auth';
import { createDatabase, inTenantTransaction, migrate, narrowTo, NotificationListener } from '@crm/db-pg';
import { DomainError } from '@crm/errors';
import { AssignableOwners, CollaborationsRepository, CollaborationsService, customFieldTables, type CollaborationsDatabase, CustomFieldsRepository, CustomFieldsService, ReferenceItemsRepository, referenceListTables, ReferenceListsService, TenantUsersRepository } from '@crm/records';
import type { crm } from '@crm/proto';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import type { DealsPipelinesConfig } from '../config/deals-pipelines.config';
import type { ContactDirectory } from '../contacts/contact-directory';
import { DealsRepository } from '../deals/deals.repository';
import { DealsService } from '../deals/deals.service';
import { PipelinesRepository } from '../pipelines/pipelines.repository';
import { PipelinesService } from '../pipelines/pipelines.service';
import { ConversionDealUseCase } from './conversion-deal.use-case';
import { DeleteStageUseCase } from './delete-stage.use-case';
import { MIGRATIONS } from '../migrations';
import type { Database, DealsPipelinesDatabase } from '../database';

const caller: Principal = { tenantId: TENANTS.acme, userId: '1003', role: 'user', visibleOwnerIds: ['1003'] };
const config = { defaultCurrency: 'USD' } as DealsPipelinesConfig;
const other: Principal = { tenantId: TENANTS.acme, userId: '1004', role: 'user', visibleOwnerIds: ['1004'] };
const INVISIBLE_LEAD = '599';
const admin: Principal = { tenantId: TENANTS.acme, userId: '1001', role: 'admin', visibleOwnerIds: 'all' };
// leads-contacts answers what the caller can see; here every lead is visible to everyone but
// INVISIBLE_LEAD, which no one sees, and every contact is a person of organisation 70. The
// conversion path never looks a contact up: its contacts come from the committed conversion.
const directory = {
  find: async (_p: Principal, id: string) => ({ id, organizationId: '70' }),
  canSeeLead: async (_p: Principal, id: string) => id !== INVISIBLE_LEAD,
} as unknown as ContactDirectory;
// The owners here are the callers themselves, whom the owner rule lets through without the directory.
const owners = new AssignableOwners(new TenantUsersRepository(), {} as crm.directory.v1.UsersServiceClient, { directory: { grpcUrl: 'unused', timeoutMs: 1 }, consumerGroup: undefined });

describe('deals-pipelines use cases', () => {
  let database: TestDatabase;
  let db: Database;
  let sut: ConversionDealUseCase;
  let deleteStage: DeleteStageUseCase;
  let deals: DealsService;
  let pipelines: PipelinesService;

  beforeAll(async () => {
    database = await createTestDatabase('it_deals_use_cases');
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });
    db = createDatabase<DealsPipelinesDatabase>({ url: database.appUrl });
    const options = { resources: ['deal' as const], events: { created: 'dealsCustomFieldCreated' as const, updated: 'dealsCustomFieldUpdated' as const, deleted: 'dealsCustomFieldDeleted' as const } };
    const lists = { lists: { deal_source: { defaults: [], usedBy: 'deals' } }, events: { created: 'dealsReferenceItemCreated' as const, updated: 'dealsReferenceItemUpdated' as const, deleted: 'dealsReferenceItemDeleted' as const } };
    const customFieldValues = new CustomFieldsRepository();
    const dealsRepository = new DealsRepository();
    pipelines = new PipelinesService(db, new PipelinesRepository());
    const collaborationsOptions = { records: { deal: 'deals' }, events: { created: 'dealsCollaborationCreated' as const, deleted: 'dealsCollaborationDeleted' as const } };
    const collaborations = new CollaborationsRepository(collaborationsOptions);
    deals = new DealsService(
      db, config, dealsRepository, pipelines, new CustomFieldsService(customFieldTables(db), customFieldValues, options, new NotificationListener({ url: database.appUrl })),
      customFieldValues, new ReferenceListsService(referenceListTables(db), new ReferenceItemsRepository(), lists), directory, owners,
      new CollaborationsService(narrowTo<CollaborationsDatabase>()(db), collaborationsOptions, collaborations, owners, new NotificationListener({ url: database.appUrl })),
    );
    sut = new ConversionDealUseCase(db, deals, dealsRepository, pipelines, directory);
    deleteStage = new DeleteStageUseCase(db, pipelines, deals);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const dealsOfLead = (leadId: string) =>
    inTenantTransaction(db, TENANTS.acme, async (trx) => (await sql<{ id: string }>`select id from deals where conversion_lead_id = ${leadId}`.execute(trx)).rows.map((r) => r.id));

  describe(ConversionDealUseCase.name, () => {
    it('creates the reserved deal once when the gateway and the consumer confirm at the same time', async () => {
      const dealId = await sut.reserve(caller, '501', { name: 'Race', value: '10', tags: [] }, ['name', 'value']);
      expect(await sut.reserve(caller, '501', { name: 'Race', value: '10', tags: [] }, ['name', 'value'])).toBe(dealId);
      const ref = { leadId: '501', dealId, contactId: '77', organizationId: '70' };
      const results = await Promise.all(Array.from({ length: 6 }, () => sut.confirm(TENANTS.acme, ref)));
      expect(results.map((d) => d?.id)).toEqual(Array(6).fill(dealId));
      expect(results[0]).toMatchObject({ name: 'Race', value: '10.00', contactId: '77', organizationId: '70', ownerId: '1003' });
      expect(await dealsOfLead('501')).toEqual([dealId]);
      expect((await deals.get(caller, dealId)).id).toBe(dealId);
    });

    it('answers the same id to a retry, refuses another request after the confirmation, and ignores a stale deal id', async () => {
      const dealId = await sut.reserve(caller, '502', { name: 'Once', tags: [] }, ['name']);
      // A new attempt before the conversion replaces the attributes and keeps the id.
      expect(await sut.reserve(caller, '502', { name: 'Twice', tags: [] }, ['name'])).toBe(dealId);
      expect(await sut.confirm(TENANTS.acme, { leadId: '502', dealId: '999999', contactId: '1', organizationId: null })).toBeUndefined();
      expect((await sut.confirm(TENANTS.acme, { leadId: '502', dealId, contactId: '1', organizationId: null }))?.name).toBe('Twice');
      expect(await sut.reserve(caller, '502', { name: 'Twice', tags: [] }, ['name'])).toBe(dealId);
      await expect(sut.reserve(caller, '502', { name: 'Thrice', tags: [] }, ['name'])).rejects.toBeInstanceOf(DomainError);
      expect(await dealsOfLead('502')).toEqual([dealId]);
    });

    it('validates the reserved deal as the caller before anything is kept', async () => {
      await expect(sut.reserve(caller, '503', { name: 'Bad', value: '1.234', tags: [] }, ['name', 'value'])).rejects.toBeInstanceOf(DomainError);
      await expect(sut.reserve(caller, '503', { name: 'Theirs', ownerId: '1004', tags: [] }, ['name', 'owner_id'])).rejects.toBeInstanceOf(DomainError);
      expect(await sut.confirm(TENANTS.acme, { leadId: '503', dealId: '1', contactId: '1', organizationId: null })).toBeUndefined();
    });

    it('keeps a reservation to the caller who made it: another caller neither overwrites nor cancels it', async () => {
      const dealId = await sut.reserve(caller, '504', { name: 'Legit', tags: [] }, ['name']);
      await expect(sut.reserve(other, '504', { name: 'Hijacked', ownerId: '1004', tags: [] }, ['name', 'owner_id'])).rejects.toMatchObject({ code: 'CONVERSION_IN_PROGRESS', kind: 'conflict' });
      await sut.cancel(other, '504');
      const deal = await sut.confirm(TENANTS.acme, { leadId: '504', dealId, contactId: '1', organizationId: null });
      expect(deal).toMatchObject({ id: dealId, name: 'Legit', ownerId: '1003', creatorId: '1003' });
    });

    it('answers a lead the caller cannot see as not found and reserves nothing', async () => {
      await expect(sut.reserve(caller, INVISIBLE_LEAD, { name: 'Nope', tags: [] }, ['name'])).rejects.toMatchObject({ code: 'LEAD_NOT_FOUND', kind: 'not_found' });
      const rows = await inTenantTransaction(db, TENANTS.acme, async (trx) => (await sql`select 1 from deal_reservations where lead_id = ${INVISIBLE_LEAD}`.execute(trx)).rows);
      expect(rows).toEqual([]);
    });
  });

  describe(DeleteStageUseCase.name, () => {
    const outbox = async () =>
      (await sql<{ event_type: string; partition_key: string }>`select event_type, partition_key from outbox where tenant_id = ${TENANTS.acme} order by id`.execute(db)).rows;
    const history = (dealId: string) =>
      inTenantTransaction(db, TENANTS.acme, async (trx) => (await sql<{ from_stage_id: string | null; to_stage_id: string }>`select from_stage_id, to_stage_id from deal_stage_changes where deal_id = ${dealId} order by id`.execute(trx)).rows);

    it('moves every deal of the stage to the target with history and events, then removes the stage and closes the gap', async () => {
      const { pipeline, stages } = await pipelines.createPipeline(admin, 'Stage deletion');
      const [first, second, third] = stages;
      const moved = [
        await deals.create(caller, { name: 'Mine', stageId: second!.id, contactId: '7', tags: [] }, ['name', 'stage_id', 'contact_id']),
        await deals.create(other, { name: 'Theirs', stageId: second!.id, contactId: '8', tags: [] }, ['name', 'stage_id', 'contact_id']),
      ];
      const stays = await deals.create(caller, { name: 'Stays', stageId: first!.id, contactId: '7', tags: [] }, ['name', 'stage_id', 'contact_id']);
      const eventsBefore = (await outbox()).length;

      expect(await deleteStage.execute(admin, second!.id, third!.id)).toBe(2);

      for (const deal of moved) {
        expect((await deals.get(admin, deal.id)).stageId).toBe(third!.id);
        expect(await history(deal.id)).toEqual([{ from_stage_id: null, to_stage_id: second!.id }, { from_stage_id: second!.id, to_stage_id: third!.id }]);
      }
      expect((await deals.get(admin, stays.id)).stageId).toBe(first!.id);
      const after = await pipelines.listStages(admin, { pipelineId: pipeline.id, ids: [] });
      expect(after.map((s) => s.id)).not.toContain(second!.id);
      expect(after.map((s) => s.position)).toEqual(after.map((_, i) => i + 1));
      const events = (await outbox()).slice(eventsBefore).map((e) => e.event_type.replace('com.pipewright.crm.deals.', ''));
      expect(events).toEqual(['deal.updated.v1', 'deal.stage-changed.v1', 'deal.updated.v1', 'deal.stage-changed.v1', 'pipeline.updated.v1']);
    });

    it('refuses a stage holding deals without a target, a closed stage, a target elsewhere and a non-admin, changing nothing', async () => {
      const { pipeline, stages } = await pipelines.createPipeline(admin, 'Refusals');
      const [first, second] = stages;
      const won = stages.find((s) => s.category === 'won')!;
      const [elsewhere] = await pipelines.listStages(admin, { pipelineId: (await pipelines.listPipelines(admin, []))[0]!.id, ids: [] });
      const deal = await deals.create(caller, { name: 'Held', stageId: first!.id, contactId: '7', tags: [] }, ['name', 'stage_id', 'contact_id']);
      const eventsBefore = (await outbox()).length;

      await expect(deleteStage.execute(admin, first!.id, undefined)).rejects.toMatchObject({ kind: 'invalid_argument', details: { violations: [expect.objectContaining({ field: 'move_deals_to', code: 'missing' })] } });
      await expect(deleteStage.execute(admin, won.id, second!.id)).rejects.toMatchObject({ kind: 'invalid_argument' });
      await expect(deleteStage.execute(admin, first!.id, elsewhere!.id)).rejects.toMatchObject({ kind: 'invalid_argument', details: { violations: [expect.objectContaining({ field: 'move_deals_to' })] } });
      await expect(deleteStage.execute(caller, first!.id, second!.id)).rejects.toMatchObject({ kind: 'permission_denied' });
      await expect(deleteStage.execute({ ...admin, tenantId: TENANTS.globex }, first!.id, second!.id)).rejects.toMatchObject({ kind: 'not_found' });

      expect((await deals.get(admin, deal.id)).stageId).toBe(first!.id);
      expect((await pipelines.listStages(admin, { pipelineId: pipeline.id, ids: [] })).map((s) => s.id)).toEqual(stages.map((s) => s.id));
      expect((await outbox()).length).toBe(eventsBefore);
    });
  });
});
