import { Injectable } from '@nestjs/common';
import type { crm } from '@crm/proto';
import type { Trx } from '../database';
import type { PlannedMail } from './invitation-plan';
import type { InvitationSnapshot } from './itip';
import { InvitationsRepository } from './invitations.repository';

/** The appointment as its invitations show it. */
export function snapshotOf(a: crm.calendar.v1.Appointment, organizerName: string): InvitationSnapshot {
  return {
    appointmentId: a.id,
    uid: a.uid,
    sequence: a.sequence,
    name: a.name,
    description: a.description,
    location: a.location,
    startsAt: a.startsAt!.toISOString(),
    endsAt: a.endsAt!.toISOString(),
    timeZone: a.timeZone,
    allDay: a.allDay,
    rrule: a.recurrence ?? null,
    exdates: a.exdates.map((d) => d.toISOString()),
    recurrenceId: a.recurrenceId ? a.recurrenceId.toISOString() : null,
    ownerId: a.ownerId,
    organizerName,
    attendees: a.attendees.map((t) => ({ email: t.email, name: t.name, status: t.status })),
  };
}

/** The addresses of an appointment's external attendees, those invitations go to. */
export function externalAttendees(a: crm.calendar.v1.Appointment): string[] {
  return a.attendees.filter((t) => t.userId === undefined).map((t) => t.email);
}

/** Queues the planned invitation mail in the change's transaction: sent once it commits, never for a change rolled back. */
@Injectable()
export class InvitationOutbox {
  constructor(private readonly invitations: InvitationsRepository) {}

  async queue(trx: Trx, tenantId: string, appointment: crm.calendar.v1.Appointment, organizerName: string, plan: readonly PlannedMail[]): Promise<void> {
    const snapshot = snapshotOf(appointment, organizerName);
    await this.invitations.queue(trx, plan.map((p) => ({ tenant_id: tenantId, appointment_id: appointment.id, recipient: p.recipient, method: p.method, snapshot: { ...snapshot, removed: p.removed } })));
  }
}
