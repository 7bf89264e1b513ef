import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SellHttpError } from './sell-error';

/**
 * Routes that read their body from the raw stream in any media type, with their own size limit:
 * file uploads (documents, import CSVs, the account logo, iCalendar files). A capture form submission may be an HTML form post (parsed by the framework);
 * any other type reaches its handler unread, which answers 415.
 */
const RAW_BODY_ROUTES = new Set(['POST /v2/documents', 'PUT /v2/imports/:id/file', 'PUT /v2/accounts/self/logo', 'POST /public/capture_forms/:formKey/submissions', 'POST /v2/appointments/import']);

/**
 * Routes whose handler needs the exact bytes of a JSON body next to its parsed form: signed
 * webhooks, whose signature covers the bytes. The copy is kept on the request (`rawBodyOf`).
 */
const RAW_COPY_ROUTES = new Map([['POST /public/voice/:tenantKey/events', 64 * 1024]]);
const rawCopies = new WeakMap<FastifyRequest, Buffer>();

/** The bytes of the request's body, on a route that keeps them (RAW_COPY_ROUTES). */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawCopies.get(request);
}

function unsupportedMediaType(): Error {
  return Object.assign(new Error('Unsupported Media Type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
}

/**
 * JSON stays the only body most routes accept (anything else: 415). Raw body routes accept every
 * media type and leave a non-JSON body unread, so that their handler streams it with its own limit
 * instead of the JSON body limit.
 */
export function registerRawBodyParser(fastify: FastifyInstance): void {
  // Sell's clients send Content-Type: application/json on a DELETE without a body. A request whose
  // body is empty has no body, whatever type it names; a route that needs one says so.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const headers = request.raw.headers;
    // Without Transfer-Encoding, only a Content-Length above 0 announces a body (RFC 9112, 6.3).
    const empty = headers['transfer-encoding'] === undefined && (headers['content-length'] === undefined || headers['content-length'] === '0');
    if (empty) delete headers['content-type'];
    done();
  });
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const limit = RAW_COPY_ROUTES.get(`${request.method} ${request.routeOptions.url}`);
    if (limit === undefined) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > limit) throw SellHttpError.payloadTooLarge(limit);
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    rawCopies.set(request, body);
    // The parser reads the same bytes again; Fastify checks their length against Content-Length.
    return Object.assign(Readable.from([body]), { receivedEncodedLength: body.length });
  });
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', (request: FastifyRequest, _payload: unknown, done: (err: Error | null, body?: unknown) => void) => {
    if (RAW_BODY_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) done(null, undefined);
    else done(unsupportedMediaType());
  });
}

/** Reads the raw request body of a raw body route, refusing more than maxBytes with 413. */
export async function readRawBody(request: FastifyRequest, maxBytes: number): Promise<{ content: Buffer; contentType: string }> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw SellHttpError.payloadTooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw SellHttpError.payloadTooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  return { content: Buffer.concat(chunks), contentType: request.headers['content-type'] ?? '' };
}
