/**
 * Which part of src/ a mutation-testing run covers (npm run test:mutation sets
 * MUTATION_PART), or undefined in an ordinary test run. Under mutation every
 * statement of src/ carries Stryker's switches and coverage counters and runs
 * tens of times slower, so the few tests that loop millions of times check a
 * smaller sweep there; the full sweep runs in npm test.
 */
export const mutationPart: 'closed-form' | 'models-contractual' | 'models-purchases' | undefined = process.env
  .MUTATION_PART as never;

/** The public functions of the models part (sBG, BdW, BG/NBD, BG/BB, Pareto/NBD, Gamma-Gamma, RFM). */
export const isModelFunction = (name: string): boolean =>
  /^(fit|sbg|bdw|bgNbd|mbgNbd|bgBb|paretoNbd|gammaGamma|predictiveLifetimeValue|rfmSummary|score|compareModels|covariate|purchaseTracking|purchaseFrequencyHistogram|probabilityAliveGrid|retentionCurves)/.test(
    name,
  );
