/**
 * Shared machinery of the hostile-input catalogue (test/reliability/hostile-inputs.test.ts):
 * one entry per public function with its real arguments, where its options,
 * rows, numeric and date fields are, and helpers that build hostile copies of
 * those arguments (throwing getters, proxies, counting getters) and check an
 * outcome against the input contract of docs/errors-and-inputs.md.
 */
import { expect } from 'vitest';
import * as lib from '../../src';

/** A key in an argument path; '*' stands for every element of an array (or value of an object). */
export type Key = string | number;
export type Path = readonly Key[];

type Fn = (...args: unknown[]) => unknown;

export interface Entry {
  /** The public function's name. */
  name: string;
  /** The function itself. */
  fn: Fn;
  /** Valid arguments. */
  args: readonly unknown[];
  /** How each argument's fields are named in errors: '' for an options object, 'parameters', 'transactions', ... */
  prefixes: readonly string[];
  /** The options object: its argument index, its known keys, and more. */
  options?: {
    index: number;
    /** Keys of the options (the misspellings are made from them). */
    keys: readonly string[];
    /** Names of the function's other arguments, which must not be accepted as options (they would be overridden). */
    shadow?: readonly string[];
    /** The columns of an rfmSummary row that the options may carry, because the docs pass `{ ...customer, horizon }`. */
    rowColumns?: Readonly<Record<string, unknown>>;
  };
  /** Paths to arrays of data rows (objects), which may carry extra columns. */
  rows?: readonly Path[];
  /** Paths to arrays of numbers (cohorts, revenues, shares). */
  lists?: readonly Path[];
  /** Numeric fields below the top level (rows, nested objects); the top-level ones are found by themselves. */
  numeric?: ReadonlyArray<{ path: Path; args?: readonly unknown[] }>;
  /** For fits: the estimated parameters, compared to 1e-12 relative. */
  fit?: readonly string[];
}

export const sbg = { alpha: 0.7, beta: 1.2 };
export const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
export const pareto = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
export const gg = { p: 6.25, q: 3.74, gamma: 15.4 };
export const history = { frequency: 2, recency: 30.43, age: 38.86 };
export const summaries = [
  { frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35, holdoutPurchases: 1 },
  { frequency: 1, recency: 1.71, age: 38.86, monetaryValue: 11.77, holdoutPurchases: 0 },
  { frequency: 0, recency: 0, age: 38.86, monetaryValue: 0, holdoutPurchases: 0 },
  { frequency: 6, recency: 30, age: 35, monetaryValue: 35.5, holdoutPurchases: 3 },
  { frequency: 3, recency: 12, age: 20, monetaryValue: 15.2, holdoutPurchases: 1 },
];
export const cohort = [1000, 631, 468, 382, 326];
export const transactions = [
  { customerId: 'a', at: '1997-01-01', amount: 10 },
  { customerId: 'a', at: '1997-02-01', amount: 12 },
  { customerId: 'b', at: '1997-03-05', amount: 7.5 },
  { customerId: 'b', at: '1997-05-05', amount: 3 },
  { customerId: 'a', at: '1997-11-01', amount: 4 },
];
export const rfmOptions = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', timeUnit: 'week' };
export const events = [
  { customerId: 'a', at: '2026-01-05' },
  { customerId: 'a', at: '2026-02-11' },
  { customerId: 'b', at: '2026-01-20' },
  { customerId: 'c', at: '2026-02-14' },
  { customerId: 'd', startedAt: '2026-01-10', endedAt: '2026-03-05' },
];
export const lifecycles = [
  { customerId: 'a', startedAt: '2026-01-15' },
  { customerId: 'b', startedAt: '2026-02-03', endedAt: '2026-02-20' },
  { customerId: 'c', startedAt: '2026-01-01', endedAt: '2026-02-15' },
  { customerId: 'd', startedAt: '2026-02-10', endedAt: null },
];
export const startRevenue = [
  { customerId: 'a', revenue: 100 },
  { customerId: 'b', revenue: 50 },
  { customerId: 'c', revenue: 30 },
];
export const endRevenue = [
  { customerId: 'a', revenue: 120 },
  { customerId: 'b', revenue: 40 },
  { customerId: 'd', revenue: 10 },
];

