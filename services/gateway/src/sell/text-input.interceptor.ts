import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { SellHttpError } from './sell-error';

const MAX_DEPTH = 64;

/**
 * Refuses the NUL character (U+0000) anywhere in the URL or in a parsed body, before any handler
 * runs. JSON and URLs can carry it, but PostgreSQL text cannot store it, so letting it through
 * would fail deep in a service; every other character, however unusual, is accepted.
 */
@Injectable()
export class TextInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (/%00/i.test(request.url)) throw SellHttpError.invalidParam(nulParam(request.url), 'The URL may not contain the NUL character (%00).');
    const at = nulIn(request.body, '', 0);
    if (at !== undefined) throw SellHttpError.invalidPayload(`the body may not contain the NUL character (U+0000)${at ? ` (at ${at})` : ''}`);
    return next.handle();
  }
}

/** The query parameter holding %00, or `path` when it is in the path. */
function nulParam(url: string): string {
  const query = url.indexOf('?');
  if (query < 0 || url.search(/%00/i) < query) return 'path';
  for (const pair of url.slice(query + 1).split('&')) {
    if (/%00/i.test(pair)) return safeDecode(pair.split('=')[0] ?? '') || 'query';
  }
  return 'query';
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value).replace(/\0/g, '');
  } catch {
    return value;
  }
}

/** The path of the first key or string that holds U+0000, or undefined when none does. */
export function nulIn(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulIn(value[i], `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\0')) return here.replace(/\0/g, '\\u0000');
    const found = nulIn(inner, here, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
