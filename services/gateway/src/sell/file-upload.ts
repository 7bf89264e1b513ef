import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SellHttpError } from './sell-error';

/** Routes whose body is a file, read from the raw stream by their handler, in any media type. */
const FILE_UPLOAD_ROUTES = new Set(['POST /v2/documents']);

function unsupportedMediaType(): Error {
  return Object.assign(new Error('Unsupported Media Type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
}

/**
 * JSON stays the only body most routes accept (anything else: 415). File upload routes accept
 * every media type and leave the body unread, so that their handler streams it with the file
 * size limit instead of the JSON body limit.
 */
export function registerFileUploadParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', (request: FastifyRequest, _payload: unknown, done: (err: Error | null, body?: unknown) => void) => {
    if (FILE_UPLOAD_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) done(null, undefined);
    else done(unsupportedMediaType());
  });
}

/** Reads the raw request body of an upload route, refusing more than maxBytes with 413. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ content: Buffer; contentType: string }> {
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
