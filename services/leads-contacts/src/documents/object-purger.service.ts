import { Inject, Injectable } from '@nestjs/common';
import { PeriodicWorker } from '@crm/service';
import type { ObjectStorage } from '@crm/storage';
import type { LeadsContactsConfig } from '../config/leads-contacts.config';
import { CONFIG, DATABASE, OBJECT_STORAGE } from '../leads-contacts.constants';
import { DocumentsRepository } from './documents.repository';
import type { Database } from '../database';

const BATCH = 100;

/**
 * Removes stored objects whose metadata was deleted. Deletions queue the key in the same
 * transaction, so bytes are removed exactly when their metadata is gone, also after a crash;
 * a key leaves the queue only once storage confirms the delete.
 */
@Injectable()
export class ObjectPurger extends PeriodicWorker {
  protected readonly intervalMs: number;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) config: LeadsContactsConfig,
    private readonly documents: DocumentsRepository,
  ) {
    super();
    this.intervalMs = config.documents.purgeIntervalMs;
  }

  /** Purges until the queue is empty. */
  protected async runPass(): Promise<void> {
    for (;;) {
      const done = await this.db.transaction().execute(async (trx) => {
        const keys = await this.documents.claimPurges(trx, BATCH);
        for (const key of keys) await this.storage.delete(key);
        await this.documents.forgetPurges(trx, keys);
        return keys.length;
      });
      if (done < BATCH) return;
    }
  }
}
