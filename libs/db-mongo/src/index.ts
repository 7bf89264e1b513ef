export * from './mongo';
export * from './mongo-event-ledger';
