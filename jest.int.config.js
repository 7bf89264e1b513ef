// Integration tests: run against the native local stack (PostgreSQL, Kafka, Keycloak, FerretDB).
const preset = require('./jest.preset.js');

module.exports = {
  ...preset,
  rootDir: __dirname,
  testMatch: ['<rootDir>/libs/*/src/**/*.int-spec.ts', '<rootDir>/services/*/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  testTimeout: 60000,
};
