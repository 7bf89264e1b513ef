export * from './database';
export * from './migrator';
export * from './input-errors';
export * from './statement-chunks';
export * from './notification-listener';
export * from './tenant-notice-cache';
