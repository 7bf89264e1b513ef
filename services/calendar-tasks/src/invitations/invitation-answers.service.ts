import { Inject, Injectable } from '@nestjs/common';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import type { ParticipationStatus } from '../appointments/appointment-rules';
import { AppointmentsError } from '../appointments/appointments.errors';
import { AppointmentsRepository, type AppointmentRow } from '../appointments/appointments.repository';
import { AppointmentsService } from '../appointments/appointments.service';
import { CONFIG, DATABASE } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { Database, Trx } from '../database';
import { UserDirectory } from '../records/user-directory';
import { verifyRsvp, type RsvpClaim } from './rsvp-token';

const ANSWERS: readonly string[] = ['accepted', 'declined', 'tentative'];

/** Any token that does not lead to an attendee of an appointment: one answer, so a guess learns nothing. */
const noSuchInvitation = () => new DomainError('INVITATION_NOT_FOUND', ErrorKind.NotFound, 'no such invitation', { resource: 'invitation' });

/**
 * Answers through the signed RSVP link of an invitation: the token (HMAC with the service's key)
 * names the tenant, the appointment and the attendee's address; the answer is recorded as the
 * attendee's, with `appointment.attendee-replied` (via `rsvp_link`).
 */
@Injectable()
export class InvitationAnswersService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: CalendarTasksConfig,
    private readonly appointments: AppointmentsRepository,
    private readonly service: AppointmentsService,
    private readonly users: UserDirectory,
  ) {}

  async get(token: string): Promise<crm.calendar.v1.Invitation> {
    const claim = this.claimOf(token);
    const { row, status } = await inTenantTransaction(this.db, claim.tenantId, (trx) => this.invited(trx, claim, false));
    return this.present(claim, row, status);
  }

  async answer(token: string, status: string): Promise<crm.calendar.v1.Invitation> {
    const claim = this.claimOf(token);
    if (!ANSWERS.includes(status)) throw AppointmentsError.invalid([{ field: 'status', code: 'incorrect_value', message: 'must be accepted, declined or tentative' }]);
    const row = await inTenantTransaction(this.db, claim.tenantId, async (trx) => {
      const { row: current } = await this.invited(trx, claim, true);
      if (current.status === 'cancelled') throw AppointmentsError.readOnly(current.id, 'the appointment is cancelled');
      await this.service.recordAnswer(trx, claim.tenantId, current, claim.email, status as ParticipationStatus, 'rsvp_link');
      return current;
    });
    return this.present(claim, row, status);
  }

  private claimOf(token: string): RsvpClaim {
    const claim = verifyRsvp(token, this.config.invitations.rsvpKey);
    if (!claim || !/^[0-9a-f-]{36}$/i.test(claim.tenantId) || !/^[1-9][0-9]{0,15}$/.test(claim.appointmentId)) throw noSuchInvitation();
    return claim;
  }

  private async invited(trx: Trx, claim: RsvpClaim, forUpdate: boolean): Promise<{ row: AppointmentRow; status: string }> {
    const row = await this.appointments.find(trx, claim.appointmentId, forUpdate);
    const attendee = row ? ((await this.appointments.attendeesOf(trx, [row.id])).get(row.id) ?? []).find((a) => a.email === claim.email) : undefined;
    if (!row || !attendee) throw noSuchInvitation();
    return { row, status: attendee.partstat };
  }

  private async present(claim: RsvpClaim, row: AppointmentRow, status: string): Promise<crm.calendar.v1.Invitation> {
    const owner = { tenantId: claim.tenantId, userId: row.owner_id, role: 'user' as const, visibleOwnerIds: [row.owner_id] };
    const organizer = (await this.users.cards(owner, [row.owner_id]).catch(() => new Map())).get(row.owner_id);
    return {
      name: row.name, location: row.location, startsAt: row.starts_at, endsAt: row.ends_at, timeZone: row.time_zone, allDay: row.all_day,
      ...(row.rrule ? { recurrence: row.rrule } : {}), organizerName: organizer?.name ?? '', attendeeEmail: claim.email, status, appointmentStatus: row.status,
    };
  }
}
