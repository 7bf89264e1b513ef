import { context, propagation } from '@opentelemetry/api';
import { sql, type Kysely, type Transaction } from 'kysely';
import { chunksWithin } from '@crm/db-pg';
import { cloudEventHeaders, type CloudEvent } from '@crm/events';

const OUTBOX_COLUMNS = 8;

/** The notification channel an outbox write announces itself on at commit (migration 0002). */
export const OUTBOX_CHANNEL = 'outbox';

/**
 * Writes events into the service's `outbox` table inside the caller's transaction, so an event
 * exists exactly when the change it describes is committed. The current trace context is stored
 * with them, so the relay's publish joins the trace of the user action. Several events go in one
 * statement (an import commits hundreds per batch).
 */
export async function appendToOutbox<DB>(trx: Transaction<DB> | Kysely<DB>, events: CloudEvent | readonly CloudEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events as CloudEvent];
  if (list.length === 0) return;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const traceCarrier = JSON.stringify(carrier);
  const rows = list.map(
    (event) => sql`(${event.id}, ${event.tenantId}, ${event.topic}, ${event.partitionKey}, ${event.type},
            ${JSON.stringify(cloudEventHeaders(event))}::jsonb, ${Buffer.from(event.data)}, ${traceCarrier}::jsonb)`,
  );
  for (const chunk of chunksWithin(rows, OUTBOX_COLUMNS)) {
    await sql`
      insert into outbox (event_id, tenant_id, topic, partition_key, event_type, headers, payload, trace_carrier)
      values ${sql.join(chunk)}
    `.execute(trx);
  }
}
