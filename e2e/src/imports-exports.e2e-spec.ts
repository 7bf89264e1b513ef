import { TOPICS } from '@crm/events';
import { crm } from '@crm/proto';
import { KafkaProbe } from '@crm/testing';
import { parseCsv, runImport, waitForJob } from '../support/data-jobs';
import { USERS, api, expectError } from '../support/http';

const ADMIN = USERS.acmeAdmin.username;
const U1 = USERS.acmeUser1.username;
const U3 = USERS.acmeUser3.username;


const leadsTagged = async (as: string, tag: string) => (await api('GET', `/v2/leads?tags=${tag}&per_page=100&sort_by=last_name`, { as })).body.items.map((i: any) => i.data);

describe('imports and exports', () => {
  const tag = `I${Date.now()}`;
  let field: any;

  beforeAll(async () => {
    field = (await api('POST', '/v2/lead/custom_fields', { as: ADMIN, body: { data: { name: `${tag} Seats`, type: 'number' } } })).body.data;
  });

  it('imports leads from CSV with a column mapping, per-row errors, de-duplication and a finished event', async () => {
    await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${tag}-Existing`, email: `Existing-${tag}@Example.com`, tags: [tag] } } });
    const probe = new KafkaProbe([TOPICS.leadsDataJob, TOPICS.leadsLead]);
    await probe.start();
    const csv = [
      'Surname,Given name,E-mail,Town,Seats,Labels,Ignored',
      `${tag}-Ann,Ann,ann-${tag}@example.com,Oslo,12,${tag},x`,
      `"${tag}-Bø, Jr.",Bø,bo-${tag}@example.com,Bergen,,${tag},x`,
      `${tag}-Bad,Bad,not-an-email,Oslo,1,${tag},x`,
      `${tag}-Short,Short`,
      `${tag}-Dup,Dup, existing-${tag}@example.com ,Oslo,3,${tag},x`,
      `${tag}-Seats,Seats,seats-${tag}@example.com,Oslo,many,${tag},x`,
      `${tag}-Ann2,Ann,ANN-${tag}@example.com,Oslo,1,${tag},x`,
    ].join('\r\n');
    const job = await runImport(U1, {
      resource_type: 'lead',
      column_mapping: { Surname: 'last_name', 'Given name': 'first_name', 'E-mail': 'email', Town: 'address.city', Seats: `custom_fields.${field.name}`, Labels: 'tags' },
      dedupe_on: 'email',
      on_duplicate: 'skip',
    }, csv);
    expect(job).toMatchObject({ status: 'succeeded', total_rows: 7, processed_rows: 7, created_count: 2, updated_count: 0, skipped_count: 2, failed_count: 3, owner_id: USERS.acmeUser1.id });

    const leads = await leadsTagged(U1, tag);
    expect(leads.map((l: any) => l.last_name)).toEqual([`${tag}-Ann`, `${tag}-Bø, Jr.`, `${tag}-Existing`]);
    expect(leads[0]).toMatchObject({ first_name: 'Ann', email: `ann-${tag}@example.com`, address: { city: 'Oslo' }, custom_fields: { [field.name]: '12' }, status: 'new', owner_id: USERS.acmeUser1.id });

    const errors = (await api('GET', `/v2/imports/${job.id}/errors`, { as: U1 })).body.items.map((i: any) => i.data);
    expect(errors.map((e: any) => [e.row_number, e.errors.map((x: any) => `${x.field}:${x.code}`).join(' ')])).toEqual([
      [3, 'email:incorrect_value'],
      [4, 'row:incorrect_value'],
      [6, `custom_fields.${field.name}:incorrect_value`],
    ]);

    // Each created row has its created event, as a lead created through the API has.
    const createdIds = leads.filter((l: any) => l.last_name !== `${tag}-Existing`).map((l: any) => String(l.id));
    const created = await probe.waitFor((r) => r.topic === TOPICS.leadsLead && r.headers.ce_type === 'com.pipewright.crm.leads.lead.created.v1' && createdIds.includes(r.key ?? ''), 2);
    expect(created.map((r) => crm.leads.v1.LeadCreated.decode(r.value!).lead?.lastName).sort()).toEqual([`${tag}-Ann`, `${tag}-Bø, Jr.`]);
    const events = await probe.waitFor((r) => r.topic === TOPICS.leadsDataJob && r.key === String(job.id), 2);
    expect(events.map((e) => e.headers.ce_type)).toEqual(['com.pipewright.crm.leads.import.progressed.v1', 'com.pipewright.crm.leads.import.finished.v1']);
    expect(crm.leads.v1.ImportProgressed.decode(events[0]!.value!).job).toMatchObject({ status: 'running', processedRows: 7, totalRows: 7 });
    const payload = crm.leads.v1.ImportFinished.decode(events[1]!.value!);
    expect(payload.job).toMatchObject({ status: 'succeeded', createdCount: 2, failedCount: 3, creatorId: String(USERS.acmeUser1.id) });
    await probe.stop();

    // Updating on a match changes the existing record. A match the importer cannot see is no match:
    // the row creates a record, as an unknown e-mail does, and the hidden record is untouched.
    await api('POST', '/v2/leads', { as: U3, body: { data: { last_name: `${tag}-Hidden`, email: `hidden-${tag}@example.com`, tags: [`${tag}-u3`] } } });
    await api('POST', '/v2/leads', { as: U3, body: { data: { last_name: `${tag}-Hidden2`, email: `hidden2-${tag}@example.com`, tags: [`${tag}-u3`] } } });
    const update = await runImport(U1, { resource_type: 'lead', dedupe_on: 'email', on_duplicate: 'update' },
      `email,last_name,title,tags\nann-${tag}@example.com,${tag}-Ann,CEO,${tag}\nhidden-${tag}@example.com,${tag}-Mine,CFO,\nnobody-${tag}@example.com,${tag}-New,CTO,${tag}-n\nNobody-${tag}@example.com,${tag}-New,COO,${tag}-n\n`);
    // The fourth row matches the record the third created in the same batch, and updates it.
    expect(update).toMatchObject({ status: 'succeeded', created_count: 2, updated_count: 2, failed_count: 0 });
    expect((await leadsTagged(U1, tag))[0]).toMatchObject({ last_name: `${tag}-Ann`, title: 'CEO' });
    expect((await leadsTagged(U1, `${tag}-n`)).map((l: any) => [l.email, l.title])).toEqual([[`Nobody-${tag}@example.com`, 'COO']]);
    const skip = await runImport(U1, { resource_type: 'lead', dedupe_on: 'email', on_duplicate: 'skip' },
      `email,last_name\nhidden2-${tag}@example.com,${tag}-Mine2\nnobody2-${tag}@example.com,${tag}-New2\n`);
    expect(skip).toMatchObject({ status: 'succeeded', created_count: 2, skipped_count: 0, failed_count: 0 });
    expect((await leadsTagged(U3, `${tag}-u3`)).map((l: any) => [l.last_name, l.title]).sort()).toEqual([[`${tag}-Hidden`, null], [`${tag}-Hidden2`, null]]);

    // By phone, the digits decide: "+47 22 33 44 55" matches "4722334455".
    await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${tag}-Phone`, phone: '+47 22 33 44 55', tags: [`${tag}-p`] } } });
    const byPhone = await runImport(U1, { resource_type: 'lead', dedupe_on: 'phone', on_duplicate: 'update' }, `last_name,phone,title\n${tag}-Phone,4722334455,CTO\n${tag}-Other,4799999999,\n`);
    expect(byPhone).toMatchObject({ status: 'succeeded', created_count: 1, updated_count: 1 });
    expect((await leadsTagged(U1, `${tag}-p`)).map((l: any) => [l.last_name, l.title])).toEqual([[`${tag}-Phone`, 'CTO']]);
  });

  it('fails a malformed file cleanly, without writing a row', async () => {
    const job = await runImport(U1, { resource_type: 'lead' }, `last_name,tags\n${tag}-M1,${tag}-m\n"${tag}-M2,${tag}-m\n${tag}-M3,${tag}-m\n`);
    expect(job.status).toBe('failed');
    expect(job.error_message).toMatch(/not valid CSV/);
    expect(job.created_count).toBe(0);
    expect(await leadsTagged(U1, `${tag}-m`)).toEqual([]);
  });

  it('checks settings, uploads and access', async () => {
    expectError(await api('POST', '/v2/imports', { as: U1, body: { data: { resource_type: 'lead', column_mapping: { A: 'planet' } } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/imports', { as: U1, body: { data: { resource_type: 'deal' } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/imports', { as: U1, body: { data: { resource_type: 'lead', owner_id: USERS.acmeUser2.id } } }), 403, 'forbidden');
    const created = (await api('POST', '/v2/imports', { as: U1, body: { data: { resource_type: 'contact' } } })).body.data;
    expect(created).toMatchObject({ status: 'awaiting_file', resource_type: 'contact', dedupe_on: 'none', on_duplicate: 'skip' });
    expect(created.upload_url).toMatch(new RegExp(`/v2/imports/${created.id}/file$`));
    expectError(await api('GET', `/v2/imports/${created.id}`, { as: U3 }), 404, 'not_found');
    expectError(await api('PUT', `/v2/imports/${created.id}/file`, { as: U3, rawBody: 'last_name\nX\n', headers: { 'content-type': 'text/csv' } }), 404, 'not_found');
    expectError(await api('PUT', `/v2/imports/${created.id}/file`, { as: U1, rawBody: 'x'.repeat(2 * 1024 * 1024 + 1), headers: { 'content-type': 'text/csv' } }), 413, 'payload_too_large');
    expectError(await api('PUT', `/v2/imports/${created.id}/file`, { as: U1, rawBody: '', headers: { 'content-type': 'text/csv' } }), 422, 'blank');
    expect((await api('GET', `/v2/imports/${created.id}`, { as: ADMIN })).body.data.status).toBe('awaiting_file');
    const ok = await api('PUT', `/v2/imports/${created.id}/file`, { as: U1, rawBody: `last_name,is_organization\n${tag}-Org,false\n`, headers: { 'content-type': 'text/csv' } });
    expect(ok.body.data.status).toBe('queued');
    expectError(await api('PUT', `/v2/imports/${created.id}/file`, { as: U1, rawBody: 'last_name\nX\n', headers: { 'content-type': 'text/csv' } }), 409, 'conflict');
    expect(await waitForJob(U1, 'imports', created.id)).toMatchObject({ status: 'succeeded', created_count: 1 });
    const contacts = await waitForJob(U1, 'exports', (await api('POST', '/v2/exports', { as: U1, body: { data: { resource_type: 'contact', query: `last_name=${tag}-Org` } } })).body.data.id);
    expect(contacts).toMatchObject({ status: 'succeeded', total_rows: 1 });
    const contactRows = parseCsv((await api<Buffer>('GET', `/v2/exports/${contacts.id}/file`, { as: U1 })).body.toString('utf8'));
    expect(contactRows[1]![contactRows[0]!.indexOf('is_organization')]).toBe('false');
    expect(contactRows[1]![contactRows[0]!.indexOf('last_name')]).toBe(`${tag}-Org`);
    expect((await api('GET', '/v2/imports', { as: U1 })).body.items.map((i: any) => i.data.id)).toContain(created.id);
    expect((await api('GET', '/v2/imports', { as: U3 })).body.items.map((i: any) => i.data.id)).not.toContain(created.id);
    expectError(await api('GET', `/v2/exports/${created.id}`, { as: U1 }), 404, 'not_found');
  });

  it('exports any filtered list as CSV within visibility, and the file imports back', async () => {
    const created = await api('POST', '/v2/exports', { as: U1, body: { data: { resource_type: 'lead', query: `tags=${tag}&sort_by=last_name:desc` } } });
    expect(created.status).toBe(201);
    const job = await waitForJob(U1, 'exports', created.body.data.id);
    expect(job).toMatchObject({ status: 'succeeded', total_rows: 3 });
    const file = await api<Buffer>('GET', `/v2/exports/${job.id}/file`, { as: U1 });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(file.body.toString('utf8'));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(rows.slice(1).map((r) => r[col('last_name')])).toEqual([`${tag}-Existing`, `${tag}-Bø, Jr.`, `${tag}-Ann`]);
    expect(rows[3]![col(`custom_fields.${field.name}`)]).toBe('12');
    expect(rows[3]![col('address.city')]).toBe('Oslo');
    expect(file.body.length).toBe(job.file_size);

    // Another user sees only their own records in an export of the same list.
    const theirs = await waitForJob(U3, 'exports', (await api('POST', '/v2/exports', { as: U3, body: { data: { resource_type: 'lead', query: `tags=${tag}` } } })).body.data.id);
    expect(theirs.total_rows).toBe(0);
    expectError(await api('GET', `/v2/exports/${job.id}/file`, { as: U3 }), 404, 'not_found');
    expectError(await api('POST', '/v2/exports', { as: U1, body: { data: { resource_type: 'lead', query: 'colour=red' } } }), 400, 'invalid_param');
    expectError(await api('POST', '/v2/exports', { as: U1, body: { data: { resource_type: 'lead', query: 'page=2' } } }), 400, 'invalid_param');

    // The export's columns are record paths: imported back (with a new tag) it recreates the leads.
    const back = rows.map((r, i) => (i === 0 ? r : r.map((v, c) => (header[c] === 'tags' ? `${tag}-again` : v))));
    const csv = back.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\n');
    const again = await runImport(U1, { resource_type: 'lead' }, csv);
    expect(again).toMatchObject({ status: 'succeeded', created_count: 3, failed_count: 0 });
    const recreated = await leadsTagged(U1, `${tag}-again`);
    expect(recreated.map((l: any) => [l.last_name, l.address.city, l.custom_fields[field.name] ?? null])).toEqual([
      [`${tag}-Ann`, 'Oslo', '12'],
      [`${tag}-Bø, Jr.`, 'Bergen', null],
      [`${tag}-Existing`, null, null],
    ]);
  });
});
