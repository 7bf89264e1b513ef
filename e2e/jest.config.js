// Black-box tests of the whole system through the gateway; needs the local stack and a build (dist/).
const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  rootDir: __dirname,
  moduleNameMapper: Object.fromEntries(Object.entries(preset.moduleNameMapper).map(([k, v]) => [k, v.replace('<rootDir>/', '<rootDir>/../')])),
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 90000,
};
