export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const USER_DIRECTORY = Symbol('USER_DIRECTORY');
export const LEADS_CLIENT = Symbol('LEADS_CLIENT');
export const REFERENCE_LISTS_CLIENT = Symbol('REFERENCE_LISTS_CLIENT');
export const CUSTOM_FIELDS_CLIENT = Symbol('CUSTOM_FIELDS_CLIENT');
export const CONTACTS_CLIENT = Symbol('CONTACTS_CLIENT');
