/** Unit tests sit beside the code (*.spec.ts); integration and end-to-end tests live in test/. */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '(libs|apps|test)/.*\\.(spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  // The libs' path aliases (tsconfig.json "paths"; tsc-alias rewrites them in the build).
  moduleNameMapper: { '^@hocba/([^/]+)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // A worker whose memory passed this after a file is replaced by a fresh one. Workers reached
  // 2.4 GB by the end of a full run, and one of them then outlasted Jest's 500 ms grace at shutdown
  // ("A worker process has failed to exit gracefully") though it held no handle; with this, the
  // warning has not come back (and the run is shorter).
  workerIdleMemoryLimit: '1GB',
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
};
