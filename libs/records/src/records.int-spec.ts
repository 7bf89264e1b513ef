import { sql, type Kysely } from 'kysely';
import type { Principal } from '@crm/auth';
import { createDatabase, inTenantTransaction, migrate, NotificationListener } from '@crm/db-pg';
import { KAFKA_MIGRATIONS } from '@crm/kafka';
import { crm } from '@crm/proto';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { customFieldTables, CustomFieldsRepository, type CustomFieldsDatabase } from './custom-fields/custom-fields.repository';
import { CustomFieldsService, type CustomFieldsOptions } from './custom-fields/custom-fields.service';
import { RECORDS_MIGRATIONS } from './migrations';
import { referenceListTables, ReferenceItemsRepository, type ReferenceListsDatabase } from './reference-lists/reference-items.repository';
import { ReferenceListsService } from './reference-lists/reference-lists.service';
import { buildListQuery, indexCustomFields } from './record-list';
import { listRecords } from './record-query';

/** A record table of the kind the list engine serves: owner, tags, custom field values, timestamps, under RLS. */
const WIDGETS_DDL = `
  create table widgets (
    id bigint primary key,
    tenant_id uuid not null,
    owner_id bigint not null,
    name text not null,
    tags text[] not null default '{}',
    custom_fields jsonb not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  );
  alter table widgets enable row level security;
  alter table widgets force row level security;
  create policy widgets_tenant on widgets using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
  alter table reference_items add constraint reference_items_list_check check (list in ('deal_source', 'loss_reason'));
  alter table custom_fields add constraint custom_fields_resource_check check (resource in ('deal'));`;

interface WidgetsTable {
  id: string;
  tenant_id: string;
  owner_id: string;
  name: string;
  tags: string[];
  custom_fields: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}
type Db = CustomFieldsDatabase & ReferenceListsDatabase & { widgets: WidgetsTable };

const admin = (tenantId: string): Principal => ({ tenantId, userId: '1001', role: 'admin', visibleOwnerIds: 'all' });
const user: Principal = { tenantId: TENANTS.acme, userId: '1003', role: 'user', visibleOwnerIds: ['1003'] };

