import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // Keep within two cores: the packaging tests spawn their own processes.
    maxWorkers: 2,
    // .ci/run asks for a JSON report to print vitest's own pass and fail counts.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON_REPORT ? { json: process.env.VITEST_JSON_REPORT } : {},
    // Coverage of src/ is measured in CI (CI set, as .ci/run and CI services set it) or with COVERAGE=1,
    // and must stay at 95 % or more; a local `npm test` skips the instrumentation.
    coverage: {
      enabled: Boolean(process.env.CI) || process.env.COVERAGE === '1',
      provider: 'v8',
      include: ['src/**'],
      reporter: ['text-summary'],
      thresholds: { lines: 95, branches: 95, statements: 95, functions: 95 },
    },
  },
});
