import path from 'node:path';
import { migrate } from '@crm/db-pg';
import { describeUpgradeInPlace, TENANTS, TEST_APP_ROLE } from '@crm/testing';
import { MIGRATIONS } from './migrations';

const LIBRARY_BASELINES = ['kafka/0001_outbox_and_processed_events.sql', 'records/reference-lists/0001_reference_items.sql', 'records/custom-fields/0001_custom_fields.sql', 'records/notes/0001_notes.sql', 'object-purges/0001_object_purges.sql'];

/** The libraries' tables come from their own migrations; a database made before that upgrades in place. */
describeUpgradeInPlace('leads-contacts migrations', {
  dump: path.resolve(__dirname, '../test-fixtures/database-before-library-migrations.sql'),
  migrate: (url) => migrate(url, MIGRATIONS, { runtimeRole: TEST_APP_ROLE }),
  seed: async (owner) => {
    await owner.query(`select set_config('app.tenant_id', $1, false)`, [TENANTS.acme]);
    const source = (await owner.query(`insert into reference_items (tenant_id, list, name) values ($1, 'lead_source', 'Fair') returning id`, [TENANTS.acme])).rows[0].id;
    const lead = (await owner.query(`insert into leads (tenant_id, creator_id, owner_id, last_name, source_id, tags) values ($1, 1003, 1003, 'Kept', $2, '{vip,eu}') returning id`, [TENANTS.acme, source])).rows[0].id;
    const field = (await owner.query(`insert into custom_fields (tenant_id, resource, name, type) values ($1, 'lead', 'Tier', 'string') returning id`, [TENANTS.acme])).rows[0].id;
    await owner.query(`insert into custom_field_values (tenant_id, field_id, record_id, value_text, text_key) values ($1, $2, $3, 'Gold', 'gold')`, [TENANTS.acme, field, lead]);
    await owner.query(`insert into notes (tenant_id, creator_id, resource_type, resource_id, content) values ($1, 1003, 'lead', $2, 'kept note')`, [TENANTS.acme, lead]);
    await owner.query(`insert into outbox (event_id, tenant_id, topic, partition_key, event_type, headers, payload) values (gen_random_uuid(), $1, 'crm.leads.lead.v1', $2, 'created', '{}', '\\x00')`, [TENANTS.acme, String(lead)]);
    await owner.query(`insert into processed_events (consumer_group, event_source, event_id) values ('purger', 'leads', 'e-1')`);
    await owner.query(`insert into object_purges (storage_key) values ('tenants/gone/documents/1')`);
  },
  read: async (app) => {
    await app.query(`select set_config('app.tenant_id', $1, false)`, [TENANTS.acme]);
    return (await app.query(`select l.last_name, r.name as source, v.value_text, n.content,
        (select count(*)::int from outbox where published_at is null) as unpublished,
        (select count(*)::int from processed_events) as processed,
        (select array_agg(storage_key) from object_purges) as purges,
        (select array_agg(resource_type || ':' || name || ':' || creator_id order by name) from tags) as tags
      from leads l join reference_items r on r.id = l.source_id
      join custom_field_values v on v.record_id = l.id join notes n on n.resource_id = l.id`)).rows;
  },
  libraryBaselines: LIBRARY_BASELINES,
  newerThanDump: ['kafka/0002_outbox_notify.sql', 'records/custom-fields/0002_custom_fields_notify.sql', 'records/tags/0001_tags.sql', 'records/owners/0001_tenant_users.sql', 'records/collaborations/0001_collaborations.sql', 'records/collaborations/0002_collaborations_notify.sql', 'service/0014_search_terms_per_statement.sql', 'service/0015_tags.sql', 'service/0016_collaborations.sql', 'service/0017_mobile_key.sql'],
  expectedRead: [{ last_name: 'Kept', source: 'Fair', value_text: 'Gold', content: 'kept note', unpublished: 1, processed: 1, purges: ['tenants/gone/documents/1'], tags: ['lead:eu:1003', 'lead:vip:1003'] }],
});
