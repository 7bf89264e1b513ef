export * from './tokens';
export * from './health.http-controller';
export * from './outbox-relay.service';
export * from './event-consumer';
export * from './periodic-worker';
export * from './grpc-server.module';
export * from './run-service';
export * from './service-infrastructure';
