/** Process-wide tokens of the gateway; each upstream's client tokens live in its folder. */
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const USER_DIRECTORY = Symbol('USER_DIRECTORY');
