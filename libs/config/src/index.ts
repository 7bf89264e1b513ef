export * from './parse-config';
export * from './service-config';
export * from './owners-config';
export * from './secret-box';
export * from './link-signer';
