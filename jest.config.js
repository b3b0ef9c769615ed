/** Every tier (`npm test`): in band against the real PostgreSQL and Redis, see tests/setup/global-setup.ts; jest.unit.config.js is the tier without them. */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: { '^src/(.*)$': '<rootDir>/src/$1', '^tests/(.*)$': '<rootDir>/tests/$1', '^bench/(.*)$': '<rootDir>/bench/$1', '^migrations/(.*)$': '<rootDir>/migrations/$1', '^custom-objects/(.*)$': '<rootDir>/custom-objects/$1', '^standin/(.*)$': '<rootDir>/standin/$1' },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/tests/**/*.spec.ts', '<rootDir>/custom-objects/**/*.spec.ts', '<rootDir>/standin/**/*.spec.ts', '<rootDir>/ui/src/**/*.spec.ts'],
  // The Twenty app is its own package: its dependencies and build output (a second copy of its package.json) are none of jest's business.
  modulePathIgnorePatterns: ['<rootDir>/ui-extension/node_modules/', '<rootDir>/ui-extension/.twenty/'],
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  setupFiles: ['<rootDir>/tests/setup/env.ts'],
  testTimeout: 60000,
};
