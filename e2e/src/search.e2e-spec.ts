import { api, USERS } from '../support/http';

describe('/v2/search', () => {
  const tag = `zq${Date.now().toString(36)}`;

  it('finds leads and contacts by prefix, substring and a typo, within visibility', async () => {
    const U1 = USERS.acmeUser1.username;
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { first_name: 'Marguerite', last_name: `${tag}Duras`, organization_name: 'Gallimard', email: `m.${tag}@gallimard.example` } } })).body.data;
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { first_name: 'Albert', last_name: `${tag}Camus`, phone: '+33 1 555 0199' } } })).body.data;
    await api('POST', '/v2/leads', { as: USERS.acmeUser3.username, body: { data: { last_name: `${tag}Hidden` } } });

    const hits = async (as: string, q: string, extra = '') => (await api('GET', `/v2/search?q=${encodeURIComponent(q)}${extra}`, { as })).body.items.map((i: any) => `${i.data.resource_type}:${i.data.id}`);
    expect(await hits(U1, tag)).toEqual(expect.arrayContaining([`lead:${lead.id}`, `contact:${contact.id}`]));
    expect(await hits(U1, tag)).toHaveLength(2);
    // The best match comes first; fuzzy matching may add weaker hits after it.
    expect((await hits(U1, `${tag}dur`))[0]).toBe(`lead:${lead.id}`);
    expect((await hits(U1, `${tag}camsu`))[0]).toBe(`contact:${contact.id}`);
    expect((await hits(U1, 'gallim'))).toContain(`lead:${lead.id}`);
    expect((await hits(U1, '+33 1 555 01'))[0]).toBe(`contact:${contact.id}`);
    expect((await hits(U1, `marguerite ${tag}d`))[0]).toBe(`lead:${lead.id}`);
    expect(await hits(U1, tag, '&types=contact')).toEqual([`contact:${contact.id}`]);
    expect(await hits(U1, `${tag}hidden`)).toEqual([]);
    expect(await hits(USERS.acmeAdmin.username, `${tag}hidden`)).toHaveLength(1);
    expect(await hits('globex-admin', tag)).toEqual([]);

    const first = (await api('GET', `/v2/search?q=${tag}duras`, { as: U1 })).body.items[0].data;
    expect(first).toMatchObject({ resource_type: 'lead', name: `Marguerite ${tag}Duras`, organization_name: 'Gallimard', email: `m.${tag}@gallimard.example` });
    expect((await api('GET', '/v2/search', { as: U1 })).status).toBe(400);
    expect((await api('GET', `/v2/search?q=x&types=deal`, { as: U1 })).status).toBe(400);
  });
});
