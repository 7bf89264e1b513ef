/** Injection tokens of the gRPC clients of the directory. */
export const USERS_CLIENT = Symbol('USERS_CLIENT');
export const ACCOUNTS_CLIENT = Symbol('ACCOUNTS_CLIENT');
