// Telemetry must start before instrumented modules load, so the application is required after it.
import { initTelemetry } from '@crm/observability';
import { loadGatewayConfig } from './config/gateway.config';

const config = loadGatewayConfig();
initTelemetry({ serviceName: config.serviceName, otlpEndpoint: config.otlpEndpoint, metricsPort: config.metricsPort });

const { run } = require('./bootstrap') as typeof import('./bootstrap');
run(config).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
