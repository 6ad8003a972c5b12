/**
 * Three projects, run together by `npm test` (and alone by `npm run test:unit`, `test:integration`, `test:slow`):
 * - unit: no database, no server process: pure functions, the committed schema and docs, the config;
 * - integration: the API in process against a real PostgreSQL (a throwaway embedded cluster, or a fresh database on
 *   DATABASE_URL's server), one folder per domain;
 * - slow: real processes and faults — the built server killed and shut down, PostgreSQL stopped under load, builds, a
 *   browser, the fuzzer.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  // Builds and the copies of the project some tests make: not part of the sources jest maps.
  modulePathIgnorePatterns: ['<rootDir>/.build/', '<rootDir>/dist/', '<rootDir>/.test-build/'],
  // JG_SQL_AUDIT=<file> records every SQL statement the tests send (test/helpers/sql-audit.ts).
  setupFiles: ['reflect-metadata', ...(process.env.JG_SQL_AUDIT ? ['<rootDir>/test/helpers/sql-audit.ts'] : [])],
};

const database = {
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
};

module.exports = {
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/src/**/__tests__/**/*.test.ts'] },
    { ...common, ...database, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    {
      ...common,
      ...database,
      displayName: 'slow',
      testMatch: ['<rootDir>/test/slow/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/helpers/slow-timeout.ts'],
    },
  ],
};
