import { lookup as dnsLookup } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress, refusedServerUrl, type ServerUrlRules } from './public-address';

export interface GuardedRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Whole exchange, from the lookup to the last byte of the answer. */
  timeoutMs: number;
  /** Answers longer than this fail the request; the rest is not read. */
  maxResponseBytes: number;
}

export interface GuardedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Why a request to a user-given URL was not made or did not complete; `sent` tells whether any byte left. */
export class OutboundRequestError extends Error {
  constructor(
    message: string,
    readonly reason: 'refused' | 'timeout' | 'too_large' | 'network',
    readonly sent: boolean,
  ) {
    super(message);
    this.name = 'OutboundRequestError';
  }
}

/**
 * Sends one HTTP request to a URL a user gave (a webhook endpoint, say) without letting it reach
 * the service's own network (SSRF). The URL is checked first, and the address the socket connects
 * to is checked again when the name is resolved for the connection, so a name that resolves to a
 * public address when checked and to a private one a moment later (DNS rebinding) is refused.
 * Redirects are not followed; the answer is capped in size and the whole exchange in time.
 */
export async function guardedRequest(request: GuardedRequest, rules: ServerUrlRules): Promise<GuardedResponse> {
  const refused = await refusedServerUrl(request.url, rules);
  if (refused) throw new OutboundRequestError(`the URL ${refused}`, 'refused', false);
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<GuardedResponse>((resolve, reject) => {
    let sent = false;
    const fail = (error: OutboundRequestError) => {
      req.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new OutboundRequestError(`no complete answer within ${request.timeoutMs} ms`, 'timeout', sent)), request.timeoutMs);
    const req = transport.request(
      url,
      {
        method: request.method,
        headers: { ...request.headers, ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}) },
        lookup: rules.allowPrivate ? undefined : publicOnlyLookup,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let length = 0;
        res.on('data', (chunk: Buffer) => {
          length += chunk.length;
          if (length > request.maxResponseBytes) fail(new OutboundRequestError(`the answer exceeds ${request.maxResponseBytes} bytes`, 'too_large', true));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (e) => fail(new OutboundRequestError(e.message, 'network', true)));
      },
    );
    req.on('socket', (socket) => socket.once('connect', () => (sent = true)));
    req.on('error', (e) => reject(e instanceof OutboundRequestError ? e : new OutboundRequestError(e.message, 'network', sent)));
    // Closes after the answer's end, after an error and after fail(): the one place the deadline ends.
    req.on('close', () => clearTimeout(timer));
    req.end(request.body);
  });
}

/** dns.lookup for a socket's connection that fails for a private address, as the URL check would. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as unknown as { address: string; family: number }[];
    if (list.length === 0 || list.some((a) => isPrivateAddress(a.address, a.family))) return callback(new OutboundRequestError('the URL must be a public address', 'refused', false), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};
