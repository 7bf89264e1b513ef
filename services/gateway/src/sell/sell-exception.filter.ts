import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DomainError } from '@crm/errors';
import type { Logger } from '@crm/observability';
import { LOGGER } from '../gateway.constants';
import { fromDomainError, SellHttpError } from './sell-error';

// Where the error codes are documented (docs/api.md in the repository).
const MORE_INFO = 'docs/api.md#errors';

/** Renders every failure in the Sell v2 error shape, with meta.logref equal to X-Request-Id. */
@Catch()
export class SellExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = this.toSellError(exception, request);
    if (error.status >= 500) this.logger.error({ err: exception, reqId: request.id, url: request.url }, 'request failed');
    void reply.status(error.status).header('content-type', 'application/json; charset=utf-8').send(renderSellError(error, String(request.id)));
  }

  private toSellError(exception: unknown, request: FastifyRequest): SellHttpError {
    if (exception instanceof SellHttpError) return exception;
    if (exception instanceof DomainError) return fromDomainError(exception, resourceOf(request.url));
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) {
        return new SellHttpError(404, [{ code: 'incorrect_path', message: 'Not Found', details: `Requested path at '${request.url.split('?')[0]}' was not found using the HTTP method '${request.method}'.` }]);
      }
      // Routes parse bodies themselves; a 400/413/415 from the framework comes from reading the body.
      if (status === 400) return SellHttpError.invalidPayload('the body is not valid JSON');
      const code = { 405: 'method_not_allowed', 413: 'payload_too_large', 415: 'unsupported_media_type' }[status] ?? 'bad_request';
      return new SellHttpError(status, [{ code, message: STATUS_CODES[status] ?? 'Error', details: exception.message }]);
    }
    const code = (exception as { code?: string } | undefined)?.code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new SellHttpError(413, [{ code: 'payload_too_large', message: 'Payload Too Large', details: 'The request body exceeds the size limit.' }]);
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return SellHttpError.unsupportedMediaType('Send JSON with Content-Type: application/json.');
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || exception instanceof SyntaxError) return SellHttpError.invalidPayload('the body is not valid JSON');
    return new SellHttpError(500, [{ code: 'server_error', message: 'Internal server error', details: 'The server failed to process the request.' }]);
  }
}

export function renderSellError(error: SellHttpError, requestId: string) {
  return {
    errors: error.items.map((e) => ({
      error: { code: e.code, message: e.message, details: e.details, ...(e.resource ? { resource: e.resource } : {}), ...(e.field ? { field: e.field } : {}) },
      meta: { type: 'error', links: { more_info: MORE_INFO } },
    })),
    meta: { type: 'errors', http_status: `${error.status} ${STATUS_CODES[error.status] ?? ''}`.trim(), logref: requestId, links: { more_info: MORE_INFO } },
  };
}

function resourceOf(url: string): string {
  const segment = /^\/v2\/([a-z_]+)/.exec(url)?.[1] ?? 'resource';
  return segment.endsWith('s') ? segment.slice(0, -1) : segment;
}
