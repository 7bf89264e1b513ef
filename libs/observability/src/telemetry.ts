import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { envDetector, hostDetector, processDetector } from '@opentelemetry/resources';

export interface TelemetryOptions {
  serviceName: string;
  /** OTLP/HTTP base URL (e.g. http://collector:4318); traces are not exported when absent. */
  otlpEndpoint?: string;
  /** Port of the Prometheus scrape endpoint (`GET /metrics`); 0 or absent: no endpoint. */
  metricsPort?: number;
}

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry. Must run before the instrumented modules (http, grpc-js, pg, kafkajs,
 * Nest) are first required, so `main.ts` calls it and only then loads the application.
 */
export function initTelemetry(options: TelemetryOptions): void {
  if (sdk) return;
  const spanProcessors = options.otlpEndpoint
    ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }), scheduledDelayMillis: 500 })]
    : [];
  sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors,
    metricReaders: options.metricsPort ? [new PrometheusExporter({ host: '0.0.0.0', port: options.metricsPort })] : [],
    // Local detectors only: cloud detectors probe metadata endpoints over the network.
    resourceDetectors: [envDetector, processDetector, hostDetector],
    instrumentations: [
      getNodeAutoInstrumentations({
        '@opentelemetry/instrumentation-fs': { enabled: false },
        '@opentelemetry/instrumentation-dns': { enabled: false },
        '@opentelemetry/instrumentation-net': { enabled: false },
        // libs/kafka propagates trace context itself: the outbox relay publishes records of many
        // user actions in one batch, each continuing its own trace.
        '@opentelemetry/instrumentation-kafkajs': { enabled: false },
      }),
    ],
  });
  sdk.start();
}

export async function shutdownTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
