import { DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

/** A problem to report in the Sell v2 error shape; thrown by gateway code, rendered by the filter. */
export class SellHttpError extends Error {
  constructor(
    readonly status: number,
    readonly items: SellErrorItem[],
  ) {
    super(items[0]?.message ?? 'error');
  }

  static invalidParam(param: string, details: string): SellHttpError {
    return new SellHttpError(400, [{ code: 'invalid_param', message: `The request query parameter '${param}' is malformed, missing, or has an invalid value`, details, field: param }]);
  }

  static invalidPayload(details: string): SellHttpError {
    return new SellHttpError(400, [{ code: 'invalid_payload', message: 'The request body is not valid JSON in the expected envelope', details }]);
  }

  static unauthorized(): SellHttpError {
    return new SellHttpError(401, [{ code: 'unauthorized', message: 'Unauthorized', details: 'Required access token is missing, malformed, expired, or invalid.' }]);
  }

  static insufficientScope(scope: string): SellHttpError {
    return new SellHttpError(403, [{ code: 'insufficient_scope', message: 'Forbidden', details: `The access token lacks the ${scope} scope.` }]);
  }

  static forbidden(details: string): SellHttpError {
    return new SellHttpError(403, [{ code: 'forbidden', message: 'Forbidden', details }]);
  }

  static notFound(resource: string): SellHttpError {
    return new SellHttpError(404, [{ code: 'not_found', message: 'Not Found', details: `The requested ${resource} could not be found.`, resource }]);
  }

  /** A record the body names (e.g. a task's resource_id) that does not exist or that the caller may not see. */
  static referenceNotFound(resource: string, violations: FieldViolation[]): SellHttpError {
    return new SellHttpError(404, violations.map((v) => ({ code: 'not_found', message: 'Not Found', details: `${v.field} ${v.message}`, resource, field: `/data/${v.field.replace(/\./g, '/')}` })));
  }

  static resource(resource: string, violations: FieldViolation[]): SellHttpError {
    return new SellHttpError(422, violations.map((v) => ({ code: sellResourceCode(v.code), message: v.message, details: `${v.field} ${v.message}`, resource, field: `/data/${v.field.replace(/\./g, '/')}` })));
  }

  static payloadTooLarge(maxBytes: number): SellHttpError {
    return new SellHttpError(413, [{ code: 'payload_too_large', message: 'Payload Too Large', details: `The request body exceeds the size limit of ${maxBytes} bytes.` }]);
  }

  static unsupportedMediaType(details: string): SellHttpError {
    return new SellHttpError(415, [{ code: 'unsupported_media_type', message: 'Unsupported Media Type', details }]);
  }

  static rateLimited(): SellHttpError {
    return new SellHttpError(429, [{ code: 'rate_limit_exceeded', message: 'Rate limit exceeded', details: 'Too many requests for this access token; retry after the time in the Retry-After header.' }]);
  }
}

/** The resource error codes Sell's clients know; any other code a service sends is reported as incorrect_value. */
const SELL_RESOURCE_CODES = new Set(['unknown', 'missing', 'blank', 'already_exists', 'invalid_type', 'incorrect_value', 'incorrect_payload']);

export function sellResourceCode(code: string): string {
  return SELL_RESOURCE_CODES.has(code) ? code : 'incorrect_value';
}

export interface SellErrorItem {
  code: string;
  message: string;
  details: string;
  resource?: string;
  field?: string;
}

/** The single place where a domain error kind becomes an HTTP status and Sell error items. */
export function fromDomainError(error: DomainError, fallbackResource: string): SellHttpError {
  const resource = error.details.resource ?? fallbackResource;
  switch (error.kind) {
    case ErrorKind.InvalidArgument:
    case ErrorKind.FailedPrecondition:
    case ErrorKind.AlreadyExists:
      if (error.details.violations?.length) return SellHttpError.resource(resource, error.details.violations);
      return new SellHttpError(422, [{ code: error.kind === ErrorKind.AlreadyExists ? 'already_exists' : 'incorrect_value', message: error.message, details: error.message, resource }]);
    case ErrorKind.Conflict:
      return new SellHttpError(409, [{ code: 'conflict', message: error.message, details: error.message, resource }]);
    case ErrorKind.NotFound:
      return error.details.violations?.length ? SellHttpError.referenceNotFound(resource, error.details.violations) : SellHttpError.notFound(resource);
    case ErrorKind.PermissionDenied:
      if (error.details.violations?.length) {
        return new SellHttpError(403, error.details.violations.map((v) => ({ code: 'forbidden', message: v.message, details: error.message, resource, field: `/data/${v.field}` })));
      }
      return SellHttpError.forbidden(error.message);
    case ErrorKind.Unauthenticated:
      return SellHttpError.unauthorized();
    case ErrorKind.ResourceExhausted:
      return SellHttpError.rateLimited();
    case ErrorKind.Unavailable:
      return new SellHttpError(503, [{ code: 'temporarily_unavailable', message: 'Service temporarily unavailable', details: 'A backing service did not answer in time; retry later.' }]);
    case ErrorKind.Internal:
      return new SellHttpError(500, [{ code: 'server_error', message: 'Internal server error', details: 'The server failed to process the request.' }]);
  }
}

/**
 * For list endpoints: filters and sort keys the service cannot resolve (e.g. an unknown custom
 * field) are bad query parameters, 400 invalid_param, not 422.
 */
export function asQueryError(e: unknown): never {
  if (e instanceof DomainError && e.kind === ErrorKind.InvalidArgument) {
    const v = e.details.violations?.[0];
    throw SellHttpError.invalidParam(v?.field ?? 'query', v ? `${v.field} ${v.message}` : e.message);
  }
  throw e;
}
