// @swc/jest transpiles TypeScript without the compiler API, so it keeps working
// whatever TypeScript version typechecks the project.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }],
  },
  testTimeout: 30000,
  // One worker per core, where jest's default leaves one core to its own (mostly idle)
  // process: on the 2-core machines that halves the suite's time, the slowest files
  // (fuzz, end to end) starting first on both.
  maxWorkers: '100%',
};
