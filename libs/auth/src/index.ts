export * from './principal';
export * from './principal-metadata';
export * from './access-token.verifier';
export * from './keycloak-admin.client';
