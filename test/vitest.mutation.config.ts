import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The tests StrykerJS runs against each mutant of src/ (npm run test:mutation),
 * in parts chosen by MUTATION_PART: 'closed-form' (the closed-form metrics,
 * their shared core and the data functions) and the two models parts. Left out of all:
 * the tests of the built package, the docs site, the browser and the bundle
 * sizes, which read dist/ or spawn processes (they would test the unmutated
 * build), and the DuckDB recipes, which test SQL text.
 */
const part = process.env.MUTATION_PART ?? 'closed-form';

export default defineConfig({
  root,
  test: {
    include:
      part !== 'closed-form'
        ? // The models' own tests: the published figures and independent calculations. The
          // catalogue and property tests (run by npm test) are left out here: under Stryker's
          // instrumentation their hostile and random inputs drive series and fits tens of times
          // slower, a single catalogue case past three minutes.
          ['test/models/**/*.test.ts', 'test/internal/**/*.test.ts']
        : ['test/**/*.test.ts'],
    exclude: [
      'test/browser/**',
      'test/dist/**',
      'test/package/**',
      'test/sql/**',
      'test/bundle-size.test.ts',
      'test/docs.test.ts',
      'test/examples.test.ts',
      'test/notebook.test.ts',
      'test/reliability/globals.test.ts',
      'test/reliability/scale.test.ts',
      ...(part === 'closed-form' ? ['test/models/**', 'test/reliability/properties-models.test.ts'] : []),
    ],
    env: { MUTATION_PART: part },
    // Mutated code carries Stryker's switches and coverage counters, and runs several times slower.
    testTimeout: 180_000,
    coverage: { enabled: false },
  },
});
