import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** Names whose canonical form is not plain Title-Case. */
const SPECIAL: Record<string, string> = { 'x-ratelimit-limit': 'X-RateLimit-Limit', 'x-ratelimit-remaining': 'X-RateLimit-Remaining', etag: 'ETag' };

/** Names already converted: responses carry the same dozen names, so each is worked out once. */
const known = new Map<string, string>();

/** `x-request-id` → `X-Request-Id`, as Sell sends its headers. */
export function canonicalHeaderName(name: string): string {
  let canonical = known.get(name);
  if (canonical === undefined) {
    const lower = name.toLowerCase();
    canonical = SPECIAL[lower] ?? lower.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
    if (known.size < 1_000) known.set(name, canonical);
  }
  return canonical;
}

function canonicalHeaders(headers: OutgoingHttpHeaders | IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[canonicalHeaderName(name)] = value;
  return out;
}

/**
 * Sends response header names in canonical case (`Content-Type`, `X-Request-Id`), as Sell does:
 * the framework keeps them in lower case, which HTTP allows, but Sell's Java client looks headers up
 * in a case-sensitive map and would lose the request id of every error.
 */
export function sendCanonicalHeaderNames(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw as unknown as { writeHead: (this: ServerResponse, ...args: unknown[]) => ServerResponse };
    const writeHead = raw.writeHead;
    raw.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      // writeHead(status, headers) or writeHead(status, reason, headers)
      const at = typeof args[1] === 'string' ? 2 : 1;
      const headers = args[at];
      if (headers && typeof headers === 'object' && !Array.isArray(headers)) args[at] = canonicalHeaders(headers as OutgoingHttpHeaders);
      return writeHead.apply(this, args);
    };
    done();
  });
}
