/**
 * What an app pays to import the library: each public function alone, and all
 * of them, bundled by esbuild for a browser, minified and gzipped, from the
 * built ES module (decimal.js and zod included).
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as lib from '../dist/index.js';

const root = new URL('..', import.meta.url).pathname;

/**
 * The budgets, in bytes after gzip -9, for each export alone by family, and
 * for groups. decimal.js is about 12.9 KB of every one of them: the model
 * functions read their numeric inputs (numbers, decimal strings, bigints,
 * Decimals) through the same exact reader as the closed forms, so that every
 * function parses and refuses input alike; a float-only reader for the
 * models would save that much and is not written yet. Measured on
 * 2026-12-07 (smallest to largest of each family): closed forms and data
 * functions 19.0-22.2 KB, one-customer predictions and likelihoods
 * 19.4-23.5 KB, fits 25.5-27.9 KB (the maximiser, its Hessian and the
 * diagnostics), batch scorers 26.6-29.7 KB (tables, kernels, intervals),
 * Decimal and MetricInputError 13.6-13.9 KB. A schema costs what its function
 * costs (some validate by calling it).
 */
const FAMILY_BUDGET = {
  // periodCountsSeries 23,511 with the column readers' cursor (CellCursor), 2026-12-08.
  closedForm: 24_500,
  prediction: 24_500,
  fit: 29_000,
  scorer: 31_000,
  // compareModels carries both purchase scorers, for the holdout errors: 33.8 KB measured on 2026-12-07.
  comparison: 35_000,
  // The covariate fits and likelihoods: the plain ones' code plus the covariate tables and the chain rule
  // (fitParetoNbdWithCovariates 30.6 KB, paretoNbdWithCovariatesLogLikelihood 25.1 KB from src on 2026-12-07).
  covariateFit: 32_000,
  covariateLikelihood: 26_500,
  // The chart-ready diagnostics (purchaseTracking 27.3 KB with the transaction reader, from src on 2026-12-07).
  diagnostic: 29_000,
  // mrrMovements, mrrAt: the subscription reader, the movements, the rolling window, the conventions (25.1 KB on 2026-12-07).
  saas: 26_000,
  class: 14_500,
} as const;
type Family = keyof typeof FAMILY_BUDGET;
// survivorsByTenure (renewal calendar, cohorts by tenure) added about 0.9 KB.
// Columns for periodCounts, revenueRetention and the Arrow vectors of the concentration functions: 0.3 KB (33.3 KB).
// The table of small customer ids (CustomerIndex) in every row reader: 0.2 KB (33.5 KB), measured 2026-12-07.
// mrrMovements and mrrAt (src/saas): 3.4 KB more (36.9 KB measured on 2026-12-07).
// The column readers' cursor (paths built only for a message): 37,043 on 2026-12-08.
const ALL_CLOSED_FORM = 38_500;
// The batch scorers (scoreBgNbd, scoreParetoNbd, scoreSbg, scoreBdw, scoreRows) added about 4.7 KB to both,
// and their intervals (random stream, parameter draws, simulated futures) about 2.6 KB more.
// The BG/BB (fit, likelihood and four predictions) about 1.9 KB more, the scoring SQL writers 0.7 KB,
// and compareModels 1.5 KB. The covariate fits, likelihoods and covariateParameters about 4.5 KB more
// (61.5 KB and 72.7 KB measured on 2026-12-07), the MBG/NBD (fit, likelihood, predictions, scorer) 1.3 KB
// (62.8 KB and 73.9 KB), the diagnostics 1.8 KB (65.8 KB and 76.7 KB).
// Columnar events for cohortRetention (src/internal/columns.ts, the id table): 0.1 KB (cohortRetention alone 23.0 KB, all 77.6 KB).
// Columns for the other data functions (rfmSummary's transaction columns, periodCounts, revenueRetention,
// Arrow vectors with nulls): 0.4 KB to the models (66.9 KB), 1.0 KB to everything (78.6 KB), measured 2026-12-07.
// The table of small customer ids in every row reader: 0.2 KB (67.1 KB), measured 2026-12-07.
// mrrMovements and mrrAt: everything 82.5 KB, measured 2026-12-07.
// Arrow tables in the scorers, and rfmSummary's rows grouped by a counting sort: models 67.9 KB, everything 83.5 KB (2026-12-08).
// cohortRetention's bitset and fast column path, revenueConcentration's cursor: cohortRetention 24.1 KB, closed forms
// and data 38.0 KB, everything 84.3 KB (2026-12-08).
const ALL_MODELS = 68_500;
const EVERYTHING = 85_000;

