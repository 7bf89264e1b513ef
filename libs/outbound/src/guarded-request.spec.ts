import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedRequest, OutboundRequestError, publicOnlyLookup } from './guarded-request';

describe(guardedRequest.name, () => {
  let server: Server;
  let base: string;
  const received: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let answer: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        answer(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    received.length = 0;
    answer = (_req, res) => res.end('ok');
  });

  const post = (url: string, allowPrivate: boolean, over: { timeoutMs?: number; maxResponseBytes?: number } = {}) =>
    guardedRequest({ method: 'POST', url, headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' }, body: '{"a":1}', timeoutMs: over.timeoutMs ?? 2_000, maxResponseBytes: over.maxResponseBytes ?? 1_024 }, { allowPrivate });

  it('sends the request and returns the answer when private addresses are allowed (tests only)', async () => {
    answer = (_req, res) => res.writeHead(202, { 'x-answer': 'yes' }).end('accepted');
    const res = await post(`${base}/hooks?x=1`, true);
    expect(res).toMatchObject({ status: 202, headers: { 'x-answer': 'yes' } });
    expect(res.body.toString()).toBe('accepted');
    expect(received).toEqual([expect.objectContaining({ method: 'POST', url: '/hooks?x=1', body: '{"a":1}', headers: expect.objectContaining({ 'webhook-id': 'msg_1', 'content-length': '7' }) })]);
  });

  it('refuses loopback by address and by name, and sends nothing', async () => {
    const port = (server.address() as AddressInfo).port;
    for (const url of [`${base}/`, `http://localhost:${port}/`]) {
      const error = await post(url, false).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutboundRequestError);
      expect(error).toMatchObject({ reason: 'refused', sent: false, message: 'the URL must be a public address' });
    }
    await expect(post('ftp://8.8.8.8/', false)).rejects.toMatchObject({ reason: 'refused', message: 'the URL must be an http or https URL' });
    expect(received).toHaveLength(0);
  });

  it('checks the address again when the socket resolves the name, so a name that turned private is refused', async () => {
    const resolve = (host: string) => new Promise<{ error: unknown; address: unknown }>((r) => publicOnlyLookup(host, {}, (error, address) => r({ error, address })));
    expect(await resolve('localhost')).toMatchObject({ error: expect.objectContaining({ reason: 'refused' }) });
    expect(await resolve('8.8.8.8')).toEqual({ error: null, address: '8.8.8.8' });
  });

  it('fails an answer over the size cap without reading the rest', async () => {
    answer = (_req, res) => res.end('x'.repeat(10_000));
    await expect(post(base, true, { maxResponseBytes: 100 })).rejects.toMatchObject({ reason: 'too_large', sent: true });
  });

  it('gives up when no complete answer arrives in time', async () => {
    answer = (_req, res) => res.writeHead(200).write('partial');
    await expect(post(base, true, { timeoutMs: 300 })).rejects.toMatchObject({ reason: 'timeout', sent: true, message: 'no complete answer within 300 ms' });
  });

  it('reports a closed port as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(post(`http://127.0.0.1:${port}/`, true)).rejects.toMatchObject({ reason: 'network' });
  });
});
