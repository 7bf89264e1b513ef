import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Logger } from '@crm/observability';
import type { ObjectStorage } from '@crm/storage';
import type { LeadsContactsConfig } from '../config/leads-contacts.config';
import { CONFIG, DATABASE, LOGGER, OBJECT_STORAGE } from '../leads-contacts.constants';
import { DocumentsRepository, type DocumentsDatabase } from './documents.repository';

const BATCH = 100;

/**
 * Removes stored objects whose metadata was deleted. Deletions queue the key in the same
 * transaction, so bytes are removed exactly when their metadata is gone, also after a crash;
 * a key leaves the queue only once storage confirms the delete.
 */
@Injectable()
export class ObjectPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(DATABASE) private readonly db: Kysely<DocumentsDatabase>,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: LeadsContactsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly documents: DocumentsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.purgeSoon(), this.config.documents.purgeIntervalMs);
    this.timer.unref();
    this.purgeSoon();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Starts a purge pass unless one is running. */
  purgeSoon(): void {
    if (this.running) return;
    this.running = this.purgeAll()
      .catch((err) => this.logger.error({ err }, 'object purge failed; the keys stay queued'))
      .finally(() => (this.running = undefined));
  }

  /** Purges until the queue is empty. */
  private async purgeAll(): Promise<void> {
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
