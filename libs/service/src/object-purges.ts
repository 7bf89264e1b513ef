import path from 'node:path';
import { Inject, Injectable, Module, type DynamicModule } from '@nestjs/common';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { MigrationSet } from '@crm/db-pg';
import type { ObjectStorage } from '@crm/storage';
import { PeriodicWorker } from './periodic-worker';
import { DATABASE } from './tokens';

/** The queue of `ObjectPurgesModule`, for a service that keeps objects in storage. */
export const OBJECT_PURGES_MIGRATIONS: MigrationSet = { scope: 'object-purges', dir: path.resolve(__dirname, '../migrations/object-purges') };

export interface ObjectPurgesDatabase {
  object_purges: { storage_key: string; enqueued_at: Date };
}

export const OBJECT_PURGES_OPTIONS = Symbol('OBJECT_PURGES_OPTIONS');
const OBJECT_PURGES_STORAGE = Symbol('OBJECT_PURGES_STORAGE');

export interface ObjectPurgesOptions {
  /** Provider token of the service's ObjectStorage. */
  storage: symbol;
  intervalMs: number;
}

const BATCH = 100;

/** Queues stored objects for removal inside the transaction that drops their metadata. */
@Injectable()
export class ObjectPurgeQueue {
  async enqueue<DB>(trx: Transaction<DB>, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await sql`insert into object_purges (storage_key) select unnest(${[...keys]}::text[]) on conflict do nothing`.execute(trx);
  }

  /** Keys to purge, locked so that replicas purging at once take different ones. */
  async claim(trx: Transaction<ObjectPurgesDatabase>, limit: number): Promise<string[]> {
    const rows = await trx.selectFrom('object_purges').select('storage_key').orderBy('enqueued_at').limit(limit).forUpdate().skipLocked().execute();
    return rows.map((r) => r.storage_key);
  }

  async forget(trx: Transaction<ObjectPurgesDatabase>, keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await trx.deleteFrom('object_purges').where('storage_key', 'in', [...keys]).execute();
  }
}

/**
 * Removes stored objects whose metadata was deleted or replaced. The change queues the key in its
 * own transaction, so bytes are removed exactly when their metadata is gone, also after a crash;
 * a key leaves the queue only once storage confirms the delete.
 */
@Injectable()
export class ObjectPurger extends PeriodicWorker {
  protected readonly intervalMs: number;

  constructor(
    @Inject(DATABASE) private readonly db: Kysely<ObjectPurgesDatabase>,
    private readonly queue: ObjectPurgeQueue,
    @Inject(OBJECT_PURGES_OPTIONS) options: ObjectPurgesOptions,
    @Inject(OBJECT_PURGES_STORAGE) private readonly storage: ObjectStorage,
  ) {
    super();
    this.intervalMs = options.intervalMs;
  }

  /** Purges until the queue is empty. */
  protected async runPass(): Promise<void> {
    for (;;) {
      const done = await this.db.transaction().execute(async (trx) => {
        const keys = await this.queue.claim(trx, BATCH);
        for (const key of keys) await this.storage.delete(key);
        await this.queue.forget(trx, keys);
        return keys.length;
      });
      if (done < BATCH) return;
    }
  }
}


/** The purge queue and its worker; the service provides its ObjectStorage under `options.storage`. */
@Module({})
export class ObjectPurgesModule {
  static register(options: ObjectPurgesOptions): DynamicModule {
    return {
      module: ObjectPurgesModule,
      global: true,
      providers: [
        { provide: OBJECT_PURGES_OPTIONS, useValue: options },
        { provide: OBJECT_PURGES_STORAGE, useExisting: options.storage },
        ObjectPurgeQueue,
        ObjectPurger,
      ],
      exports: [ObjectPurgeQueue, ObjectPurger],
    };
  }
}
