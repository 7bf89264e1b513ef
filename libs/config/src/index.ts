export * from './parse-config';
export * from './service-config';
