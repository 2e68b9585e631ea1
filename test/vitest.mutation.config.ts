import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The tests StrykerJS runs against each mutant of src/ (npm run test:mutation).
 * Left out: the tests of the built package, the docs site, the browser and the
 * bundle sizes. They read dist/ or spawn other processes, so they would test
 * the unmutated build, and they are slow; everything that imports src/ runs.
 */
export default defineConfig({
  root,
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [
      'test/browser/**',
      'test/dist/**',
      'test/package/**',
      'test/bundle-size.test.ts',
      'test/docs.test.ts',
      'test/examples.test.ts',
      'test/notebook.test.ts',
      'test/reliability/globals.test.ts',
      'test/reliability/scale.test.ts',
    ],
    // Mutated code carries Stryker's switches and coverage counters, and runs several times slower.
    testTimeout: 180_000,
    coverage: { enabled: false },
  },
});