/** The family of an export: a schema is in its function's. */
function familyOf(name: string): Family {
  const subject = name.endsWith('Schema') ? name.slice(0, -'Schema'.length) : name;
  if (/^[A-Z]/.test(subject)) return 'class';
  if (subject === 'compareModels') return 'comparison';
  if (subject === 'mrrMovements' || subject === 'mrrAt') return 'saas';
  if (/^score(BgNbd|MbgNbd|ParetoNbd|Sbg|Bdw)$/.test(subject)) return 'scorer';
  if (/^(purchaseTracking|purchaseFrequencyHistogram|probabilityAliveGrid|retentionCurves)$/.test(subject))
    return 'diagnostic';
  if (/^fit\w+WithCovariates$/.test(subject)) return 'covariateFit';
  if (/WithCovariatesLogLikelihood$/.test(subject)) return 'covariateLikelihood';
  if (/^fit/.test(subject)) return 'fit';
  if (/^(sbg|bdw|bgNbd|mbgNbd|bgBb|paretoNbd|gammaGamma|predictive|rfm|score|covariate)/.test(subject))
    return 'prediction';
  return 'closedForm';
}

async function gzippedBundle(names: string[]): Promise<number> {
  const result = await build({
    stdin: {
      contents: `import { ${names.join(', ')} } from './dist/index.js';\nglobalThis.used = [${names.join(', ')}];`,
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  return gzipSync(output.contents, { level: 9 }).length;
}

const functions = Object.keys(lib).filter((name) => !/^[A-Z]/.test(name) && !name.endsWith('Schema'));
/** The statistical models (fits and their predictions), which work in floating point. */
const models = functions.filter((name) =>
  /^(fit|sbg|bdw|bgNbd|mbgNbd|bgBb|paretoNbd|gammaGamma|predictive|rfm|score|compare|covariate|purchaseTracking|purchaseFrequencyHistogram|probabilityAliveGrid|retentionCurves)/.test(
    name,
  ),
);
const closedForm = functions.filter((name) => !models.includes(name));

const everyExport = Object.keys(lib).map((name) => {
  const family = familyOf(name);
  return { name, family, budget: FAMILY_BUDGET[family] };
});

describe('bundle size', () => {
  it('covers every export, in every family', () => {
    expect(everyExport.length).toBe(Object.keys(lib).length);
    const families = new Set(everyExport.map((entry) => entry.family));
    expect([...families].sort()).toEqual(Object.keys(FAMILY_BUDGET).sort());
  });

  it.each(everyExport)('$name alone ($family) stays within $budget bytes gzipped', async ({ name, budget }) => {
    const size = await gzippedBundle([name]);
    expect(size).toBeGreaterThan(12_000); // decimal.js is really in it
    expect(size).toBeLessThanOrEqual(budget);
  });

  it(`every closed-form and data function together stays under ${ALL_CLOSED_FORM.toLocaleString('en')} bytes gzipped`, async () => {
    expect(await gzippedBundle(closedForm)).toBeLessThanOrEqual(ALL_CLOSED_FORM);
  });

  it(`every model function together stays under ${ALL_MODELS.toLocaleString('en')} bytes gzipped`, async () => {
    expect(models.length).toBeGreaterThan(5);
    expect(await gzippedBundle(models)).toBeLessThanOrEqual(ALL_MODELS);
  });

  it(`the whole library stays under ${EVERYTHING.toLocaleString('en')} bytes gzipped`, async () => {
    expect(await gzippedBundle(functions)).toBeLessThanOrEqual(EVERYTHING);
  });

  it('tree-shakes: one function costs less than all of them', async () => {
    const one = await gzippedBundle(['retentionRate']);
    const all = await gzippedBundle(functions);
    expect(all - one).toBeGreaterThan(2_000);
  });
});
