import { metrics, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { sql, type Kysely } from 'kysely';
import type { Producer } from 'kafkajs';

export interface OutboxRelayOptions {
  /** How often an idle relay looks for new rows. */
  pollIntervalMs: number;
  /** How long a pass waits after a notice, so that the commits of that while share it (default 0). */
  lingerMs?: number;
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
 * PostgreSQL) starts a pass after a short linger. One relay at a time holds the lock (replicas
 * wait), so each key's events leave in commit order. A crash after the send and before the
 * commit re-sends those rows: consumers de-duplicate on ce_source + ce_id.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A notice since the last pass began: the loop lingers, then passes, instead of polling. */
  private wakeAsked = false;
  private lingerTimer?: NodeJS.Timeout;
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
    clearTimeout(this.lingerTimer);
    this.wake?.();
    await this.loop;
  }

  /**
   * Asks for a pass (an outbox write was committed) after `lingerMs` rather than at the next poll:
   * the commits of that short while go out in one pass, as Kafka's producer lingers to batch.
   */
  notify(): void {
    this.wakeAsked = true;
    if (this.lingerTimer || !this.wake) return;
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      this.wake?.();
    }, this.options.lingerMs ?? 0);
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
      // A notice that came during the pass: linger, then pass again; otherwise poll or wait for one.
      const wait = this.wakeAsked ? (this.options.lingerMs ?? 0) : this.options.pollIntervalMs;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
      clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
    }
  }

  private async publishBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      // The lock and the rows in one statement: a relay without the lock reads none. The lock's
      // subquery holds a volatile call, so PostgreSQL runs it once, before the rows.
      const { rows } = await sql<OutboxRow>`
        select o.id, o.topic, o.partition_key, o.headers, o.payload, o.trace_carrier
        from (select pg_try_advisory_xact_lock(${this.options.lockKey}) as locked) l
        cross join lateral (select * from outbox where l.locked and published_at is null order by id limit ${this.options.batchSize}) o`.execute(trx);
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

