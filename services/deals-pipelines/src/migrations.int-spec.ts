import path from 'node:path';
import { migrate } from '@crm/db-pg';
import { describeUpgradeInPlace, TENANTS, TEST_APP_ROLE } from '@crm/testing';
import { MIGRATIONS } from './migrations';

const LIBRARY_BASELINES = ['kafka/0001_outbox_and_processed_events.sql', 'records/reference-lists/0001_reference_items.sql', 'records/custom-fields/0001_custom_fields.sql', 'records/notes/0001_notes.sql'];

/** The libraries' tables come from their own migrations; a database made before that upgrades in place. */
describeUpgradeInPlace('deals-pipelines migrations', {
  dump: path.resolve(__dirname, '../test-fixtures/database-before-library-migrations.sql'),
  migrate: (url) => migrate(url, MIGRATIONS, { runtimeRole: TEST_APP_ROLE }),
  seed: async (owner) => {
    const t = TENANTS.acme;
    await owner.query(`select set_config('app.tenant_id', $1, false)`, [t]);
    const pipeline = (await owner.query(`insert into pipelines (tenant_id, name) values ($1, 'P') returning id`, [t])).rows[0].id;
    const stage = (await owner.query(`insert into stages (tenant_id, pipeline_id, name, category, position, likelihood) values ($1, $2, 'A', 'incoming', 1, 10) returning id`, [t, pipeline])).rows[0].id;
    const source = (await owner.query(`insert into reference_items (tenant_id, list, name) values ($1, 'deal_source', 'Referral') returning id`, [t])).rows[0].id;
    const deal = (await owner.query(
      `insert into deals (tenant_id, creator_id, owner_id, name, currency, pipeline_id, stage_id, stage_category, source_id, tags) values ($1, 1003, 1003, 'Kept', 'USD', $2, $3, 'incoming', $4, '{big}') returning id`,
      [t, pipeline, stage, source],
    )).rows[0].id;
    const field = (await owner.query(`insert into custom_fields (tenant_id, resource, name, type) values ($1, 'deal', 'Tier', 'string') returning id`, [t])).rows[0].id;
    await owner.query(`insert into custom_field_values (tenant_id, field_id, record_id, value_text, text_key) values ($1, $2, $3, 'Gold', 'gold')`, [t, field, deal]);
    await owner.query(`insert into notes (tenant_id, creator_id, resource_type, resource_id, content) values ($1, 1003, 'deal', $2, 'kept note')`, [t, deal]);
    await owner.query(`insert into outbox (event_id, tenant_id, topic, partition_key, event_type, headers, payload) values (gen_random_uuid(), $1, 'crm.deals.deal.v1', $2, 'created', '{}', '\\x00')`, [t, String(deal)]);
  },
  read: async (app) => {
    await app.query(`select set_config('app.tenant_id', $1, false)`, [TENANTS.acme]);
    return (await app.query(`select d.name, r.name as source, v.value_text, n.content, n.id >= 1000000000000000 as note_id_above_leads,
        (select count(*)::int from outbox where published_at is null) as unpublished,
        (select array_agg(resource_type || ':' || name || ':' || (id >= 1000000000000000)) from tags) as tags
      from deals d join reference_items r on r.id = d.source_id
      join custom_field_values v on v.record_id = d.id join notes n on n.resource_id = d.id`)).rows;
  },
  libraryBaselines: LIBRARY_BASELINES,
  newerThanDump: ['kafka/0002_outbox_notify.sql', 'records/custom-fields/0002_custom_fields_notify.sql', 'records/tags/0001_tags.sql', 'records/owners/0001_tenant_users.sql', 'records/collaborations/0001_collaborations.sql', 'records/collaborations/0002_collaborations_notify.sql', 'service/0009_deal_next_step.sql', 'service/0010_product_sku_not_unique.sql', 'service/0011_tags.sql', 'service/0012_deal_name_filter.sql', 'service/0013_collaborations.sql', 'service/0014_collaboration_ids.sql'],
  expectedRead: [{ name: 'Kept', source: 'Referral', value_text: 'Gold', content: 'kept note', note_id_above_leads: true, unpublished: 1, tags: ['deal:big:true'] }],
});
