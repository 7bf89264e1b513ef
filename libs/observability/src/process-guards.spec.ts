import type { Logger } from './logger';
import { guardProcess } from './process-guards';

/** Emits an event the way Node does, past the typings' fixed overloads. */
const emit = (event: string, ...args: unknown[]) => (process.emit as (event: string, ...args: unknown[]) => boolean)(event, ...args);

function recordingLogger() {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (_obj: object, msg: string) => void lines.push({ level, msg });
  return { lines, logger: { error: at('error'), fatal: at('fatal'), info: at('info'), warn: at('warn') } as unknown as Logger };
}

describe('guardProcess', () => {
  it('logs an unhandled rejection and keeps the process', () => {
    const { lines, logger } = recordingLogger();
    const exit = jest.fn();
    const shutdown = jest.fn(async () => undefined);
    const release = guardProcess(logger, { shutdown, exit });
    try {
      emit('unhandledRejection', new Error('stray'), Promise.resolve());
    } finally {
      release();
    }
    expect(lines).toEqual([{ level: 'error', msg: expect.stringContaining('unhandled promise rejection') }]);
    expect(shutdown).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
  });

  it('closes the application once and exits with 1 on an uncaught exception', async () => {
    const { lines, logger } = recordingLogger();
    const exited = new Promise<number>((resolve) => {
      const shutdown = jest.fn(async () => undefined);
      const release = guardProcess(logger, { shutdown, exit: resolve });
      try {
        emit('uncaughtException', new Error('broken state'), 'uncaughtException');
        emit('uncaughtException', new Error('again'), 'uncaughtException');
      } finally {
        release();
      }
      expect(shutdown).toHaveBeenCalledTimes(1);
    });
    await expect(exited).resolves.toBe(1);
    expect(lines.filter((l) => l.level === 'fatal')).toHaveLength(2);
  });

  it('exits even when closing hangs', async () => {
    const { logger } = recordingLogger();
    const exited = new Promise<number>((resolve) => {
      const release = guardProcess(logger, { shutdown: () => new Promise<void>(() => undefined), exit: resolve, shutdownTimeoutMs: 20 });
      try {
        emit('uncaughtException', new Error('stuck'), 'uncaughtException');
      } finally {
        release();
      }
    });
    await expect(exited).resolves.toBe(1);
  });
});
