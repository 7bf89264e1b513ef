// Seeds a few demo leads for the acme tenant through the public API, once (skipped when leads exist).
const gateway = process.env.GATEWAY_URL;
const keycloak = process.env.KEYCLOAK_URL;

async function token(username) {
  const res = await fetch(`${keycloak}/realms/crm/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'crm-cli', username, password: 'pipewright' }),
  });
  if (!res.ok) throw new Error(`token for ${username}: ${res.status}`);
  return (await res.json()).access_token;
}

const admin = await token('acme-admin');
const existing = await (await fetch(`${gateway}/v2/leads?per_page=1`, { headers: { authorization: `Bearer ${admin}` } })).json();
if (existing.items?.length) {
  console.log('seed: demo data already present');
} else {
  const leads = [
    { first_name: 'Ada', last_name: 'Lovelace', organization_name: 'Analytical Engines', status: 'new', owner_id: 1003, email: 'ada@engines.example', tags: ['hot'] },
    { first_name: 'Grace', last_name: 'Hopper', organization_name: 'Compilers Inc', status: 'working', owner_id: 1004, address: { city: 'Arlington', country: 'US' } },
    { first_name: 'Alan', last_name: 'Turing', organization_name: 'Bletchley Labs', status: 'working', owner_id: 1005 },
    { organization_name: 'Initech', status: 'unqualified', owner_id: 1002, description: 'No budget this year' },
  ];
  for (const data of leads) {
    const res = await fetch(`${gateway}/v2/leads`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ data }) });
    if (!res.ok) throw new Error(`seed lead: ${res.status} ${await res.text()}`);
  }
  console.log(`seed: created ${leads.length} demo leads in tenant acme`);
}
