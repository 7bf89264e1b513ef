import { parse } from 'csv-parse/sync';
import { api } from './http';

/** Creates an import, uploads its CSV and answers the job once it has finished. */
export async function runImport(as: string, settings: Record<string, unknown>, csv: string, options: { baseUrl?: string; token?: string } = {}): Promise<any> {
  const created = await api('POST', '/v2/imports', { as, body: { data: settings }, ...options });
  if (created.status !== 201) throw new Error(`import not created: ${created.status} ${JSON.stringify(created.body)}`);
  const uploaded = await api('PUT', `/v2/imports/${created.body.data.id}/file`, { as, rawBody: csv, headers: { 'content-type': 'text/csv' }, ...options });
  if (uploaded.status !== 200) throw new Error(`file not taken: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
  return waitForJob(as, 'imports', created.body.data.id, options);
}

export async function waitForJob(as: string, kind: 'imports' | 'exports', id: number, options: { baseUrl?: string; token?: string } = {}, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api('GET', `/v2/${kind}/${id}`, { as, ...options });
    const job = res.body?.data;
    // A gateway whose service restarts answers 503 until it reconnects; clients retry.
    if (res.status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    if (!job) throw new Error(`${kind} ${id} is not readable: ${JSON.stringify(res.body)}`);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`${kind} ${id} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true });
}
