export * from './kafka.factory';
export * from './outbox';
export * from './outbox.relay';
export * from './idempotent.consumer';
export * from './migrations';
