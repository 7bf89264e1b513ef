import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout. The OpenTelemetry pino instrumentation adds trace_id and
 * span_id to every line written inside a traced operation.
 */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['req.headers.authorization', '*.password', '*.client_secret'], censor: '[redacted]' },
  });
}
