import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const LOG_DIR = path.join(ROOT, '.local-stack', 'logs');

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs a built service (dist/services/<name>/src/main.js) with the given environment. */
export function startService(name: string, service: string, env: Record<string, string>, args: string[] = []): ServiceProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(path.join(LOG_DIR, `e2e-${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, 'dist/services', service, 'src/main.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return {
    name,
    child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export interface SupervisedProcess extends ServiceProcess {
  /** The pid of the service's current run (it changes on every restart). */
  servicePid(): number;
}

/**
 * Runs a built service under deploy/local/supervise.sh, as scripts/start.sh does, so a test can kill
 * the service and watch the supervisor bring it back. The back-off starts at one second.
 */
export function startSupervisedService(name: string, service: string, env: Record<string, string>): SupervisedProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `e2e-${name}.log`);
  const pidFile = path.join(LOG_DIR, `e2e-${name}.pid`);
  rmSync(pidFile, { force: true });
  writeFileSync(logFile, '');
  const child = spawn('bash', [path.join(ROOT, 'deploy/local/supervise.sh'), name, logFile, process.execPath, '--enable-source-maps', path.join(ROOT, 'dist/services', service, 'src/main.js')], {
    env: { PATH: process.env.PATH ?? '', KAFKAJS_NO_PARTITIONER_WARNING: '1', SUPERVISE_PID_FILE: pidFile, SUPERVISE_MIN_DELAY_S: '1', ...env },
    stdio: 'ignore',
  });
  return {
    name,
    child,
    servicePid: () => Number(readFileSync(pidFile, 'utf8').trim()),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a service command to completion (e.g. `migrate`) and fails on a non-zero exit. */
export async function runServiceCommand(service: string, env: Record<string, string>, args: string[]): Promise<void> {
  const p = startService(`${service}-${args.join('-')}`, service, env, args);
  const code = await new Promise<number | null>((resolve) => p.child.once('exit', resolve));
  if (code !== 0) throw new Error(`${service} ${args.join(' ')} exited with ${code}; see ${LOG_DIR}`);
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become ready in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