const f = (fn: unknown) => fn as Fn;
const rfmRow = { customerId: 'c1', monetaryValue: 22.35, holdoutPurchases: 1, holdoutSpend: 20 };
const summaryFields = (at: number, fields: readonly string[]) => fields.map((k) => ({ path: [at, '*', k] }));
const bgFields = ['frequency', 'recency', 'age'] as const;

// biome-ignore format: one entry per function, as in catalogue.test.ts
export const entries: Entry[] = [
  { name: 'retentionRate', fn: f(lib.retentionRate), args: [{ customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 }], prefixes: [''], options: { index: 0, keys: ['customersAtStart', 'customersAtEnd', 'newCustomers'] } },
  { name: 'churnRate', fn: f(lib.churnRate), args: [{ customersAtStart: 100, lostCustomers: 10 }], prefixes: [''], options: { index: 0, keys: ['customersAtStart', 'lostCustomers'] } },
  { name: 'averageRevenuePerCustomer', fn: f(lib.averageRevenuePerCustomer), args: [{ revenue: 1800000, customers: 600 }], prefixes: [''], options: { index: 0, keys: ['revenue', 'customers'] } },
  { name: 'customerLifetimeValue', fn: f(lib.customerLifetimeValue), args: [{ margin: 100, retentionRate: 0.85, discountRate: 0.1, periods: 12, marginGrowth: 0.02, timing: 'end' }], prefixes: [''], options: { index: 0, keys: ['margin', 'retentionRate', 'discountRate', 'periods', 'marginGrowth', 'timing'] } },
  { name: 'maxAcquisitionCost', fn: f(lib.maxAcquisitionCost), args: [{ lifetimeValue: 500, ltvToCacRatio: 3 }], prefixes: [''], options: { index: 0, keys: ['lifetimeValue', 'ltvToCacRatio'] } },
  { name: 'ltvToCacRatio', fn: f(lib.ltvToCacRatio), args: [{ lifetimeValue: 500, acquisitionCost: 125 }], prefixes: [''], options: { index: 0, keys: ['lifetimeValue', 'acquisitionCost'] } },
  { name: 'cacPaybackPeriods', fn: f(lib.cacPaybackPeriods), args: [{ acquisitionCost: 300, margin: 40, retentionRate: 0.9, discountRate: 0.01 }], prefixes: [''], options: { index: 0, keys: ['acquisitionCost', 'margin', 'retentionRate', 'discountRate'] } },
  { name: 'expectedCustomerLifetime', fn: f(lib.expectedCustomerLifetime), args: [{ churnRate: 0.05 }], prefixes: [''], options: { index: 0, keys: ['churnRate'] } },
  { name: 'convertRatePeriod', fn: f(lib.convertRatePeriod), args: [{ churnRate: 0.02, fromPeriodLength: 1, toPeriodLength: 12 }], prefixes: [''], options: { index: 0, keys: ['churnRate', 'fromPeriodLength', 'toPeriodLength'] } },
  { name: 'churnBreakdown', fn: f(lib.churnBreakdown), args: [{ reasonShares: { price: 0.4, product: 0.3 }, lostCustomers: 100 }], prefixes: [''], options: { index: 0, keys: ['reasonShares', 'lostCustomers'] }, numeric: [{ path: [0, 'reasonShares', '*'] }, { path: [0, 'reasonCounts', '*'], args: [{ reasonCounts: { price: 40, product: 30 }, lostCustomers: 100 }] }] },
  { name: 'referralValue', fn: f(lib.referralValue), args: [{ lifetimeValue: 90, referralsPerPurchase: 0.1, purchasesPerCustomer: 3 }], prefixes: [''], options: { index: 0, keys: ['lifetimeValue', 'referralsPerPurchase', 'purchasesPerCustomer'] } },
  { name: 'topCustomerShare', fn: f(lib.topCustomerShare), args: [[500, 300, 100, 50, 50], 0.2], prefixes: ['revenues', 'share'], lists: [[0]], numeric: [{ path: [0, '*'] }] },
  { name: 'revenueConcentration', fn: f(lib.revenueConcentration), args: [[500, 300, 100, 50, 50], { topShares: [0.2, 0.5], revenueShare: 0.8 }], prefixes: ['revenues', ''], options: { index: 1, keys: ['topShares', 'revenueShare'], shadow: ['revenues'] }, lists: [[0], [1, 'topShares']], numeric: [{ path: [0, '*'] }, { path: [1, 'topShares', '*'] }] },
  { name: 'retentionProfitSensitivity', fn: f(lib.retentionProfitSensitivity), args: [{ retentionRate: 0.85, retentionLift: 0.05, margin: 100, discountRate: 0.1, acquisitionCost: 50, costs: 400 }], prefixes: [''], options: { index: 0, keys: ['retentionRate', 'retentionLift', 'margin', 'discountRate', 'acquisitionCost', 'costs'] } },
  { name: 'retentionLiftForProfitChange', fn: f(lib.retentionLiftForProfitChange), args: [{ retentionRate: 0.85, targetChange: 0.25, margin: 100, discountRate: 0.1 }], prefixes: [''], options: { index: 0, keys: ['retentionRate', 'targetChange', 'margin', 'discountRate'] } },
  { name: 'acquisitionCostForProfitChange', fn: f(lib.acquisitionCostForProfitChange), args: [{ retentionRate: 0.85, retentionLift: 0.05, targetChange: 0.95, margin: 100, discountRate: 0.1 }], prefixes: [''], options: { index: 0, keys: ['retentionRate', 'retentionLift', 'targetChange', 'margin', 'discountRate'] } },
  { name: 'retentionProfitElasticity', fn: f(lib.retentionProfitElasticity), args: [{ retentionRate: 0.85, margin: 100, discountRate: 0.1 }], prefixes: [''], options: { index: 0, keys: ['retentionRate', 'margin', 'discountRate'] } },
  { name: 'projectCustomerBase', fn: f(lib.projectCustomerBase), args: [{ newCustomersPerPeriod: 20, retentionRate: 0.9, periods: 5, initialCustomers: 10, margin: 100, acquisitionCost: 150 }], prefixes: [''], options: { index: 0, keys: ['newCustomersPerPeriod', 'retentionRate', 'periods', 'initialCustomers', 'margin', 'acquisitionCost'] } },
  { name: 'fitSbg', fn: f(lib.fitSbg), args: [cohort, { maxIterations: 500, confidenceLevel: 0.9 }], prefixes: ['cohorts', ''], options: { index: 1, keys: ['maxIterations', 'confidenceLevel'], shadow: ['cohorts'] }, lists: [[0]], numeric: [{ path: [0, '*'] }, { path: [0, '*', 'customers'], args: [[{ customers: 1000, lostPerPeriod: [369, 163, 86, 56] }]] }, { path: [0, '*', 'lostPerPeriod', '*'], args: [[{ customers: 1000, lostPerPeriod: [369, 163, 86, 56] }]] }, { path: [0, '*', 'survivors', '*'], args: [[{ survivors: cohort }, { survivors: [500, 300, 200] }]] }], fit: ['alpha', 'beta'] },
  { name: 'fitBdw', fn: f(lib.fitBdw), args: [cohort, { maxIterations: 500, confidenceLevel: 0.9 }], prefixes: ['cohorts', ''], options: { index: 1, keys: ['maxIterations', 'confidenceLevel'], shadow: ['cohorts'] }, lists: [[0]], numeric: [{ path: [0, '*'] }], fit: ['alpha', 'beta', 'c'] },
  { name: 'sbgLogLikelihood', fn: f(lib.sbgLogLikelihood), args: [sbg, cohort], prefixes: ['parameters', 'cohorts'], lists: [[1]], numeric: [{ path: [1, '*'] }] },
  { name: 'bdwLogLikelihood', fn: f(lib.bdwLogLikelihood), args: [{ ...sbg, c: 1.3 }, cohort], prefixes: ['parameters', 'cohorts'], lists: [[1]], numeric: [{ path: [1, '*'] }] },
  { name: 'sbgSurvival', fn: f(lib.sbgSurvival), args: [sbg, { period: 4 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['period'], shadow: ['parameters'] } },
  { name: 'sbgRetentionRate', fn: f(lib.sbgRetentionRate), args: [sbg, { period: 4 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['period'], shadow: ['parameters'] } },
  { name: 'sbgChurnProbability', fn: f(lib.sbgChurnProbability), args: [sbg, { period: 4 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['period'], shadow: ['parameters'] } },
  { name: 'sbgProjectedSurvivors', fn: f(lib.sbgProjectedSurvivors), args: [sbg, { customers: 1000, periods: 12 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['customers', 'periods'], shadow: ['parameters'] } },
  { name: 'sbgExpectedLifetime', fn: f(lib.sbgExpectedLifetime), args: [{ alpha: 3.8, beta: 15.2 }], prefixes: ['parameters'] },
  { name: 'sbgDiscountedExpectedLifetime', fn: f(lib.sbgDiscountedExpectedLifetime), args: [sbg, { discountRate: 0.1 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['discountRate'], shadow: ['parameters'] } },
  { name: 'sbgDiscountedResidualLifetime', fn: f(lib.sbgDiscountedResidualLifetime), args: [sbg, { discountRate: 0.1, periodsActive: 3 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['discountRate', 'periodsActive'], shadow: ['parameters'] } },
  { name: 'sbgLifetimeValue', fn: f(lib.sbgLifetimeValue), args: [sbg, { margin: 100, discountRate: 0.1, periodsActive: 2 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['margin', 'discountRate', 'periodsActive'], shadow: ['parameters'] } },
  { name: 'rfmSummary', fn: f(lib.rfmSummary), args: [transactions, rfmOptions], prefixes: ['transactions', ''], options: { index: 1, keys: ['calibrationEnd', 'holdoutEnd', 'timeUnit'], shadow: ['transactions'] }, rows: [[0]], numeric: [{ path: [0, '*', 'amount'] }, { path: [1, 'timeUnit', 'days'], args: [transactions, { ...rfmOptions, timeUnit: { days: 7 } }] }] },
  { name: 'scoreBgNbd', fn: f(lib.scoreBgNbd), args: [{ purchases: { ...bg, diagnostics: { covariance: [[1e-4, 0, 0, 0], [0, 0.01, 0, 0], [0, 0, 0.004, 0], [0, 0, 0, 0.05]], parameterOrder: ['r', 'alpha', 'a', 'b'] } }, spend: { ...gg, diagnostics: { covariance: [[0.1, 0, 0], [0, 0.01, 0], [0, 0, 0.5]], parameterOrder: ['p', 'q', 'gamma'] } } }, summaries, { horizon: 26, discountRate: 0.002, marginRate: 0.3, intervalLevel: 0.9, draws: 20, seed: 3 }], prefixes: ['fits', 'customers', ''], options: { index: 2, keys: ['horizon', 'discountRate', 'marginRate', 'intervalLevel', 'draws', 'seed'] }, rows: [[1]], numeric: [...summaryFields(1, bgFields), { path: [1, '*', 'monetaryValue'] }] },
  { name: 'scoreParetoNbd', fn: f(lib.scoreParetoNbd), args: [{ purchases: pareto, spend: gg }, summaries, { horizon: 26, discountRate: 0.002, marginRate: 0.3 }], prefixes: ['fits', 'customers', ''], options: { index: 2, keys: ['horizon', 'discountRate', 'marginRate'] }, rows: [[1]], numeric: [...summaryFields(1, bgFields), { path: [1, '*', 'monetaryValue'] }] },
  { name: 'scoreSbg', fn: f(lib.scoreSbg), args: [{ ...sbg, diagnostics: { covariance: [[0.01, 0.002], [0.002, 0.04]], parameterOrder: ['alpha', 'beta'] } }, [{ periodsActive: 1 }, { periodsActive: 4 }], { horizon: 12, discountRate: 0.01, valuePerPeriod: 30, intervalLevel: 0.9, draws: 20, seed: 3 }], prefixes: ['fit', 'subscribers', ''], options: { index: 2, keys: ['horizon', 'discountRate', 'valuePerPeriod', 'intervalLevel', 'draws', 'seed'] }, rows: [[1]], numeric: [{ path: [1, '*', 'periodsActive'] }] },
  { name: 'scoreBdw', fn: f(lib.scoreBdw), args: [{ ...sbg, c: 1.3 }, [{ periodsActive: 1 }, { periodsActive: 4 }], { horizon: 12, discountRate: 0.01, valuePerPeriod: 30 }], prefixes: ['fit', 'subscribers', ''], options: { index: 2, keys: ['horizon', 'discountRate', 'valuePerPeriod'] }, rows: [[1]], numeric: [{ path: [1, '*', 'periodsActive'] }] },
  { name: 'scoreRows', fn: f(lib.scoreRows), args: [lib.scoreBgNbd(bg, summaries, { horizon: 26 }), { sortBy: 'probabilityAlive', order: 'ascending', limit: 3 }], prefixes: ['scores', ''], options: { index: 1, keys: ['sortBy', 'order', 'limit'], shadow: ['scores'] } },
  { name: 'fitBgNbd', fn: f(lib.fitBgNbd), args: [summaries, { maxIterations: 500, confidenceLevel: 0.9 }], prefixes: ['customers', ''], options: { index: 1, keys: ['maxIterations', 'confidenceLevel'], shadow: ['customers'] }, rows: [[0]], numeric: summaryFields(0, bgFields), fit: ['r', 'alpha', 'a', 'b'] },
  { name: 'bgNbdLogLikelihood', fn: f(lib.bgNbdLogLikelihood), args: [bg, summaries], prefixes: ['parameters', 'customers'], rows: [[1]], numeric: summaryFields(1, bgFields) },
  { name: 'bgNbdProbabilityAlive', fn: f(lib.bgNbdProbabilityAlive), args: [bg, history], prefixes: ['parameters', ''], options: { index: 1, keys: ['frequency', 'recency', 'age'], shadow: ['parameters'], rowColumns: rfmRow } },
  { name: 'bgNbdExpectedPurchases', fn: f(lib.bgNbdExpectedPurchases), args: [bg, { ...history, horizon: 39 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['frequency', 'recency', 'age', 'horizon'], shadow: ['parameters'], rowColumns: rfmRow } },
  { name: 'bgNbdExpectedPurchasesNewCustomer', fn: f(lib.bgNbdExpectedPurchasesNewCustomer), args: [bg, { horizon: 39 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['horizon'], shadow: ['parameters'] } },
  { name: 'bgNbdPurchaseCountProbability', fn: f(lib.bgNbdPurchaseCountProbability), args: [bg, { purchases: 2, horizon: 39 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['purchases', 'horizon'], shadow: ['parameters'] } },
  { name: 'bgNbdCalibrationFit', fn: f(lib.bgNbdCalibrationFit), args: [bg, summaries, { maxFrequency: 4 }], prefixes: ['parameters', 'customers', ''], options: { index: 2, keys: ['maxFrequency'], shadow: ['customers', 'parameters'] }, rows: [[1]], numeric: summaryFields(1, bgFields) },
  { name: 'bgNbdHoldoutComparison', fn: f(lib.bgNbdHoldoutComparison), args: [bg, summaries, { horizon: 39, maxFrequency: 4 }], prefixes: ['parameters', 'customers', ''], options: { index: 2, keys: ['horizon', 'maxFrequency'], shadow: ['customers', 'parameters'] }, rows: [[1]], numeric: summaryFields(1, [...bgFields, 'holdoutPurchases']) },
  { name: 'fitGammaGamma', fn: f(lib.fitGammaGamma), args: [summaries, { maxIterations: 500, confidenceLevel: 0.9, zeroSpend: 'exclude' }], prefixes: ['customers', ''], options: { index: 1, keys: ['maxIterations', 'confidenceLevel', 'zeroSpend'], shadow: ['customers'] }, rows: [[0]], numeric: summaryFields(0, ['frequency', 'monetaryValue']), fit: ['p', 'q', 'gamma'] },
  { name: 'gammaGammaLogLikelihood', fn: f(lib.gammaGammaLogLikelihood), args: [gg, summaries], prefixes: ['parameters', 'customers'], rows: [[1]], numeric: summaryFields(1, ['frequency', 'monetaryValue']) },
  { name: 'gammaGammaExpectedSpend', fn: f(lib.gammaGammaExpectedSpend), args: [gg, { frequency: 2, monetaryValue: 22.35 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['frequency', 'monetaryValue'], shadow: ['parameters'], rowColumns: { customerId: 'c1', recency: 30.43, age: 38.86, holdoutPurchases: 1, holdoutSpend: 20 } } },
  { name: 'predictiveLifetimeValue', fn: f(lib.predictiveLifetimeValue), args: [{ purchases: bg, spend: gg }, { ...history, monetaryValue: 22.35, horizon: 12, discountRate: 0.002, marginRate: 0.3 }], prefixes: ['', ''], options: { index: 1, keys: ['frequency', 'recency', 'age', 'monetaryValue', 'horizon', 'discountRate', 'marginRate'], shadow: ['purchases', 'spend'], rowColumns: { customerId: 'c1', holdoutPurchases: 1, holdoutSpend: 20 } } },
  { name: 'fitParetoNbd', fn: f(lib.fitParetoNbd), args: [summaries, { maxIterations: 300, confidenceLevel: 0.9 }], prefixes: ['customers', ''], options: { index: 1, keys: ['maxIterations', 'confidenceLevel'], shadow: ['customers'] }, rows: [[0]], numeric: summaryFields(0, bgFields), fit: ['r', 'alpha', 's', 'beta'] },
  { name: 'paretoNbdLogLikelihood', fn: f(lib.paretoNbdLogLikelihood), args: [pareto, summaries], prefixes: ['parameters', 'customers'], rows: [[1]], numeric: summaryFields(1, bgFields) },
  { name: 'paretoNbdProbabilityAlive', fn: f(lib.paretoNbdProbabilityAlive), args: [pareto, history], prefixes: ['parameters', ''], options: { index: 1, keys: ['frequency', 'recency', 'age'], shadow: ['parameters'], rowColumns: rfmRow } },
  { name: 'paretoNbdExpectedPurchases', fn: f(lib.paretoNbdExpectedPurchases), args: [pareto, { ...history, horizon: 39 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['frequency', 'recency', 'age', 'horizon'], shadow: ['parameters'], rowColumns: rfmRow } },
  { name: 'paretoNbdExpectedPurchasesNewCustomer', fn: f(lib.paretoNbdExpectedPurchasesNewCustomer), args: [pareto, { horizon: 39 }], prefixes: ['parameters', ''], options: { index: 1, keys: ['horizon'], shadow: ['parameters'] } },
  { name: 'periodCounts', fn: f(lib.periodCounts), args: [lifecycles, { from: '2026-02-01', to: '2026-03-01' }], prefixes: ['customers', ''], options: { index: 1, keys: ['from', 'to'], shadow: ['customers'] }, rows: [[0]] },
  { name: 'periodCountsSeries', fn: f(lib.periodCountsSeries), args: [lifecycles, { from: '2026-01-01', periods: 3, period: 'month' }], prefixes: ['customers', ''], options: { index: 1, keys: ['from', 'periods', 'period'], shadow: ['customers'] }, rows: [[0]] },
  { name: 'cohortRetention', fn: f(lib.cohortRetention), args: [events, { period: 'month', asOf: '2026-03-31' }], prefixes: ['events', ''], options: { index: 1, keys: ['period', 'asOf'], shadow: ['events'] }, rows: [[0]] },
  { name: 'revenueRetention', fn: f(lib.revenueRetention), args: [{ startRevenue, endRevenue }], prefixes: [''], options: { index: 0, keys: ['startRevenue', 'endRevenue'] }, rows: [[0, 'startRevenue'], [0, 'endRevenue']], numeric: [{ path: [0, 'startRevenue', '*', 'revenue'] }, { path: [0, 'endRevenue', '*', 'revenue'] }] },
];

export const entryNamed = (name: string): Entry => {
  const entry = entries.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no entry ${name}`);
  return entry;
};

// ---------------------------------------------------------------------------
// Paths into arguments

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** The value at a concrete path (no '*'). */
export function getAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) value = (value as Record<Key, unknown>)[key];
  return value;
}

/**
 * A copy of `root` with `change` applied at `path` ('*' for every element or
 * value); copies only along the path. Where the key is absent, or null, the
 * element is left as it is (a lifecycle without endedAt keeps none).
 */
export function mapAt(
  root: unknown,
  path: Path,
  change: (value: unknown, at: Key[]) => unknown,
  at: Key[] = [],
): unknown {
  if (path.length === 0) return change(root, at);
  const [head, ...rest] = path as [Key, ...Key[]];
  if (head === '*') {
    if (Array.isArray(root)) return root.map((item, i) => mapAt(item, rest, change, [...at, i]));
    if (isPlainObject(root)) {
      return Object.fromEntries(Object.entries(root).map(([k, v]) => [k, mapAt(v, rest, change, [...at, k])]));
    }
    return root;
  }
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = mapAt(root[head as number], rest, change, [...at, head]);
    return copy;
  }
  if (isPlainObject(root)) {
    const current = root[head];
    if (current === undefined || current === null) return root;
    return { ...root, [head]: mapAt(current, rest, change, [...at, head]) };
  }
  return root;
}

/** `mapAt` over the argument list. */
export const mapArgs = (args: readonly unknown[], path: Path, change: (value: unknown, at: Key[]) => unknown) =>
  mapAt(args, path, change) as unknown[];

/** Whether `path` reaches at least one value in `args`. */
export function reaches(args: readonly unknown[], path: Path): boolean {
  let found = false;
  mapArgs(args, path, (v) => {
    found = true;
    return v;
  });
  return found;
}

/** The field name the library's errors use for a concrete path: `transactions[2].at`, `parameters.alpha`. */
export function fieldOf(entry: Entry, path: Path): string {
  const [index, ...keys] = path as [number, ...Key[]];
  let text = entry.prefixes[index] ?? '';
  for (const key of keys) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? key : `.${key}`;
  }
  return text;
}

/** Concrete paths of the top-level numeric fields: numbers directly in an object argument, or in a nested object. */
export function topLevelNumericPaths(entry: Entry): Path[] {
  const paths: Path[] = [];
  entry.args.forEach((arg, i) => {
    if (typeof arg === 'number') paths.push([i]);
    if (!isPlainObject(arg)) return;
    for (const [key, value] of Object.entries(arg)) {
      if (typeof value === 'number') paths.push([i, key]);
      else if (isPlainObject(value) && entry.options?.index !== i) {
        for (const [inner, v] of Object.entries(value)) if (typeof v === 'number') paths.push([i, key, inner]);
      }
    }
  });
  return paths;
}

// ---------------------------------------------------------------------------
// Running a call and judging its outcome

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function run(entry: Entry, args: readonly unknown[]): Outcome {
  try {
    return { ok: true, value: entry.fn(...args) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A short description of an outcome for a failure message (never calls a hostile method). */
export function describeOutcome(outcome: Outcome): string {
  if (outcome.ok) return `a result ${preview(outcome.value)}`;
  const error = outcome.error;
  if (lib.MetricInputError.is(error)) return `MetricInputError field=${String(error.field)} message=${error.message}`;
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}`;
  return `a thrown ${typeof error}`;
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(normalise(value), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 297)}...` : text;
  } catch {
    return '(unprintable)';
  }
}

const isDecimal = (value: unknown): value is { toString(): string; isFinite(): boolean } =>
  value instanceof lib.Decimal || Object.prototype.toString.call(value) === '[object Decimal]';

/** The result with Decimals as `{ decimal: text }` and typed arrays as arrays, for deep equality. */
export function normalise(value: unknown): unknown {
  if (isDecimal(value)) return { decimal: value.toString() };
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** Every path in the result holding NaN, an infinity, or a non-finite Decimal. */
export function nonFinitePaths(value: unknown, where = 'result', found: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push(`${where} = ${value}`);
  } else if (isDecimal(value)) {
    if (!value.isFinite()) found.push(`${where} = Decimal ${value.toString()}`);
  } else if (ArrayBuffer.isView(value)) {
    Array.from(value as unknown as ArrayLike<number>).forEach((v, i) => {
      nonFinitePaths(v, `${where}[${i}]`, found);
    });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      nonFinitePaths(v, `${where}[${i}]`, found);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) nonFinitePaths(v, `${where}.${k}`, found);
  }
  return found;
}

/** Requires a MetricInputError of `entry`, and returns it. */
export function expectInputError(
  entry: Entry,
  outcome: Outcome,
  what: string,
): InstanceType<typeof lib.MetricInputError> {
  expect(outcome.ok, `${what}: expected a MetricInputError, got ${describeOutcome(outcome)}`).toBe(false);
  const error = (outcome as { error: unknown }).error;
  expect(lib.MetricInputError.is(error), `${what}: expected a MetricInputError, got ${describeOutcome(outcome)}`).toBe(
    true,
  );
  const e = error as InstanceType<typeof lib.MetricInputError>;
  expect(e.message.startsWith(`${entry.name}: `), `${what}: the message names the function: ${e.message}`).toBe(true);
  return e;
}

/** A finite result, or a MetricInputError of `entry` that names a field; nothing else. */
export function expectSafe(entry: Entry, outcome: Outcome, what: string): void {
  if (outcome.ok) {
    const found = nonFinitePaths(outcome.value);
    expect(found.length, `${what}: non-finite values in the result: ${found.join('; ')}`).toBe(0);
    return;
  }
  const error = expectInputError(entry, outcome, what);
  expect(error.field, `${what}: the error names a field: ${error.message}`).toBeDefined();
}

/** The results are equal (Decimals by their digits); for fits, the parameters to 1e-12 relative. */
export function expectSameResult(entry: Entry, outcome: Outcome, baseline: unknown, what: string): void {
  expect(outcome.ok, `${what}: expected the result of the plain input, got ${describeOutcome(outcome)}`).toBe(true);
  const value = (outcome as { value: unknown }).value;
  if (entry.fit !== undefined) {
    const got = value as Record<string, number>;
    const want = baseline as Record<string, number>;
    for (const name of [...entry.fit, 'logLikelihood']) {
      const g = got[name] as number;
      const w = want[name] as number;
      expect(Math.abs(g - w) <= 1e-12 * Math.max(1, Math.abs(w)), `${what}: ${name} is ${g}, expected ${w}`).toBe(true);
    }
    return;
  }
  expect(normalise(value), what).toEqual(normalise(baseline));
}

// ---------------------------------------------------------------------------
// Hostile copies of inputs

/** The error a hostile input throws: it must never come out of the library. */
export class UserError extends Error {
  constructor(what: string) {
    super(`the user's own error from ${what}`);
    this.name = 'UserError';
  }
}

/** A copy of `source` where `key` is a getter that throws a UserError. */
export function withThrowingGetter(source: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...source };
  Object.defineProperty(copy, key, {
    enumerable: true,
    configurable: true,
    get() {
      throw new UserError(`the getter of ${key}`);
    },
  });
  return copy;
}

/** A copy of the array `source` where index `index` is a getter that throws a UserError. */
export function arrayWithThrowingIndex(source: readonly unknown[], index: number): unknown[] {
  const copy = [...source];
  Object.defineProperty(copy, index, {
    enumerable: true,
    configurable: true,
    get() {
      throw new UserError(`the getter of index ${index}`);
    },
  });
  return copy;
}

export const TRAPS = ['get', 'ownKeys', 'getOwnPropertyDescriptor', 'has'] as const;
export type Trap = (typeof TRAPS)[number];

/** A Proxy over a copy of `source` whose `trap` throws a UserError. */
export function throwingProxy<T extends object>(source: T, trap: Trap): T {
  const target = (Array.isArray(source) ? [...source] : { ...source }) as T;
  return new Proxy(target, {
    [trap]() {
      throw new UserError(`the proxy's ${trap} trap`);
    },
  });
}

/** A different value of the same kind, which a second read returns (a value read twice gives itself away). */
export function drift(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value + 1 : value * 1.5;
  if (typeof value === 'bigint') return value + 1n;
  if (typeof value === 'string') {
    const alternatives: Record<string, string> = {
      month: 'week',
      week: 'day',
      day: 'week',
      quarter: 'month',
      year: 'month',
      exclude: 'refuse',
      refuse: 'exclude',
      start: 'end',
      end: 'start',
    };
    if (value in alternatives) return alternatives[value];
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (date !== null) return `${date[1]}-${date[2]}-${date[3] === '28' ? '27' : '28'}`;
    return `${value}-drifted`;
  }
  return value;
}

/**
 * A deep copy of `value` in which every property of every plain object and
 * every index of every array is a getter that counts its reads (under its
 * path in `counts`) and returns the original value on the first read and a
 * drifted one on later reads.
 */
export function countingCopy(value: unknown, counts: Map<string, number>, where: string): unknown {
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    value.forEach((item, i) => {
      defineCounting(copy, String(i), countingCopy(item, counts, `${where}[${i}]`), counts, `${where}[${i}]`);
    });
    return copy;
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      defineCounting(copy, key, countingCopy(item, counts, `${where}.${key}`), counts, `${where}.${key}`);
    }
    return copy;
  }
  return value;
}

function defineCounting(target: object, key: string, value: unknown, counts: Map<string, number>, label: string) {
  counts.set(label, 0);
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const n = (counts.get(label) ?? 0) + 1;
      counts.set(label, n);
      return n === 1 ? value : drift(value);
    },
  });
}

/** ISO-like text for a year with four digits (or the expanded six with a sign), for building test dates. */
export function isoYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  return `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
}

/** Epoch ms of a UTC calendar date, for any year (setUTCFullYear, not Date.UTC, which maps 0-99 to 1900-1999). */
export function utcMs(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}
