import { accessToken } from '@crm/testing';
import { E2E, gatewayEnv } from '../support/e2e-env';
import { startService, waitForHttp, type ServiceProcess } from '../support/service-process';

describe('rate limit', () => {
  let gateway: ServiceProcess;
  const url = `http://127.0.0.1:${E2E.rateLimitedGateway}`;

  beforeAll(async () => {
    gateway = startService('gateway-rate-limited', 'gateway', gatewayEnv({ HTTP_PORT: String(E2E.rateLimitedGateway), RATE_LIMIT_PER_SECOND: '0.2', RATE_LIMIT_BURST: '3', METRICS_PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: '' }));
    await waitForHttp(`${url}/readyz`);
  });
  afterAll(() => gateway?.stop());

  it('answers 429 in the Sell shape with Retry-After once a token has spent its burst, per token', async () => {
    const get = async (user: string) => fetch(`${url}/v2/leads?per_page=1`, { headers: { authorization: `Bearer ${await accessToken(user)}` } });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await get('acme-user2');
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else expect(res.headers.get('x-ratelimit-limit')).toBe('3');
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await limited!.json()) as { errors: { error: { code: string } }[]; meta: { http_status: string; logref: string } };
    expect(body.errors.map((e) => e.error.code)).toEqual(['rate_limit_exceeded']);
    expect(body.meta).toMatchObject({ http_status: '429 Too Many Requests', logref: limited!.headers.get('x-request-id') });
    // Another user's token has its own bucket.
    expect((await get('acme-user3')).status).toBe(200);
  });
});
