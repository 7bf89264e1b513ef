import { Schema, type Connection, type Model } from 'mongoose';
import type { CloudEvent } from '@crm/events';
import type { EventLedger } from '@crm/kafka';
import { isDuplicateKeyError } from './mongo';

interface ProcessedEvent {
  _id: string;
  tenantId: string;
  processedAt: Date;
}

const processedEventSchema = new Schema<ProcessedEvent>({ _id: String, tenantId: { type: String, required: true }, processedAt: { type: Date, required: true } }, { versionKey: false });
processedEventSchema.index({ processedAt: 1 });

/** The processed-event ledger's model on a connection (for `ensureCollections` and retention). */
export function processedEventModel(connection: Connection): Model<ProcessedEvent> {
  return connection.models.ProcessedEvent ?? connection.model<ProcessedEvent>('ProcessedEvent', processedEventSchema, 'processed_events');
}

/**
 * A consumer group's ledger in MongoDB. Without multi-document transactions (FerretDB has none),
 * the record cannot commit with the handler's writes, so the contract is weaker than
 * PostgreSQL's and handlers must make up for it: each write is keyed by the event (a unique
 * index or an upsert), so running a handler again after a crash between its writes and this
 * record changes nothing. The record is written last and read first, and saves that re-run.
 */
export class MongoEventLedger implements EventLedger<void> {
  private readonly processed: Model<ProcessedEvent>;

  constructor(connection: Connection) {
    this.processed = processedEventModel(connection);
  }

  async applyOnce(groupId: string, event: CloudEvent, apply: () => Promise<void>): Promise<boolean> {
    const _id = `${groupId}|${event.source}|${event.id}`;
    if (await this.processed.exists({ _id })) return false;
    await apply();
    try {
      await this.processed.create({ _id, tenantId: event.tenantId, processedAt: new Date() });
    } catch (e) {
      // Another member applied it too after a rebalance; the handler's keyed writes made that harmless.
      if (!isDuplicateKeyError(e)) throw e;
    }
    return true;
  }

  /** Forgets records older than `before` (FerretDB has no TTL index); returns how many. */
  async prune(before: Date): Promise<number> {
    const result = await this.processed.deleteMany({ processedAt: { $lt: before } });
    return result.deletedCount;
  }
}
