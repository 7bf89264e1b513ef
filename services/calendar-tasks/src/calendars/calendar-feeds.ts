import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { AppointmentPresenter } from '../appointments/appointment-presenter';
import { renderFeed } from '../caldav/ical-mapping';
import { DATABASE } from '../calendar-tasks.constants';
import type { Database, Trx } from '../database';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { snapshotOf } from '../invitations/invitation-outbox';

/** How far back a feed reaches; series still repeating are in it whenever they began. */
const FEED_PAST_MS = 90 * 86_400_000;
/** The most appointments a feed holds. */
const FEED_LIMIT = 10_000;

const hash = (token: string) => createHash('sha256').update(token).digest();
const noSuchFeed = () => new DomainError('CALENDAR_FEED_NOT_FOUND', ErrorKind.NotFound, 'no such calendar feed', { resource: 'calendar_feed' });

/**
 * Each user's iCalendar feed: a secret URL desktop and phone calendars subscribe to, showing the
 * user's confirmed appointments from 90 days back on. The token is `<tenant>.<32 random bytes>`;
 * only its hash is kept, so it is shown once; a new one replaces it and deleting revokes it.
 */
@Injectable()
export class CalendarFeeds {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly presenter: AppointmentPresenter,
    private readonly feeds: CalendarFeedsRepository,
  ) {}

  async get(principal: Principal): Promise<crm.calendar.v1.CalendarFeed> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.feeds.find(trx, principal.userId);
      if (!row) throw noSuchFeed();
      return { ownerId: row.owner_id, createdAt: row.created_at };
    });
  }

  async rotate(principal: Principal): Promise<{ feed: crm.calendar.v1.CalendarFeed; token: string }> {
    const token = `${principal.tenantId}.${randomBytes(32).toString('base64url')}`;
    const row = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.feeds.upsert(trx, principal.tenantId, principal.userId, hash(token)));
    return { feed: { ownerId: row.owner_id, createdAt: row.created_at }, token };
  }

  async delete(principal: Principal): Promise<void> {
    if (!(await inTenantTransaction(this.db, principal.tenantId, (trx) => this.feeds.delete(trx, principal.userId)))) throw noSuchFeed();
  }

  /** The feed of a token, as iCalendar; any token that is not a live feed's answers 404. */
  async read(token: string): Promise<string> {
    const tenantId = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/i.exec(token)?.[1];
    if (!tenantId) throw noSuchFeed();
    return inTenantTransaction(this.db, tenantId, async (trx) => {
      const ownerId = await this.feeds.ownerOf(trx, hash(token));
      if (!ownerId) throw noSuchFeed();
      return renderFeed('Pipewright', await this.groups(trx, ownerId));
    });
  }

  private async groups(trx: Trx, ownerId: string) {
    const rows = await this.feeds.appointments(trx, ownerId, new Date(Date.now() - FEED_PAST_MS), FEED_LIMIT);
    const presented = await this.presenter.presentMany(trx, undefined, rows);
    const byUid = new Map<string, ReturnType<typeof snapshotOf>[]>();
    for (const a of presented) {
      const list = byUid.get(`${a.calendarId}/${a.uid}`) ?? [];
      list.push(snapshotOf(a, ''));
      byUid.set(`${a.calendarId}/${a.uid}`, list);
    }
    return [...byUid.values()].flatMap((list) => {
      const master = list.find((s) => s.recurrenceId === null);
      return master ? [{ master, overrides: list.filter((s) => s.recurrenceId !== null) }] : [];
    });
  }
}
