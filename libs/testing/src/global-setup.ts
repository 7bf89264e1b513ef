import net from 'node:net';
import { stack } from './stack';

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 2000 });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });
}

/** Integration and e2e tests need the local stack; say which piece is missing instead of timing out. */
export default async function globalSetup(): Promise<void> {
  const [kHost, kPort] = stack.KAFKA_BROKERS[0]!.split(':');
  const kc = new URL(stack.KEYCLOAK_URL);
  const s3 = new URL(stack.S3_ENDPOINT);
  const checks: [string, string, number][] = [
    ['PostgreSQL', stack.PG_HOST, stack.PG_PORT],
    ['Kafka', kHost!, Number(kPort)],
    ['Keycloak', kc.hostname, Number(kc.port || 80)],
    ['FerretDB', '127.0.0.1', stack.FERRETDB_PORT],
    ['S3-compatible store', s3.hostname, Number(s3.port || 80)],
  ];
  const missing: string[] = [];
  for (const [name, host, port] of checks) if (!(await reachable(host, port))) missing.push(`${name} (${host}:${port})`);
  if (missing.length > 0) {
    throw new Error(`local stack is not running: ${missing.join(', ')} — start it with deploy/local/stack.sh up`);
  }
}
