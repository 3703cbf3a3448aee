// @swc/jest transpiles TypeScript without the compiler API, so it keeps working
// whatever TypeScript version typechecks the project.
const project = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/__tests__'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }],
  },
};

export default {
  // Two projects in one run: `npm test -- --selectProjects unit` while working, `e2e` for the
  // bundled CLI, the Action and the packed package (they need `npm run build` first).
  projects: [
    { ...project, displayName: 'unit', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['\\.e2e\\.test\\.ts$'] },
    { ...project, displayName: 'e2e', testMatch: ['**/*.e2e.test.ts'] },
  ],
  // One worker per core, where jest's default leaves one core to its own (mostly idle)
  // process: on the 2-core machines the end-to-end files run beside the unit files instead
  // of after them, the slowest files of the last run starting first.
  maxWorkers: '100%',
  // A global option: jest ignores it inside a project.
  testTimeout: 30000,
  // Not installed here: jest would try to start it for every run. The test:unit and test:e2e
  // scripts repeat it as --no-watchman, which also ends --selectProjects' list of names, so a
  // path after them (`npm run test:unit -- __tests__/fix`) filters instead of naming a project.
  watchman: false,
};
