import { Inject, Injectable } from '@nestjs/common';
import { PeriodicWorker } from '@crm/service';
import { CONFIG, DATABASE } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { Database } from '../database';
import { CaldavSync } from './caldav-sync.service';
import { CaldavRepository } from './caldav.repository';

/** Calendars synced per pass at most; the rest wait for the next. */
const PER_PASS = 50;

/**
 * Syncs connected CalDAV calendars on their schedule and on demand, at any number of replicas
 * without double work: each calendar due is leased (FOR UPDATE SKIP LOCKED) for the length of one
 * sync, then rescheduled. A replica that dies mid-sync leaves its calendar to another when the
 * lease ends; the sync itself is idempotent (ETags and sync tokens).
 */
@Injectable()
export class CaldavSyncWorker extends PeriodicWorker {
  protected readonly intervalMs: number;
  protected override readonly enabled: boolean;
  private readonly settings: CalendarTasksConfig['caldav'];

  constructor(
    @Inject(CONFIG) config: CalendarTasksConfig,
    @Inject(DATABASE) private readonly db: Database,
    private readonly caldav: CaldavRepository,
    private readonly sync: CaldavSync,
  ) {
    super();
    this.settings = config.caldav;
    this.intervalMs = config.caldav.pollMs;
    this.enabled = config.caldav.enabled;
  }

  protected async runPass(): Promise<void> {
    for (let i = 0; i < PER_PASS && !this.stopping.aborted; i++) {
      if (!(await this.syncNext())) return;
    }
    this.runSoon();
  }

  /** Syncs the most overdue calendar, if any; answers whether there was one. */
  async syncNext(): Promise<boolean> {
    // A lease outlives the slowest sync: every request has the deadline, and a sync makes a handful per chunk.
    const leaseMs = Math.max(60_000, this.settings.timeoutMs * 20);
    const leased = await this.db.transaction().execute((trx) => this.caldav.leaseDue(trx, leaseMs));
    if (!leased) return false;
    const startedAt = new Date();
    try {
      await this.sync.sync(leased.tenant_id, leased.calendar_id);
    } finally {
      await this.db.transaction().execute((trx) => this.caldav.release(trx, leased.calendar_id, new Date(Date.now() + this.settings.syncIntervalMs), startedAt));
    }
    return true;
  }
}
