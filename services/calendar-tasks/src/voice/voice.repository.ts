import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Database, Trx } from '../database';

export interface VoiceIntegrationsTable {
  tenant_id: string;
  public_key: string;
  secret: string;
  created_by: string;
  created_at: Generated<Date>;
  rotated_at: Generated<Date>;
}

export interface VoiceWebhookEventsTable {
  tenant_id: string;
  event_id: string;
  received_at: Generated<Date>;
}

export interface VoiceTables {
  voice_integrations: VoiceIntegrationsTable;
  voice_webhook_events: VoiceWebhookEventsTable;
}

export type VoiceIntegrationRow = Selectable<VoiceIntegrationsTable>;

/** The only SQL of the voice integration. */
@Injectable()
export class VoiceRepository {
  /** The tenant a webhook key belongs to (the one read across tenants, through a function that answers nothing else). */
  async tenantForKey(db: Database, key: string): Promise<string | undefined> {
    const { rows } = await sql<{ tenant_id: string | null }>`select voice_integration_tenant(${key}) as tenant_id`.execute(db);
    return rows[0]?.tenant_id ?? undefined;
  }

  async find(trx: Trx): Promise<VoiceIntegrationRow | undefined> {
    return trx.selectFrom('voice_integrations').selectAll().executeTakeFirst();
  }

  async upsert(trx: Trx, row: { tenant_id: string; public_key: string; secret: string; created_by: string }): Promise<VoiceIntegrationRow> {
    return trx
      .insertInto('voice_integrations')
      .values(row)
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ public_key: row.public_key, secret: row.secret, rotated_at: sql`now()` }))
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(trx: Trx): Promise<boolean> {
    const result = await trx.deleteFrom('voice_integrations').executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Records a provider event id; false when it was handled before (a replay). */
  async claimEvent(trx: Trx, tenantId: string, eventId: string): Promise<boolean> {
    const row = await trx.insertInto('voice_webhook_events').values({ tenant_id: tenantId, event_id: eventId }).onConflict((oc) => oc.doNothing()).returning('event_id').executeTakeFirst();
    return row !== undefined;
  }
}
