export type { OwnersOptions } from '@crm/config';

export const OWNERS_OPTIONS = Symbol('OWNERS_OPTIONS');
export const DIRECTORY_USERS_CLIENT = Symbol('DIRECTORY_USERS_CLIENT');
