import { sql, type Kysely } from 'kysely';
import type { Principal } from '@crm/auth';
import { createDatabase, inTenantTransaction, migrate } from '@crm/db-pg';
import { DomainError } from '@crm/errors';
import { CustomFieldsRepository, CustomFieldsService, ReferenceItemsRepository, ReferenceListsService } from '@crm/records';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import type { DealsPipelinesConfig } from '../config/deals-pipelines.config';
import type { ContactDirectory } from '../contacts/contact-directory';
import { PipelinesRepository } from '../pipelines/pipelines.repository';
import { PipelinesService } from '../pipelines/pipelines.service';
import { DealsRepository, type DealsDatabase } from './deals.repository';
import { DealsService } from './deals.service';
import { MIGRATIONS } from '../migrations';

const caller: Principal = { tenantId: TENANTS.acme, userId: '1003', role: 'user', visibleOwnerIds: ['1003'] };
const config = { defaultCurrency: 'USD' } as DealsPipelinesConfig;
const other: Principal = { tenantId: TENANTS.acme, userId: '1004', role: 'user', visibleOwnerIds: ['1004'] };
const INVISIBLE_LEAD = '599';
// leads-contacts answers whether the caller can see a lead; here every lead is visible to everyone
// but INVISIBLE_LEAD, which no one sees. The conversion path never looks a contact up: its
// contacts come from the committed conversion.
const directory = {
  find: () => Promise.reject(new Error('not used')),
  canSeeLead: async (_p: Principal, id: string) => id !== INVISIBLE_LEAD,
} as unknown as ContactDirectory;

describe('conversion deals', () => {
  let database: TestDatabase;
  let db: Kysely<DealsDatabase>;
  let sut: DealsService;

  beforeAll(async () => {
    database = await createTestDatabase('it_conversion_deals');
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });
    db = createDatabase<DealsDatabase>({ url: database.appUrl });
    const options = { resources: ['deal' as const], events: { created: 'dealsCustomFieldCreated' as const, updated: 'dealsCustomFieldUpdated' as const, deleted: 'dealsCustomFieldDeleted' as const } };
    const lists = { lists: { deal_source: { defaults: [], usedBy: 'deals' } }, events: { created: 'dealsReferenceItemCreated' as const, updated: 'dealsReferenceItemUpdated' as const, deleted: 'dealsReferenceItemDeleted' as const } };
    const customFieldValues = new CustomFieldsRepository();
    sut = new DealsService(
      db, config, new DealsRepository(), new PipelinesService(db as never, new PipelinesRepository()), new CustomFieldsService(db as never, customFieldValues, options),
      customFieldValues, new ReferenceListsService(db as never, new ReferenceItemsRepository(), lists), directory,
    );
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const dealsOfLead = (leadId: string) =>
    inTenantTransaction(db, TENANTS.acme, async (trx) => (await sql<{ id: string }>`select id from deals where conversion_lead_id = ${leadId}`.execute(trx)).rows.map((r) => r.id));

  it('creates the reserved deal once when the gateway and the consumer confirm at the same time', async () => {
    const dealId = await sut.reserveForConversion(caller, '501', { name: 'Race', value: '10', tags: [] }, ['name', 'value']);
    expect(await sut.reserveForConversion(caller, '501', { name: 'Race', value: '10', tags: [] }, ['name', 'value'])).toBe(dealId);
    const ref = { leadId: '501', dealId, contactId: '77', organizationId: '70' };
    const results = await Promise.all(Array.from({ length: 6 }, () => sut.confirmConversion(TENANTS.acme, ref)));
    expect(results.map((d) => d?.id)).toEqual(Array(6).fill(dealId));
    expect(results[0]).toMatchObject({ name: 'Race', value: '10.00', contactId: '77', organizationId: '70', ownerId: '1003' });
    expect(await dealsOfLead('501')).toEqual([dealId]);
    expect((await sut.get(caller, dealId)).id).toBe(dealId);
  });

  it('answers the same id to a retry, refuses another request after the confirmation, and ignores a stale deal id', async () => {
    const dealId = await sut.reserveForConversion(caller, '502', { name: 'Once', tags: [] }, ['name']);
    // A new attempt before the conversion replaces the attributes and keeps the id.
    expect(await sut.reserveForConversion(caller, '502', { name: 'Twice', tags: [] }, ['name'])).toBe(dealId);
    expect(await sut.confirmConversion(TENANTS.acme, { leadId: '502', dealId: '999999', contactId: '1', organizationId: null })).toBeUndefined();
    expect((await sut.confirmConversion(TENANTS.acme, { leadId: '502', dealId, contactId: '1', organizationId: null }))?.name).toBe('Twice');
    expect(await sut.reserveForConversion(caller, '502', { name: 'Twice', tags: [] }, ['name'])).toBe(dealId);
    await expect(sut.reserveForConversion(caller, '502', { name: 'Thrice', tags: [] }, ['name'])).rejects.toBeInstanceOf(DomainError);
    expect(await dealsOfLead('502')).toEqual([dealId]);
  });

  it('validates the reserved deal as the caller before anything is kept', async () => {
    await expect(sut.reserveForConversion(caller, '503', { name: 'Bad', value: '1.234', tags: [] }, ['name', 'value'])).rejects.toBeInstanceOf(DomainError);
    await expect(sut.reserveForConversion(caller, '503', { name: 'Theirs', ownerId: '1004', tags: [] }, ['name', 'owner_id'])).rejects.toBeInstanceOf(DomainError);
    expect(await sut.confirmConversion(TENANTS.acme, { leadId: '503', dealId: '1', contactId: '1', organizationId: null })).toBeUndefined();
  });

  it('keeps a reservation to the caller who made it: another caller neither overwrites nor cancels it', async () => {
    const dealId = await sut.reserveForConversion(caller, '504', { name: 'Legit', tags: [] }, ['name']);
    await expect(sut.reserveForConversion(other, '504', { name: 'Hijacked', ownerId: '1004', tags: [] }, ['name', 'owner_id'])).rejects.toMatchObject({ code: 'CONVERSION_IN_PROGRESS', kind: 'conflict' });
    await sut.cancelConversion(other, '504');
    const deal = await sut.confirmConversion(TENANTS.acme, { leadId: '504', dealId, contactId: '1', organizationId: null });
    expect(deal).toMatchObject({ id: dealId, name: 'Legit', ownerId: '1003', creatorId: '1003' });
  });

  it('answers a lead the caller cannot see as not found and reserves nothing', async () => {
    await expect(sut.reserveForConversion(caller, INVISIBLE_LEAD, { name: 'Nope', tags: [] }, ['name'])).rejects.toMatchObject({ code: 'LEAD_NOT_FOUND', kind: 'not_found' });
    const rows = await inTenantTransaction(db, TENANTS.acme, async (trx) => (await sql`select 1 from deal_reservations where lead_id = ${INVISIBLE_LEAD}`.execute(trx)).rows);
    expect(rows).toEqual([]);
  });
});
