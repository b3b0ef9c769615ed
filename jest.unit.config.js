/**
 * The unit tier (`npm run test:unit`): pure specs beside the code, tests/unit and the other
 * packages' specs, without PostgreSQL or Redis, so no global setup rebuilding the test database.
 * Specs that need the stores live in tests/integration and tests/e2e.
 */
const all = require('./jest.config');

module.exports = {
  ...all,
  testMatch: all.testMatch.filter((pattern) => !pattern.startsWith('<rootDir>/tests/')).concat('<rootDir>/tests/unit/**/*.spec.ts'),
  globalSetup: undefined,
  setupFiles: ['<rootDir>/tests/setup/no-stores.ts'],
};
