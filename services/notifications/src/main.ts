// Telemetry must start before instrumented modules load, so the application is required after it.
import { initTelemetry } from '@crm/observability';
import { loadNotificationsConfig } from './config/notifications.config';

const config = loadNotificationsConfig();
initTelemetry({ serviceName: config.serviceName, otlpEndpoint: config.otlpEndpoint, metricsPort: config.metricsPort });

const { run } = require('./bootstrap') as typeof import('./bootstrap');
run(config, process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
