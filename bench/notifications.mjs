// Event-to-inbox latency: task.assigned events sent at a steady rate straight to Kafka, each timed
// from its send to the notification's createdAt in the inbox (the same clock), next to a plain
// Kafka consumer's receipt of the same records. Then fan-out: deal.created events that a team
// subscription of FANOUT_USERS members matches, and the notifications stored per second.
// Usage: node bench/notifications.mjs <brokers> <mongo url> <db> <group>
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { pct } from './lib.mjs';

const [brokers, mongoUrl, dbName, group] = process.argv.slice(2);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const FANOUT_USERS = Number(process.env.BENCH_FANOUT_USERS ?? 1000);
const FANOUT_EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const TOPIC = 'crm.calendar.task.v1';
const log = (m) => console.error(`[notifications] ${m}`);
// The built platform libraries make the events exactly as the services do.
const require = createRequire(import.meta.url);
const { buildEvent, cloudEventHeaders } = require('../dist/libs/events/src/index.js');
const { crm } = require('../dist/libs/proto/src/index.js');

const kafka = new Kafka({ clientId: 'bench-notifications', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
const deadline = Date.now() + 60_000;
for (;;) {
  const { groups } = await admin.describeGroups([group]);
  if (groups[0]?.state === 'Stable') break;
  if (Date.now() > deadline) throw new Error(`the service's group ${group} did not join`);
  await new Promise((r) => setTimeout(r, 250));
}
await admin.disconnect();

// The baseline: a plain consumer of the same records.
const received = new Map();
const consumer = kafka.consumer({ groupId: `bench-notifications-raw-${randomUUID()}`, maxWaitTimeInMs: 100 });
await consumer.connect();
await consumer.subscribe({ topic: TOPIC, fromBeginning: false });
let joined;
const ready = new Promise((r) => (joined = r));
consumer.on(consumer.events.GROUP_JOIN, () => joined());
await consumer.run({ eachMessage: async ({ message }) => void received.set(message.headers.ce_id.toString(), Date.now()) });
await ready;
await new Promise((r) => setTimeout(r, 2000));

const tenantId = randomUUID();
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
const sent = new Map();
const total = RATE * SECONDS;
log(`sending ${total} task.assigned events at ${RATE}/s to ${TOPIC}`);
const started = Date.now();
for (let i = 0; i < total; i++) {
  const due = started + (i * 1000) / RATE;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const task = crm.calendar.v1.Task.fromPartial({ id: String(i + 1), ownerId: String(2 + (i % 200)), creatorId: '1', content: `Bench ${i + 1}` });
  const event = buildEvent({ kind: 'taskAssigned', tenantId, aggregateId: task.id, subject: `tenants/${tenantId}/tasks/${task.id}`, payload: { task, previousOwnerId: '1' }, actorId: '1' });
  sent.set(event.id, Date.now());
  await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: event.partitionKey, value: Buffer.from(event.data), headers: cloudEventHeaders(event) }] });
}
await producer.disconnect();

const mongo = await mongoose.createConnection(mongoUrl, { dbName, retryWrites: false }).asPromise();
const notifications = mongo.collection('notifications');
const until = Date.now() + 120_000;
let stored = 0;
while (Date.now() < until && (stored = await notifications.countDocuments({ tenantId })) < total) await new Promise((r) => setTimeout(r, 500));
const docs = await notifications.find({ tenantId }, { projection: { eventId: 1, createdAt: 1 } }).toArray();
await consumer.disconnect();
const fanout = await fanOut();
await mongo.close();

const inbox = docs.filter((d) => sent.has(d.eventId)).map((d) => d.createdAt.getTime() - sent.get(d.eventId));
const raw = [...sent].filter(([id]) => received.has(id)).map(([id, at]) => received.get(id) - at);
const row = (name, xs) => console.log(`${name.padEnd(56)}${String(xs.length).padStart(7)}${pct(xs, 50).toFixed(1).padStart(9)}${pct(xs, 99).toFixed(1).padStart(9)}`);
console.log(`\nevent to inbox: ${total} task.assigned events at ${RATE}/s for ${SECONDS} s to 200 users; ${total - stored} not in the inbox after 2 minutes\n`);
console.log(`${'measurement'.padEnd(56)}${'events'.padStart(7)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
row('event sent -> notification stored (notifications)', inbox);
row('event sent -> record received (plain kafkajs consumer)', raw);
console.log(`\np99 ratio: ${(pct(inbox, 99) / pct(raw, 99)).toFixed(2)}x the plain consumer's`);

console.log(`\nfan-out: ${FANOUT_EVENTS} deal.created events, each matched by a team subscription of ${FANOUT_USERS} members`);
console.log(`  ${fanout.stored} notifications stored in ${(fanout.ms / 1000).toFixed(1)} s: ${Math.round(fanout.stored / (fanout.ms / 1000))} notifications/s; first event fully told after ${(fanout.firstMs / 1000).toFixed(1)} s`);

/** A team of FANOUT_USERS admins with one team subscription on new deals, then FANOUT_EVENTS new deals. */
async function fanOut() {
  const tenant = randomUUID();
  const version = new Date();
  const users = Array.from({ length: FANOUT_USERS }, (_, i) => String(2 + i));
  await mongo.collection('directory_users').insertMany(users.map((userId) => ({
    _id: `${tenant}:${userId}`, tenantId: tenant, userId, name: `Member ${userId}`, email: `m${userId}@bench.example`, role: 'admin', status: 'active', reportsTo: null, teamId: '77', timezone: null, version,
  })));
  await mongo.collection('teams').insertOne({ _id: `${tenant}:77`, tenantId: tenant, teamId: '77', name: 'Bench', deleted: false, version });
  await mongo.collection('subscriptions').insertOne({
    _id: randomUUID(), tenantId: tenant, creatorId: '1', teamId: '77', name: 'Every new deal', resourceType: 'deal', filter: null,
    triggers: [{ type: 'record_created' }], triggerTypes: ['record_created'], channels: ['web'], enabled: true, createdAt: version, updatedAt: version,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  log(`fan-out: ${FANOUT_EVENTS} deal.created events to a team of ${FANOUT_USERS}`);
  const started = Date.now();
  const ids = [];
  for (let i = 0; i < FANOUT_EVENTS; i++) {
    const deal = crm.deals.v1.Deal.fromPartial({ id: String(i + 1), ownerId: '2', creatorId: '1', name: `Fan-out ${i + 1}`, updatedAt: new Date() });
    const event = buildEvent({ kind: 'dealCreated', tenantId: tenant, aggregateId: deal.id, subject: `tenants/${tenant}/deals/${deal.id}`, payload: { deal }, actorId: '1' });
    ids.push(event.id);
    await producer.send({ topic: 'crm.deals.deal.v1', acks: -1, messages: [{ key: event.partitionKey, value: Buffer.from(event.data), headers: cloudEventHeaders(event) }] });
  }
  await producer.disconnect();
  const expected = FANOUT_EVENTS * FANOUT_USERS;
  const stop = Date.now() + 600_000;
  let stored = 0;
  let firstMs;
  while (Date.now() < stop) {
    stored = await notifications.countDocuments({ tenantId: tenant });
    if (firstMs === undefined && (await notifications.countDocuments({ tenantId: tenant, eventId: ids[0] })) >= FANOUT_USERS) firstMs = Date.now() - started;
    if (stored >= expected) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const last = await notifications.find({ tenantId: tenant }).sort({ _id: -1 }).limit(1).toArray();
  return { stored, ms: (last[0]?.createdAt.getTime() ?? Date.now()) - started, firstMs: firstMs ?? NaN };
}
