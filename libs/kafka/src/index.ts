export * from './kafka.factory';
export * from './outbox';
export * from './outbox.relay';
export * from './event-consumer.host';
export * from './migrations';
