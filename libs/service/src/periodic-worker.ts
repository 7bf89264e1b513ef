import { Inject, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import type { Logger } from '@crm/observability';
import { LOGGER } from './tokens';

const meter = metrics.getMeter('@crm/service');
const runCounter = meter.createCounter('crm.worker.runs', { description: 'Passes of periodic workers' });
const failureCounter = meter.createCounter('crm.worker.failures', { description: 'Passes of periodic workers that failed' });

/**
 * Work a service does on a timer (and on demand): a subclass says how often and what one pass
 * does. Passes never overlap, a failed pass is logged and counted and the next one runs on
 * time, and shutdown signals `stopping` and waits for the pass in hand.
 */
export abstract class PeriodicWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  @Inject(LOGGER) protected readonly logger!: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private readonly abort = new AbortController();

  /** Milliseconds between passes; 0 or less runs passes only on demand. */
  protected abstract readonly intervalMs: number;
  /** One pass. */
  protected abstract runPass(): Promise<void>;
  /** False when configuration turns the worker off: it then never runs. */
  protected readonly enabled: boolean = true;

  /** Aborted when the process shuts down: a long pass stops at its next safe point. */
  protected get stopping(): AbortSignal {
    return this.abort.signal;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) {
      this.logger.warn({ worker: this.constructor.name }, 'worker disabled by configuration');
      return;
    }
    if (this.intervalMs > 0) {
      this.timer = setInterval(() => this.runSoon(), this.intervalMs);
      this.timer.unref();
    }
    this.runSoon();
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    clearInterval(this.timer);
    await this.idle();
  }

  /** Starts a pass now, or right after the one running, so work queued during a pass is not left for the next tick. */
  runSoon(): void {
    if (this.abort.signal.aborted || !this.enabled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const worker = { worker: this.constructor.name };
    this.running = this.runPass()
      .then(() => runCounter.add(1, worker))
      .catch((err) => {
        failureCounter.add(1, worker);
        this.logger.error({ err, ...worker }, 'periodic pass failed');
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.runSoon();
        }
      });
  }

  /** Asks for a pass (joining one already asked for) and resolves when no pass is running any more. */
  async passNow(): Promise<void> {
    this.runSoon();
    await this.idle();
  }

  /** Resolves when no pass is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
