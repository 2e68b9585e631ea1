import fc from 'fast-check';

/**
 * The property tests' shared setting. In CI the seed is fixed, so a run is
 * reproducible and its coverage stable; locally each run explores new inputs
 * (a failure prints its seed and shrunk counterexample). Import this module
 * for its effect before any fc.assert.
 */
if (process.env.CI) fc.configureGlobal({ seed: 20261122 });

/** The usual number of cases per property. */
export const runs = { numRuns: 100 };
