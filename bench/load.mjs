// Fixed-concurrency HTTP load on 127.0.0.1 with autocannon; prints one JSON line per run.
import autocannon from 'autocannon';

const [url, method, connections, seconds, token] = process.argv.slice(2);
const body = method === 'POST' ? JSON.stringify({ data: { last_name: 'Bench', first_name: 'Load' } }) : undefined;
const result = await autocannon({
  url,
  method,
  connections: Number(connections),
  duration: Number(seconds),
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body,
});
const ok = result['2xx'];
console.log(JSON.stringify({
  url, method, connections: Number(connections), seconds: Number(seconds),
  requests: result.requests.total, ok, non2xx: result.non2xx, errors: result.errors,
  rps: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99,
}));
