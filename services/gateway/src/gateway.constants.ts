/** Process-wide tokens of the gateway; each upstream's client tokens live in its folder. */
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
/** The directory's CallersService: who a token's caller is. */
export const CALLERS_CLIENT = Symbol('CALLERS_CLIENT');
/** The directory's UsersService: users of the tenant, for team filters and /v2/users. */
export const USERS_CLIENT = Symbol('USERS_CLIENT');
