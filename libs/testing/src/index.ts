export * from './stack';
export * from './pg-test-database';
export * from './tokens';
export * from './kafka-probe';
export { default as checkLocalStack } from './global-setup';
export * from './schema-snapshot';
export * from './migration-upgrade';
