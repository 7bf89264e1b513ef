import { context, propagation } from '@opentelemetry/api';
import { sql, type Kysely, type Transaction } from 'kysely';
import { cloudEventHeaders, type CloudEvent } from '@crm/events';

/**
 * Writes an event into the service's `outbox` table inside the caller's transaction, so the
 * event exists exactly when the change it describes is committed. The current trace context is
 * stored with it, so the relay's publish joins the trace of the user action.
 */
export async function appendToOutbox<DB>(trx: Transaction<DB> | Kysely<DB>, event: CloudEvent): Promise<void> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  await sql`
    insert into outbox (event_id, tenant_id, topic, partition_key, event_type, headers, payload, trace_carrier)
    values (${event.id}, ${event.tenantId}, ${event.topic}, ${event.partitionKey}, ${event.type},
            ${JSON.stringify(cloudEventHeaders(event))}::jsonb, ${Buffer.from(event.data)}, ${JSON.stringify(carrier)}::jsonb)
  `.execute(trx);
}
