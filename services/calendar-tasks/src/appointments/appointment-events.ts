import { Injectable } from '@nestjs/common';
import { buildEvent, type EventPayload, type EventTypeKey } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { Trx } from '../database';

type AppointmentEventKey = Extract<EventTypeKey, `appointment${string}`>;
/** One event of an appointment, its kind and payload. */
export type AppointmentEvent = { [K in AppointmentEventKey]: [K, EventPayload<K>] }[AppointmentEventKey];

/** Writes an appointment's events to the outbox in the change's transaction, whoever made the change (a user, a sync, a mail). */
@Injectable()
export class AppointmentEvents {
  /** The events of many appointments in one outbox write. */
  async publishMany(trx: Trx, tenantId: string, batches: readonly (readonly [string, readonly AppointmentEvent[]])[]): Promise<void> {
    const all = batches.flatMap(([id, events]) => events.map(([kind, payload]) => buildEvent({ kind, tenantId, aggregateId: id, subject: `tenants/${tenantId}/appointments/${id}`, payload } as never)));
    if (all.length > 0) await appendToOutbox(trx, all);
  }

  async publish(trx: Trx, tenantId: string, appointmentId: string, events: AppointmentEvent[]): Promise<void> {
    await appendToOutbox(
      trx,
      events.map(([kind, payload]) => buildEvent({ kind, tenantId, aggregateId: appointmentId, subject: `tenants/${tenantId}/appointments/${appointmentId}`, payload } as never)),
    );
  }
}
