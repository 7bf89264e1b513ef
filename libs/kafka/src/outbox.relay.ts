import { context, metrics, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { sql, type Kysely } from 'kysely';
import type { Producer } from 'kafkajs';

export interface OutboxRelayOptions {
  /** How often an idle relay looks for new rows. */
  pollIntervalMs: number;
  batchSize: number;
  /** Published rows older than this are deleted. */
  retentionMs: number;
  /** Distinguishes this service's relay lock from others sharing a database server. */
  lockKey: number;
  onError?: (error: unknown) => void;
}

interface OutboxRow {
  id: string;
  topic: string;
  partition_key: string;
  headers: Record<string, string>;
  payload: Buffer;
  trace_carrier: Record<string, string> | null;
}

const tracer = trace.getTracer('@crm/kafka');
const meter = metrics.getMeter('@crm/kafka');
const publishedCounter = meter.createCounter('crm.outbox.published', { description: 'Outbox events sent to Kafka' });
const failureCounter = meter.createCounter('crm.outbox.relay.failures', { description: 'Relay iterations that failed' });
const backlogGauge = meter.createObservableGauge('crm.outbox.backlog', { description: 'Outbox events committed and not yet published' });

/**
 * Polling publisher for the transactional outbox. One relay at a time holds the lock (replicas
 * wait), so each key's events leave in commit order. A crash after the send and before the
 * commit re-sends those rows: consumers de-duplicate on ce_source + ce_id.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastCleanup = 0;

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly producer: Producer,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    backlogGauge.addCallback(this.observeBacklog);
    this.loop = this.run();
  }

  /** Events committed and not yet published. */
  async backlog(): Promise<number> {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from outbox where published_at is null`.execute(this.db);
    return Number(rows[0]!.n);
  }

  private readonly observeBacklog = async (result: { observe(value: number): void }) => {
    result.observe(await this.backlog());
  };

  async stop(): Promise<void> {
    this.running = false;
    backlogGauge.removeCallback(this.observeBacklog);
    this.wake?.();
    await this.loop;
  }

  /** Publishes what is pending now; returns how many rows went out. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent < this.options.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.publishPending();
        await this.cleanup();
      } catch (e) {
        failureCounter.add(1);
        this.options.onError?.(e);
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.options.pollIntervalMs);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  private async publishBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${this.options.lockKey}) as locked`.execute(trx);
      if (!lock.rows[0]?.locked) return 0;
      const { rows } = await sql<OutboxRow>`
        select id, topic, partition_key, headers, payload, trace_carrier
        from outbox where published_at is null order by id limit ${this.options.batchSize}`.execute(trx);
      for (const row of rows) await this.send(row);
      if (rows.length > 0) {
        await sql`update outbox set published_at = now() where id = any(${rows.map((r) => r.id)}::bigint[])`.execute(trx);
        publishedCounter.add(rows.length);
      }
      return rows.length;
    });
  }

  private async send(row: OutboxRow): Promise<void> {
    const parent = row.trace_carrier ? propagation.extract(ROOT_CONTEXT, row.trace_carrier) : ROOT_CONTEXT;
    await context.with(parent, () =>
      tracer.startActiveSpan(`outbox relay ${row.topic}`, { kind: SpanKind.INTERNAL, attributes: { 'messaging.destination.name': row.topic } }, async (span) => {
        try {
          await this.producer.send({
            topic: row.topic,
            acks: -1,
            messages: [{ key: row.partition_key, value: row.payload, headers: { ...row.headers } }],
          });
        } finally {
          span.end();
        }
      }),
    );
  }

  private async cleanup(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    const cutoff = new Date(now - this.options.retentionMs);
    await sql`delete from outbox where published_at is not null and published_at < ${cutoff}`.execute(this.db);
  }
}

