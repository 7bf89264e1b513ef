import { metrics } from '@opentelemetry/api';
import type { Logger } from './logger';

const meter = metrics.getMeter('@crm/observability');
const unhandledRejections = meter.createCounter('crm_unhandled_rejections_total', {
  description: 'Promise rejections that nothing handled; each is logged with its stack and the process keeps serving.',
});

export interface ProcessGuardOptions {
  /** Closes the application (stops taking work, drains, releases connections). */
  shutdown: () => Promise<void>;
  /** How long a fatal shutdown may take before the process exits anyway. */
  shutdownTimeoutMs?: number;
  /** Ends the process; replaced in tests. */
  exit?: (code: number) => void;
}

/**
 * Keeps one stray failure from ending a serving process, and ends it cleanly when it must end.
 *
 * A rejected promise that nothing handled belongs to one piece of work that has already failed;
 * Node's default (crash) would take every other caller down with it, so it is logged and counted
 * instead. An uncaught exception leaves the process in an unknown state: it is logged as fatal,
 * the application is closed within a bound, and the process exits with 1 so that its supervisor
 * (Kubernetes, `scripts/start.sh`) starts a fresh one.
 */
export function guardProcess(logger: Logger, options: ProcessGuardOptions): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let ending = false;
  const onRejection = (reason: unknown) => {
    unhandledRejections.add(1);
    logger.error({ err: reason }, 'unhandled promise rejection; the process keeps serving');
  };
  const onException = (error: unknown) => {
    logger.fatal({ err: error }, 'uncaught exception; closing and exiting so the supervisor restarts the process');
    if (ending) return;
    ending = true;
    const timer = setTimeout(() => exit(1), options.shutdownTimeoutMs ?? 10_000);
    timer.unref();
    options
      .shutdown()
      .catch((err: unknown) => logger.error({ err }, 'shutdown after a fatal error failed'))
      .finally(() => {
        clearTimeout(timer);
        exit(1);
      });
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
