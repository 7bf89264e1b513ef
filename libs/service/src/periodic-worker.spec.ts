import type { Logger } from '@crm/observability';
import { PeriodicWorker } from './periodic-worker';

/** A worker whose passes end when the test says so. */
class ScriptedWorker extends PeriodicWorker {
  readonly passes: { release: () => void; fail: (e: Error) => void }[] = [];
  readonly errors: unknown[] = [];

  constructor(protected readonly intervalMs: number) {
    super();
    (this as unknown as { logger: Pick<Logger, 'error'> }).logger = { error: (fields: { err: unknown }) => void this.errors.push(fields.err) };
  }

  get signal(): AbortSignal {
    return this.stopping;
  }

  protected runPass(): Promise<void> {
    return new Promise((release, fail) => this.passes.push({ release: () => release(), fail }));
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe(PeriodicWorker.name, () => {
  afterEach(() => jest.useRealTimers());

  describe('runSoon', () => {
    it('never overlaps passes and runs once more after a pass during which work was asked for', async () => {
      const sut = new ScriptedWorker(0);
      sut.onApplicationBootstrap();
      sut.runSoon();
      sut.runSoon();
      expect(sut.passes).toHaveLength(1);
      sut.passes[0]!.release();
      await tick();
      expect(sut.passes).toHaveLength(2);
      sut.passes[1]!.release();
      await sut.idle();
      expect(sut.passes).toHaveLength(2);
    });

    it('passNow waits for a pass that starts after it was asked for, even while another pass runs', async () => {
      const sut = new ScriptedWorker(0);
      sut.onApplicationBootstrap();
      let done = false;
      const waiting = sut.passNow().then(() => (done = true));
      sut.passes[0]!.release();
      await tick();
      expect(done).toBe(false);
      expect(sut.passes).toHaveLength(2);
      sut.passes[1]!.release();
      await waiting;
      expect(done).toBe(true);
    });

    it('logs a failed pass and keeps running later ones', async () => {
      const sut = new ScriptedWorker(0);
      sut.onApplicationBootstrap();
      sut.passes[0]!.fail(new Error('storage down'));
      await sut.idle();
      expect(sut.errors).toEqual([new Error('storage down')]);
      sut.runSoon();
      expect(sut.passes).toHaveLength(2);
      sut.passes[1]!.release();
      await sut.idle();
    });
  });

  describe('onApplicationBootstrap', () => {
    it('runs nothing, on start or on demand, when configuration turns the worker off', () => {
      const sut = new (class extends ScriptedWorker {
        protected override readonly enabled = false;
      })(1_000);
      (sut as unknown as { logger: Pick<Logger, 'warn'> }).logger = { warn: () => undefined };
      sut.onApplicationBootstrap();
      sut.runSoon();
      expect(sut.passes).toHaveLength(0);
    });

    it('runs a pass at start and then every interval', async () => {
      jest.useFakeTimers();
      const sut = new ScriptedWorker(1_000);
      sut.onApplicationBootstrap();
      expect(sut.passes).toHaveLength(1);
      sut.passes[0]!.release();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(sut.passes).toHaveLength(2);
      sut.passes[1]!.release();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(sut.passes).toHaveLength(3);
      sut.passes[2]!.release();
      await sut.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(5_000);
      expect(sut.passes).toHaveLength(3);
    });
  });

  describe('onApplicationShutdown', () => {
    it('signals the pass in hand to stop, waits for it and starts no other', async () => {
      const sut = new ScriptedWorker(0);
      sut.onApplicationBootstrap();
      let stopped = false;
      const stopping = sut.onApplicationShutdown().then(() => (stopped = true));
      await tick();
      expect(stopped).toBe(false);
      expect(sut.signal.aborted).toBe(true);
      sut.runSoon();
      sut.passes[0]!.release();
      await stopping;
      expect(sut.passes).toHaveLength(1);
    });
  });
});
