import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { AppointmentPresenter } from '../appointments/appointment-presenter';
import { renderFeed } from '../caldav/ical-mapping';
import { DATABASE } from '../calendar-tasks.constants';
import type { Database, Trx } from '../database';
import { snapshotOf } from '../invitations/invitation-outbox';

export interface CalendarFeedsTable {
  tenant_id: string;
  owner_id: string;
  token_hash: Buffer;
  created_at: Date;
}

export interface CalendarFeedTables {
  calendar_feeds: CalendarFeedsTable;
}

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
  ) {}

  async get(principal: Principal): Promise<crm.calendar.v1.CalendarFeed> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await trx.selectFrom('calendar_feeds').select(['owner_id', 'created_at']).where('owner_id', '=', principal.userId).executeTakeFirst();
      if (!row) throw noSuchFeed();
      return { ownerId: row.owner_id, createdAt: row.created_at };
    });
  }

  async rotate(principal: Principal): Promise<{ feed: crm.calendar.v1.CalendarFeed; token: string }> {
    const token = `${principal.tenantId}.${randomBytes(32).toString('base64url')}`;
    const row = await inTenantTransaction(this.db, principal.tenantId, (trx) =>
      trx
        .insertInto('calendar_feeds')
        .values({ tenant_id: principal.tenantId, owner_id: principal.userId, token_hash: hash(token), created_at: new Date() })
        .onConflict((oc) => oc.columns(['tenant_id', 'owner_id']).doUpdateSet({ token_hash: hash(token), created_at: sql`now()` }))
        .returning(['owner_id', 'created_at'])
        .executeTakeFirstOrThrow(),
    );
    return { feed: { ownerId: row.owner_id, createdAt: row.created_at }, token };
  }

  async delete(principal: Principal): Promise<void> {
    const removed = await inTenantTransaction(this.db, principal.tenantId, (trx) => trx.deleteFrom('calendar_feeds').where('owner_id', '=', principal.userId).executeTakeFirst());
    if (Number(removed.numDeletedRows) === 0) throw noSuchFeed();
  }

  /** The feed of a token, as iCalendar; any token that is not a live feed's answers 404. */
  async read(token: string): Promise<string> {
    const tenantId = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/i.exec(token)?.[1];
    if (!tenantId) throw noSuchFeed();
    return inTenantTransaction(this.db, tenantId, async (trx) => {
      const feed = await trx.selectFrom('calendar_feeds').select('owner_id').where('token_hash', '=', hash(token)).executeTakeFirst();
      if (!feed) throw noSuchFeed();
      return renderFeed(`Pipewright`, await this.groups(trx, feed.owner_id));
    });
  }

  private async groups(trx: Trx, ownerId: string) {
    const since = new Date(Date.now() - FEED_PAST_MS);
    const rows = await trx
      .selectFrom('appointments')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('status', '=', 'confirmed')
      .where((eb) => eb.or([eb('ends_at', '>=', since), eb('rrule', 'is not', null), eb('series_id', 'is not', null)]))
      .orderBy('starts_at')
      .limit(FEED_LIMIT)
      .execute();
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