describe('records platform', () => {
  let database: TestDatabase;
  let db: Kysely<Db>;
  let customFields: CustomFieldsService;
  let lists: ReferenceListsService;
  const values = new CustomFieldsRepository();
  const CUSTOM_FIELD_OPTIONS: CustomFieldsOptions = {
    resources: ['deal'],
    events: { created: 'dealsCustomFieldCreated', updated: 'dealsCustomFieldUpdated', deleted: 'dealsCustomFieldDeleted' },
  };

  beforeAll(async () => {
    database = await createTestDatabase('it_records');
    await migrate(database.ownerUrl, [KAFKA_MIGRATIONS, ...RECORDS_MIGRATIONS], { runtimeRole: TEST_APP_ROLE });
    const owner = createDatabase({ url: database.ownerUrl });
    await sql.raw(WIDGETS_DDL).execute(owner);
    await sql.raw(`grant select, insert, update, delete on widgets to ${TEST_APP_ROLE}`).execute(owner);
    await owner.destroy();
    db = createDatabase<Db>({ url: database.appUrl });
    // Not started: without notices this instance reads the catalog every time.
    customFields = new CustomFieldsService(customFieldTables(db), values, CUSTOM_FIELD_OPTIONS, new NotificationListener({ url: database.appUrl }));
    lists = new ReferenceListsService(referenceListTables(db), new ReferenceItemsRepository(), {
      lists: { deal_source: { defaults: ['Website', 'Referral'], usedBy: 'deals' }, loss_reason: { defaults: ['Price'], usedBy: 'deals' } },
      events: { created: 'dealsReferenceItemCreated', updated: 'dealsReferenceItemUpdated', deleted: 'dealsReferenceItemDeleted' },
    });
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const waitUntil = async (check: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 10_000; !(await check()); ) {
      if (Date.now() > deadline) throw new Error('the change never reached the cache');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  const outboxTypes = async (tenantId: string) =>
    (await sql<{ event_type: string }>`select event_type from outbox where tenant_id = ${tenantId} order by id`.execute(db)).rows.map((r) => r.event_type.replace('com.pipewright.crm.deals.', ''));

  describe(CustomFieldsService.name, () => {
    it('lets admins define fields once per name, per tenant, with an event each; others read them', async () => {
      const tier = await customFields.create(admin(TENANTS.acme), 'deal', { name: 'Tier', type: 'list', choices: ['Gold', 'Silver'] });
      expect(tier).toMatchObject({ name: 'Tier', type: 'list', choices: [{ id: '1', name: 'Gold' }, { id: '2', name: 'Silver' }] });
      await expect(customFields.create(admin(TENANTS.acme), 'deal', { name: 'tier', type: 'string', choices: [] })).rejects.toMatchObject({ code: 'CUSTOM_FIELD_NAME_TAKEN' });
      await expect(customFields.create(user, 'deal', { name: 'Mine', type: 'string', choices: [] })).rejects.toMatchObject({ code: 'CUSTOM_FIELDS_ADMIN_ONLY' });
      await expect(customFields.create(admin(TENANTS.acme), 'deal', { name: 'Odd', type: 'colour', choices: [] })).rejects.toMatchObject({ code: 'INVALID_CUSTOM_FIELD' });
      // The same name in another tenant is another field; neither tenant sees the other's.
      await customFields.create(admin(TENANTS.globex), 'deal', { name: 'Tier', type: 'string', choices: [] });
      expect((await customFields.list(user, 'deal')).map((f) => [f.name, f.type])).toEqual([['Tier', 'list']]);
      expect((await customFields.list(admin(TENANTS.globex), 'deal')).map((f) => [f.name, f.type])).toEqual([['Tier', 'string']]);
      expect(await outboxTypes(TENANTS.acme)).toEqual(['custom-field.created.v1']);
      expect(() => customFields.resource(crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_LEAD)).toThrow('custom fields of this resource are not served here');
    });

    it('refuses to drop an option a record still uses, and drops it once no record does', async () => {
      const size = await customFields.create(admin(TENANTS.acme), 'deal', { name: 'Size', type: 'list', choices: ['S', 'M', 'L'] });
      const catalog = await inTenantTransaction(db, TENANTS.acme, (trx) => customFields.catalog(trx, 'deal'));
      const def = catalog.name('Size')!;
      await inTenantTransaction(db, TENANTS.acme, (trx) => indexCustomFields(values, trx, TENANTS.acme, '900', catalog, [def.id], { [def.id]: '3' }));
      const keepSAndM = { choices: [{ id: 1, name: 'S' }, { id: 2, name: 'M' }] };
      await expect(customFields.update(admin(TENANTS.acme), 'deal', size.id, keepSAndM)).rejects.toMatchObject({ code: 'CUSTOM_FIELD_OPTION_IN_USE' });
      await inTenantTransaction(db, TENANTS.acme, (trx) => values.deleteRecordValues(trx, '900', [def.id]));
      expect((await customFields.update(admin(TENANTS.acme), 'deal', size.id, keepSAndM)).choices.map((c) => c.name)).toEqual(['S', 'M']);
    });

    it('keeps a tenant\'s catalog until the database announces a change of its definitions, on every replica', async () => {
      const notifications = new NotificationListener({ url: database.appUrl });
      const replica = new CustomFieldsService(customFieldTables(db), values, CUSTOM_FIELD_OPTIONS, notifications);
      await replica.onModuleInit();
      notifications.start();
      try {
        while (!notifications.listening) await new Promise((r) => setTimeout(r, 20));
        const read = (tenantId: string) => inTenantTransaction(db, tenantId, (trx) => replica.catalog(trx, 'deal'));
        const acme = await read(TENANTS.acme);
        expect(await read(TENANTS.acme)).toBe(acme);
        // Another tenant's change leaves acme's catalog alone.
        await customFields.create(admin(TENANTS.globex), 'deal', { name: 'Cached elsewhere', type: 'string', choices: [] });
        await waitUntil(async () => (await read(TENANTS.globex)).name('Cached elsewhere') !== undefined);
        expect(await read(TENANTS.acme)).toBe(acme);
        // A change made through another replica reaches this one by the notice alone.
        await customFields.create(admin(TENANTS.acme), 'deal', { name: 'Cached here', type: 'number', choices: [] });
        await waitUntil(async () => (await read(TENANTS.acme)).name('Cached here') !== undefined);
        expect(acme.name('Cached here')).toBeUndefined();
        // A change made through this replica shows at once on it.
        await read(TENANTS.acme);
        await replica.create(admin(TENANTS.acme), 'deal', { name: 'Changed here', type: 'string', choices: [] });
        expect((await read(TENANTS.acme)).name('Changed here')).toBeDefined();
      } finally {
        await notifications.stop();
      }
    });
  });

  describe(ReferenceListsService.name, () => {
    it('seeds a tenant\'s defaults once under concurrent first reads, with one event per item', async () => {
      const reads = await Promise.all(Array.from({ length: 5 }, () => lists.listItems(user, 'deal_source', { page: 1, perPage: 10, ids: [], sort: [] })));
      for (const items of reads) expect(items.map((i) => i.name)).toEqual(['Website', 'Referral']);
      const created = (await outboxTypes(TENANTS.acme)).filter((t) => t === 'reference-item.created.v1');
      expect(created).toHaveLength(3);
    });

    it('keeps names unique per list regardless of case, lets only admins write, and knows items only in their tenant', async () => {
      const partner = await lists.create(admin(TENANTS.acme), 'deal_source', ' Partner  network ');
      expect(partner.name).toBe('Partner network');
      await expect(lists.create(admin(TENANTS.acme), 'deal_source', 'partner NETWORK')).rejects.toMatchObject({ code: 'REFERENCE_ITEM_NAME_TAKEN' });
      await expect(lists.create(user, 'deal_source', 'Mine')).rejects.toMatchObject({ code: 'REFERENCE_LIST_ADMIN_ONLY' });
      // The same name in another list is fine.
      await lists.create(admin(TENANTS.acme), 'loss_reason', 'Partner network');
      const exists = (tenantId: string) => inTenantTransaction(db, tenantId, (trx) => lists.exists(trx, 'deal_source', partner.id));
      expect(await exists(TENANTS.acme)).toBe(true);
      expect(await exists(TENANTS.globex)).toBe(false);
      await expect(lists.get(admin(TENANTS.globex), 'deal_source', partner.id)).rejects.toMatchObject({ code: 'REFERENCE_ITEM_NOT_FOUND' });
    });
  });

  describe(listRecords.name, () => {
    it('filters and sorts by a custom field through the value index, records without a value last, page by page', async () => {
      await customFields.create(admin(TENANTS.acme), 'deal', { name: 'Score', type: 'number', choices: [] });
      const catalog = await inTenantTransaction(db, TENANTS.acme, (trx) => customFields.catalog(trx, 'deal'));
      const score = catalog.name('Score')!;
      const scores: Record<string, string | undefined> = { '1': '30', '2': undefined, '3': '10', '4': '20', '5': undefined, '6': '10' };
      await inTenantTransaction(db, TENANTS.acme, async (trx) => {
        for (const [id, value] of Object.entries(scores)) {
          const stored = value === undefined ? {} : { [score.id]: value };
          await trx.insertInto('widgets').values({ id, tenant_id: TENANTS.acme, owner_id: id === '6' ? '1004' : '1003', name: `W${id}`, tags: [], custom_fields: stored, created_at: new Date(), updated_at: new Date() }).execute();
          await indexCustomFields(values, trx, TENANTS.acme, id, catalog, [score.id], stored);
        }
      });
      const page = (n: number, perPage: number, visible: Principal['visibleOwnerIds'], customFields: { name: string; value: string }[] = []) =>
        inTenantTransaction(db, TENANTS.acme, async (trx) => {
          const built = buildListQuery(catalog, visible, { page: n, perPage, filter: { ids: [], customFields }, sort: [{ field: 'custom_fields.Score', descending: false }] }, [], ['id'], 'widgets');
          if ('violations' in built) throw new Error(JSON.stringify(built.violations));
          return (await listRecords<{ id: string }, never, 'id', Db>(trx, 'widgets', built.query, [])).map((r) => r.id);
        });
      expect([...(await page(1, 3, 'all')), ...(await page(2, 3, 'all'))]).toEqual(['3', '6', '4', '1', '2', '5']);
      expect([...(await page(1, 2, ['1003'])), ...(await page(2, 2, ['1003'])), ...(await page(3, 2, ['1003']))]).toEqual(['3', '4', '1', '2', '5']);
      expect(await page(1, 10, 'all', [{ name: 'Score', value: '10' }])).toEqual(['3', '6']);
      // Another tenant's list is empty: row-level security, not the filter, keeps the rows apart.
      expect(await inTenantTransaction(db, TENANTS.globex, async (trx) => (await sql`select id from widgets`.execute(trx)).rows)).toEqual([]);
    });
  });
});
