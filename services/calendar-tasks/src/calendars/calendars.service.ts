import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, narrowOwners, type Principal } from '@crm/auth';
import { SecretBox } from '@crm/config';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import { AppointmentsError } from '../appointments/appointments.errors';
import { CaldavAccount, CaldavError, type RemoteCalendar } from '../caldav/caldav-client';
import { secretContext } from '../caldav/caldav-paths';
import { CaldavRepository } from '../caldav/caldav.repository';
import { refusedServerUrl } from '@crm/outbound';
import { CONFIG, DATABASE, SECRET_BOX } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { Database, Trx } from '../database';
import { CalendarsRepository, type CalendarRow } from './calendars.repository';

export function toCalendar(row: CalendarRow, syncPending = false): crm.calendar.v1.Calendar {
  return {
    syncPending,
    id: row.id, ownerId: row.owner_id, kind: row.kind, name: row.name, isDefault: row.is_default, createdAt: row.created_at, updatedAt: row.updated_at,
    ...(row.server_url ? { serverUrl: row.server_url } : {}), ...(row.calendar_url ? { calendarUrl: row.calendar_url } : {}), ...(row.username ? { username: row.username } : {}),
    syncStatus: row.sync_status, ...(row.sync_error ? { syncError: row.sync_error } : {}), ...(row.last_synced_at ? { lastSyncedAt: row.last_synced_at } : {}),
  };
}

export interface ConnectParams {
  serverUrl: string;
  username: string;
  password: string;
  calendarUrl?: string;
  name?: string;
  makeDefault: boolean;
}

const invalid = (field: string, message: string, code = 'incorrect_value'): never => {
  throw AppointmentsError.invalid([{ field, code, message }], 'calendar');
};

/** A CalDAV server's refusal as the field it is about. */
function connectionViolation(e: unknown): never {
  if (!(e instanceof CaldavError)) throw e;
  if (e.kind === 'auth') return invalid('password', 'the server refused the user name or password');
  if (e.kind === 'unreachable') return invalid('server_url', `the server did not answer: ${e.message}`);
  return invalid('server_url', `is not a CalDAV server the CRM can use: ${e.message}`);
}

/**
 * Calendars: visible to whoever sees their owner; the caller's built-in calendar exists once they
 * look. A user connects their own CalDAV calendars (credentials checked with the server, sealed at
 * rest, never returned); only the owner changes, disconnects or syncs one.
 */
