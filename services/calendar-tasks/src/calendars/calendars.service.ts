import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, narrowOwners, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { crm } from '@crm/proto';
import { AppointmentsError } from '../appointments/appointments.errors';
import { DATABASE } from '../calendar-tasks.constants';
import type { Database } from '../database';
import { CalendarsRepository, type CalendarRow } from './calendars.repository';

export function toCalendar(row: CalendarRow): crm.calendar.v1.Calendar {
  return { id: row.id, ownerId: row.owner_id, kind: row.kind, name: row.name, isDefault: row.is_default, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Calendars: visible to whoever sees their owner; the caller's built-in calendar exists once they look. */
@Injectable()
export class CalendarsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly calendars: CalendarsRepository,
  ) {}

  /** The calendars of the owners asked for (default: the caller), those the caller sees. */
  async list(principal: Principal, params: { page: number; perPage: number; ownerIds: string[] }): Promise<crm.calendar.v1.Calendar[]> {
    const ownerIds = params.ownerIds.length > 0 ? narrowOwners(principal, params.ownerIds) : [principal.userId];
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      if (ownerIds === 'all' || ownerIds.includes(principal.userId)) await this.calendars.ensureBuiltin(trx, principal.tenantId, principal.userId);
      const rows = await this.calendars.listOf(trx, ownerIds, params.perPage, (params.page - 1) * params.perPage);
      return rows.map(toCalendar);
    });
  }

  async get(principal: Principal, id: string): Promise<crm.calendar.v1.Calendar> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.calendars.find(trx, id);
      if (!row || !canSeeOwner(principal, row.owner_id)) throw AppointmentsError.calendarNotFound(id);
      return toCalendar(row);
    });
  }
}
