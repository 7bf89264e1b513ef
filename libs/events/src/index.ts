export * from './topics';
export * from './event-types';
export * from './cloud-event';
export * from './event-cause';