@Injectable()
export class CalendarsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: CalendarTasksConfig,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    private readonly calendars: CalendarsRepository,
    private readonly caldav: CaldavRepository,
  ) {}

  /** The calendars of the owners asked for (default: the caller), those the caller sees. */
  async list(principal: Principal, params: { page: number; perPage: number; ownerIds: string[] }): Promise<crm.calendar.v1.Calendar[]> {
    const ownerIds = params.ownerIds.length > 0 ? narrowOwners(principal, params.ownerIds) : [principal.userId];
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      if (ownerIds === 'all' || ownerIds.includes(principal.userId)) await this.calendars.defaultOf(trx, principal.tenantId, principal.userId);
      const rows = await this.calendars.listOf(trx, ownerIds, params.perPage, (params.page - 1) * params.perPage);
      const pending = await this.caldav.pending(trx, rows.map((r) => r.id));
      return rows.map((r) => toCalendar(r, pending.has(r.id)));
    });
  }

  async get(principal: Principal, id: string): Promise<crm.calendar.v1.Calendar> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.visible(trx, principal, id);
      return toCalendar(row, (await this.caldav.pending(trx, [id])).has(id));
    });
  }

  async connect(principal: Principal, p: ConnectParams): Promise<crm.calendar.v1.Calendar> {
    const violations: FieldViolation[] = [];
    const refused = await refusedServerUrl(p.serverUrl, { allowPrivate: this.config.caldav.allowPrivateAddresses });
    if (refused) violations.push({ field: 'server_url', code: 'incorrect_value', message: refused });
    if (!p.username.trim() || p.username.length > 255) violations.push({ field: 'username', code: 'blank', message: 'is required (at most 255 characters)' });
    if (!p.password || p.password.length > 1024) violations.push({ field: 'password', code: 'blank', message: 'is required (at most 1024 characters)' });
    if (p.name !== undefined && (!p.name.trim() || p.name.length > 255)) violations.push({ field: 'name', code: 'blank', message: 'cannot be empty (at most 255 characters)' });
    if (violations.length > 0) throw AppointmentsError.invalid(violations, 'calendar');
    const account = await CaldavAccount.connect(p.serverUrl, p.username.trim(), p.password, this.config.caldav.timeoutMs).catch(connectionViolation);
    const found = await account.calendars().catch(connectionViolation);
    const chosen = this.choose(found, p.calendarUrl);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const draft = { tenant_id: principal.tenantId, owner_id: principal.userId, calendar_url: chosen.url };
      if (await this.calendars.findByUrl(trx, principal.userId, chosen.url)) {
        invalid('calendar_url', 'is connected already', 'already_exists');
      }
      let row = await this.calendars.insertCaldav(trx, {
        ...draft, name: p.name?.trim() || chosen.name.slice(0, 255) || 'CalDAV', server_url: p.serverUrl, username: p.username.trim(), secret: this.box.seal(p.password, secretContext(draft)),
      });
      if (p.makeDefault) row = await this.calendars.makeDefault(trx, row);
      await this.caldav.scheduleSync(trx, principal.tenantId, row.id, 'now');
      return toCalendar(row, true);
    });
  }

  async update(principal: Principal, id: string, p: { name?: string; makeDefault?: boolean; username?: string; password?: string }): Promise<crm.calendar.v1.Calendar> {
    const current = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.owned(trx, principal, id));
    if (p.name !== undefined && (!p.name.trim() || p.name.length > 255)) invalid('name', 'cannot be empty (at most 255 characters)', 'blank');
    if (p.makeDefault === false) invalid('default', 'make another calendar the default instead');
    let secret: Buffer | undefined;
    if (p.username !== undefined || p.password !== undefined) {
      if (current.kind !== 'caldav') invalid('username', 'a built-in calendar has no credentials');
      if (p.password === undefined || !p.password) invalid('password', 'is required with new credentials', 'blank');
      const username = (p.username ?? current.username!).trim();
      const account = await CaldavAccount.connect(current.server_url!, username, p.password!, this.config.caldav.timeoutMs).catch(connectionViolation);
      await account.calendars().catch(connectionViolation);
      secret = this.box.seal(p.password!, secretContext(current));
    }
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      let row = await this.owned(trx, principal, id);
      if (p.name !== undefined || secret) {
        row = await this.calendars.update(trx, id, { ...(p.name !== undefined ? { name: p.name.trim() } : {}), ...(secret ? { secret, username: (p.username ?? row.username!).trim() } : {}) });
      }
      if (p.makeDefault === true && !row.is_default) row = await this.calendars.makeDefault(trx, row);
      if (secret) await this.caldav.scheduleSync(trx, principal.tenantId, id, 'now');
      return toCalendar(row, (await this.caldav.pending(trx, [id])).has(id));
    });
  }

  /** Disconnects a CalDAV calendar: its appointments are the server's and go with it; nothing on the server changes. */
  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.owned(trx, principal, id);
      if (row.kind !== 'caldav') invalid('kind', 'the built-in calendar stays; connect another and make it the default instead');
      await this.calendars.delete(trx, id);
      // The built-in calendar becomes the default again when this one was.
      if (row.is_default) await this.calendars.defaultOf(trx, principal.tenantId, row.owner_id);
    });
  }

  async requestSync(principal: Principal, id: string): Promise<crm.calendar.v1.Calendar> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.owned(trx, principal, id);
      if (row.kind !== 'caldav') invalid('kind', 'the built-in calendar has nothing to sync');
      await this.caldav.scheduleSync(trx, principal.tenantId, id, 'now');
      return toCalendar(row, true);
    });
  }

  private choose(found: RemoteCalendar[], wanted: string | undefined): RemoteCalendar {
    if (wanted === undefined) return found[0] ?? invalid('calendar_url', 'the account has no calendar with events');
    const path = (u: string) => new URL(u, 'http://x').pathname.replace(/\/+$/, '');
    return found.find((c) => path(c.url) === path(wanted)) ?? invalid('calendar_url', `is not one of the account's calendars (${found.map((c) => c.url).join(', ').slice(0, 500)})`);
  }

  private async visible(trx: Trx, principal: Principal, id: string): Promise<CalendarRow> {
    const row = await this.calendars.find(trx, id);
    if (!row || !canSeeOwner(principal, row.owner_id)) throw AppointmentsError.calendarNotFound(id);
    return row;
  }

  /** The caller's own calendar: credentials and sync are personal, so anyone else is answered as if it did not exist. */
  private async owned(trx: Trx, principal: Principal, id: string): Promise<CalendarRow> {
    const row = await this.calendars.find(trx, id);
    if (!row || row.owner_id !== principal.userId) throw AppointmentsError.calendarNotFound(id);
    return row;
  }
}
