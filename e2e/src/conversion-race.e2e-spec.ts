import { accessToken } from '@crm/testing';
import { api, USERS } from '../support/http';

const U1 = USERS.acmeUser1;
const U2 = USERS.acmeUser2;
const TRIALS = 8;
const FLOOD = 4;
const run = `${Date.now()}`;

/**
 * acme-user2 cannot see acme-user1's leads. Whatever user2 sends while (or before) user1 converts
 * a lead with a deal, user1's conversion creates user1's deal, and user2 gets exactly what a lead
 * that does not exist would give.
 */
describe('a conversion with a deal raced by a user who cannot see the lead', () => {
  let t1: string;
  let t2: string;
  beforeAll(async () => {
    [t1, t2] = await Promise.all([accessToken(U1.username), accessToken(U2.username)]);
  });

  const convert = (token: string, leadId: number, deal: Record<string, unknown>) => api('POST', '/v2/lead_conversions', { token, body: { data: { lead_id: leadId, deal } } });
  const hijack = (leadId: number) => convert(t2, leadId, { name: `HIJACKED ${run}`, owner_id: U2.id });

  it.each(['user1 first', 'user2 first'])('leaves the deal to its owner in every trial (%s)', async (order) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const lead = (await api('POST', '/v2/leads', { token: t1, body: { data: { last_name: `Race ${run} ${order} ${trial}` } } })).body.data;
      const flood = () => Promise.all(Array.from({ length: FLOOD }, () => hijack(lead.id)));
      const [legit, attacks] =
        order === 'user1 first'
          ? await Promise.all([convert(t1, lead.id, { name: `legit ${run}` }), flood()])
          : await (async () => {
              const early = flood();
              const mine = await convert(t1, lead.id, { name: `legit ${run}` });
              return [mine, await early] as const;
            })();
      expect(legit.status).toBe(200);
      for (const a of attacks) expect([a.status, a.body.errors?.[0]?.error.code]).toEqual([404, 'not_found']);
      const deal = await api('GET', `/v2/deals/${legit.body.data.deal_id}`, { token: t1 });
      expect(deal.status).toBe(200);
      expect(deal.body.data).toMatchObject({ name: `legit ${run}`, owner_id: U1.id, creator_id: U1.id });
      expect((await api('GET', `/v2/deals/${legit.body.data.deal_id}`, { token: t2 })).status).toBe(404);
    }
  });

  it('answers an invisible converted lead exactly as a lead that does not exist', async () => {
    const lead = (await api('POST', '/v2/leads', { token: t1, body: { data: { last_name: `Converted ${run}` } } })).body.data;
    expect((await convert(t1, lead.id, { name: `mine ${run}` })).status).toBe(200);
    const invisible = await hijack(lead.id);
    const missing = await hijack(9_000_000_000_000);
    expect([invisible.status, invisible.body.errors[0].error.code, invisible.body.errors[0].error.details]).toEqual([missing.status, missing.body.errors[0].error.code, missing.body.errors[0].error.details]);
    expect(invisible.status).toBe(404);
  });
});
