/** The sync service's SyncService. */
export const SYNC_CLIENT = Symbol('SYNC_CLIENT');
