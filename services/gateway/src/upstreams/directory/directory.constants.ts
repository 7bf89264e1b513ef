/** Injection tokens of the directory's clients (its UsersService client is the gateway's USERS_CLIENT). */
export const ACCOUNTS_CLIENT = Symbol('ACCOUNTS_CLIENT');
export const ACCESS_TOKENS_CLIENT = Symbol('ACCESS_TOKENS_CLIENT');
export const TEAMS_CLIENT = Symbol('TEAMS_CLIENT');
