import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { TOPICS } from '@crm/events';
import { KafkaProbe, stack, TENANTS } from '@crm/testing';
import { E2E } from '../support/e2e-env';
import { eventually } from '../support/eventually';
import { USERS, api, expectError } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U3 = USERS.acmeUser3.username;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')]);

const s3 = new S3Client({ endpoint: stack.S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e-secret' } });

/** Objects leads-contacts holds for the acme tenant's documents in the S3 store. */
async function storedObjects(): Promise<string[]> {
  const res = await s3.send(new ListObjectsV2Command({ Bucket: stack.S3_BUCKET, Prefix: `${E2E.s3Prefix}tenants/${TENANTS.acme}/documents/` }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

const upload = (as: string, query: string, body: Uint8Array, contentType: string) => api('POST', `/v2/documents?${query}`, { as, rawBody: body, headers: { 'content-type': contentType } });

describe('documents', () => {
  const tag = `D${Date.now()}`;

  it('attaches a file to a lead, lists and downloads it within visibility, and purges the bytes on delete', async () => {
    const probe = new KafkaProbe([TOPICS.leadsDocument]);
    await probe.start();
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${tag}-Doc` } } })).body.data;
    const before = await storedObjects();

    const created = await upload(U1, `resource_type=lead&resource_id=${lead.id}&name=${encodeURIComponent('Offer 2026 – Ørsted.pdf')}`, PDF, 'application/pdf');
    expect(created.status).toBe(201);
    const doc = created.body.data;
    expect(created.body).toMatchObject({
      meta: { type: 'document' },
      data: { resource_type: 'lead', resource_id: lead.id, name: 'Offer 2026 – Ørsted.pdf', content_type: 'application/pdf', size: PDF.length, creator_id: USERS.acmeUser1.id },
    });
    expect(doc.download_url).toBe(`${E2E.gatewayUrl}/v2/documents/${doc.id}/content`);
    expect((await storedObjects()).length).toBe(before.length + 1);

    const listed = await api('GET', `/v2/documents?resource_type=lead&resource_id=${lead.id}`, { as: U1 });
    expect(listed.body.items.map((i: any) => i.data.id)).toEqual([doc.id]);
    const file = await api<Buffer>('GET', `/v2/documents/${doc.id}/content`, { as: USERS.acmeManager.username });
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body, PDF)).toBe(0);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="Offer 2026 _ _rsted.pdf"; filename*=UTF-8''${encodeURIComponent('Offer 2026 – Ørsted.pdf')}`);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');

    // Others see nothing of it and cannot attach to the lead.
    expectError(await api('GET', `/v2/documents/${doc.id}`, { as: U3 }), 404, 'not_found');
    expectError(await api('GET', `/v2/documents/${doc.id}/content`, { as: U3 }), 404, 'not_found');
    expect((await api('GET', `/v2/documents?resource_type=lead&resource_id=${lead.id}`, { as: U3 })).body.items).toEqual([]);
    expectError(await api('GET', `/v2/documents/${doc.id}`, { as: USERS.globexAdmin.username }), 404, 'not_found');
    expectError(await upload(U3, `resource_type=lead&resource_id=${lead.id}&name=x.pdf`, PDF, 'application/pdf'), 422, 'incorrect_value');
    expectError(await api('DELETE', `/v2/documents/${doc.id}`, { as: U3 }), 404, 'not_found');

    expect((await api('DELETE', `/v2/documents/${doc.id}`, { as: U1 })).status).toBe(204);
    expectError(await api('GET', `/v2/documents/${doc.id}`, { as: U1 }), 404, 'not_found');
    expect((await eventually(storedObjects, (o) => o.length === before.length)).sort()).toEqual([...before].sort());

    const types = (await probe.waitFor((r) => r.key === String(doc.id), 2)).map((r) => r.headers.ce_type);
    expect(types).toEqual(['com.pipewright.crm.leads.document.created.v1', 'com.pipewright.crm.leads.document.deleted.v1']);
    await probe.stop();
  });

  it('refuses bad uploads with a clear error and stores nothing', async () => {
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: `${tag}-Bad` } } })).body.data;
    const before = await storedObjects();
    const on = `resource_type=contact&resource_id=${contact.id}`;

    const disguised = await upload(U1, `${on}&name=invoice.pdf`, EXE, 'application/pdf');
    expectError(disguised, 422, 'incorrect_value');
    expect(disguised.body.errors[0].error.details).toContain('content_type the content is not application/pdf');
    expectError(await upload(U1, `${on}&name=setup.exe`, EXE, 'application/x-msdownload'), 422, 'incorrect_value');
    expectError(await upload(U1, `${on}&name=notes.txt`, Buffer.from([0x68, 0x00, 0x69]), 'text/plain'), 422, 'incorrect_value');
    expectError(await upload(U1, `${on}&name=empty.pdf`, Buffer.alloc(0), 'application/pdf'), 422, 'blank');
    expectError(await upload(U1, `resource_type=deal&resource_id=${contact.id}&name=a.pdf`, PDF, 'application/pdf'), 422, 'incorrect_value');
    expectError(await upload(U1, `resource_type=contact&resource_id=999999999&name=a.pdf`, PDF, 'application/pdf'), 422, 'incorrect_value');
    expectError(await upload(U1, on, PDF, 'application/pdf'), 400, 'invalid_param');
    expectError(await upload(U1, `${on}&name=a.pdf&colour=red`, PDF, 'application/pdf'), 400, 'invalid_param');
    expectError(await upload(U1, `${on}&name=big.pdf`, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf'), 413, 'payload_too_large');
    expectError(await api('GET', '/v2/documents/abc', { as: U1 }), 404, 'not_found');
    expectError(await api('GET', '/v2/documents?sort_by=sha256', { as: U1 }), 400, 'invalid_param');
    // Other routes still take JSON only.
    expectError(await api('POST', '/v2/notes', { as: U1, rawBody: 'hello', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');

    expect((await api('GET', `/v2/documents?resource_type=contact&resource_id=${contact.id}`, { as: U1 })).body.items).toEqual([]);
    expect(await storedObjects()).toEqual(before);

    // A text file is accepted as text; deleting its contact removes it and its bytes.
    const csv = await upload(U1, `${on}&name=list.csv`, Buffer.from('name,email\nÅsa,asa@example.com\n'), 'text/csv; charset=utf-8');
    expect(csv.body.data).toMatchObject({ content_type: 'text/csv', size: 32 });
    expect((await storedObjects()).length).toBe(before.length + 1);
    expect((await api('DELETE', `/v2/contacts/${contact.id}`, { as: U1 })).status).toBe(204);
    expectError(await api('GET', `/v2/documents/${csv.body.data.id}`, { as: U1 }), 404, 'not_found');
    expect(await eventually(storedObjects, (o) => o.length === before.length)).toEqual(before);
  });
});
