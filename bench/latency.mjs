// Commit-to-consumer latency of lead.created events, next to Kafka's own end-to-end latency tool
// (its output file, written by latency.sh). Usage: node bench/latency.mjs <gateway url> <brokers> <keycloak url> <kafka tool output>
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { api as gatewayCall, pct, token } from './lib.mjs';

const [gateway, brokers, keycloak, kafkaToolOutput] = process.argv.slice(2);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const TOPIC = 'crm.leads.lead.v1';
const log = (m) => console.error(`[latency] ${m}`);

const received = new Map(); // lead id -> time its event arrived
const kafka = new Kafka({ clientId: 'bench-latency', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId: `bench-latency-${randomUUID()}`, maxWaitTimeInMs: 100 });
await consumer.connect();
await consumer.subscribe({ topic: TOPIC, fromBeginning: false });
let joined;
const ready = new Promise((r) => (joined = r));
consumer.on(consumer.events.GROUP_JOIN, () => joined());
await consumer.run({ eachMessage: async ({ message }) => void received.set(message.key.toString(), performance.now()) });
await ready;
// The group has its partitions; let the first fetches settle before timing.
await new Promise((r) => setTimeout(r, 2000));

const tok = await token(keycloak, 'acme-user1');
const sent = [];
log(`creating ${EVENTS} leads one at a time`);
for (let i = 0; i < EVENTS; i++) {
  const start = performance.now();
  const lead = (await gatewayCall(gateway, tok, 'POST', '/v2/leads', { data: { last_name: `Latency${i}` } })).data;
  sent.push({ id: String(lead.id), start, answered: performance.now() });
  await new Promise((r) => setTimeout(r, 20));
}
const deadline = Date.now() + 30_000;
while (sent.some((s) => !received.has(s.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
await consumer.disconnect();

const missing = sent.filter((s) => !received.has(s.id)).length;
const fromAnswer = sent.filter((s) => received.has(s.id)).map((s) => received.get(s.id) - s.answered);
const fromRequest = sent.filter((s) => received.has(s.id)).map((s) => received.get(s.id) - s.start);
const tool = readFileSync(kafkaToolOutput, 'utf8');
const avg = Number(/Avg latency: ([\d.]+) ms/.exec(tool)?.[1]);
const percentiles = /Percentiles: 50th = (\d+), 99th = (\d+), 99\.9th = (\d+)/.exec(tool);
const kafkaP50 = Number(percentiles?.[1]);
const kafkaP99 = Number(percentiles?.[2]);

const row = (name, p50, p99) => console.log(`${name.padEnd(64)}${p50.toFixed(1).padStart(9)}${p99.toFixed(1).padStart(9)}`);
console.log(`\ncommit to consumer: ${EVENTS} leads created one at a time (20 ms apart) through the gateway; ${missing} events missing\n`);
console.log(`${'measurement'.padEnd(64)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
row('lead.created received, from the API answer (after the commit)', pct(fromAnswer, 50), pct(fromAnswer, 99));
row('lead.created received, from the API request (before the commit)', pct(fromRequest, 50), pct(fromRequest, 99));
row(`Kafka EndToEndLatency, acks=all, 512 B (avg ${avg.toFixed(1)} ms)`, kafkaP50, kafkaP99);
console.log(`\np99 ratio, from the answer: ${(pct(fromAnswer, 99) / kafkaP99).toFixed(2)}x Kafka's own (target at most 3x)`);
