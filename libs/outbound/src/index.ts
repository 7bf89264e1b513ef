export * from './guarded-request';
export * from './public-address';
