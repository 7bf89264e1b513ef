import { metrics, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
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
 * Publisher for the transactional outbox: it polls, and `notify()` (a committed write, told by
 * PostgreSQL) starts a pass at once. One relay at a time holds the lock (replicas
 * wait), so each key's events leave in commit order. A crash after the send and before the
 * commit re-sends those rows: consumers de-duplicate on ce_source + ce_id.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A wake-up asked for during a pass: the loop makes another pass instead of sleeping. */
  private wakeAsked = false;
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

  /** Asks for a pass now (an outbox write was committed) rather than at the next poll. */
  notify(): void {
    this.wakeAsked = true;
    this.wake?.();
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
      this.wakeAsked = false;
      try {
        await this.publishPending();
        await this.cleanup();
      } catch (e) {
        failureCounter.add(1);
        this.options.onError?.(e);
      }
      if (!this.running) break;
      if (this.wakeAsked) continue;
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
      if (rows.length > 0) await this.send(rows);
      if (rows.length > 0) {
        await sql`update outbox set published_at = now() where id = any(${rows.map((r) => r.id)}::bigint[])`.execute(trx);
        publishedCounter.add(rows.length);
      }
      return rows.length;
    });
  }

  /**
   * Sends a batch in one produce request per topic. Each record gets a PRODUCER span that
   * continues the trace of the change that wrote it, injected as the record's `traceparent`
   * (the kafkajs auto-instrumentation is off: it would give every record the relay's context).
   */
  private async send(rows: OutboxRow[]): Promise<void> {
    const spans = [];
    const byTopic = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const parent = row.trace_carrier ? propagation.extract(ROOT_CONTEXT, row.trace_carrier) : ROOT_CONTEXT;
      const span = tracer.startSpan(`${row.topic} publish`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': row.topic } }, parent);
      spans.push(span);
      const headers: Record<string, string> = { ...row.headers };
      propagation.inject(trace.setSpan(parent, span), headers);
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.partition_key, value: row.payload, headers });
      byTopic.set(row.topic, messages);
    }
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (e) {
      for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
      throw e;
    } finally {
      for (const span of spans) span.end();
    }
  }

  private async cleanup(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    const cutoff = new Date(now - this.options.retentionMs);
    await sql`delete from outbox where published_at is not null and published_at < ${cutoff}`.execute(this.db);
  }
}

