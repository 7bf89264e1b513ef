import { randomBytes } from 'node:crypto';
import { KafkaProbe } from '@crm/testing';
import { TOPICS } from '@crm/events';
import { E2E } from '../support/e2e-env';
import { api, USERS } from '../support/http';
import type { ReceivedSpan } from '../support/otlp-receiver';

describe('tracing', () => {
  it('follows one user action through the gateway, gRPC, the database and the Kafka publish in one trace', async () => {
    const probe = new KafkaProbe([TOPICS.leadsLead]);
    await probe.start();
    const traceId = randomBytes(16).toString('hex');
    const res = await api('POST', '/v2/leads', {
      as: USERS.acmeUser2.username,
      body: { data: { last_name: 'Traced' } },
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(res.status).toBe(200);
    const [record] = await probe.waitFor((r) => r.key === String(res.body.data.id));
    await probe.stop();
    expect(record!.headers.traceparent).toContain(traceId);

    let spans: ReceivedSpan[] = [];
    const deadline = Date.now() + 20_000;
    const want = (s: ReceivedSpan[]) =>
      s.some((x) => x.service === 'gateway' && x.kind === 2) &&
      s.some((x) => x.service === 'gateway' && x.kind === 3 && /LeadsService/.test(x.name)) &&
      s.some((x) => x.service === 'leads-contacts' && x.kind === 2 && /LeadsService/.test(x.name)) &&
      s.some((x) => x.service === 'leads-contacts' && x.kind === 3 && /insert|pg/i.test(x.name)) &&
      s.some((x) => x.service === 'leads-contacts' && x.kind === 4);
    while (Date.now() < deadline) {
      const all = (await (await fetch(`${E2E.otlpUrl}/spans`)).json()) as ReceivedSpan[];
      spans = all.filter((s) => s.traceId === traceId);
      if (want(spans)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    // SERVER = 2, CLIENT = 3, PRODUCER = 4
    expect(want(spans)).toBe(true);
    const services = new Set(spans.map((s) => s.service));
    // The directory joins the trace when the gateway asks it who the caller is (not when cached);
    // sync and notifications join when they consume the lead's event, only as consumers (CONSUMER = 5).
    const consumers = ['sync', 'notifications'];
    expect([...services].filter((s) => s !== 'directory' && !consumers.includes(s)).sort()).toEqual(['gateway', 'leads-contacts']);
    expect(spans.filter((s) => consumers.includes(s.service) && s.kind !== 5 && !s.parentSpanId)).toEqual([]);
  });
});
