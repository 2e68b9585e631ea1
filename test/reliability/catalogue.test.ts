/**
 * The adversarial input catalogue: every public function, every field, every
 * kind of hostile value. Each call must either return a finite result or
 * throw MetricInputError with a message naming the field; nothing else (no
 * TypeError, no NaN, no Infinity). The catalogue is data: a new function
 * joins it with one entry.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src';
import { isModelFunction, mutationPart } from '../support/mutation';

type Input = Record<string, unknown>;

interface Entry {
  /** The public function's name. */
  name: string;
  /** Calls it with a flat record of fields. */
  call: (input: Input) => unknown;
  /** A valid input. */
  valid: Input;
  /** Big-O cost, as documented (issue 7 asks the catalogue to state it). */
  cost: string;
}

const sbg = { alpha: 0.7, beta: 1.2 };
const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
const pareto = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
const gg = { p: 6.25, q: 3.74, gamma: 15.4 };
const history = { frequency: 2, recency: 30.43, age: 38.86 };
const summaries = [
  { frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35, holdoutPurchases: 1 },
  { frequency: 1, recency: 1.71, age: 38.86, monetaryValue: 11.77, holdoutPurchases: 0 },
  { frequency: 0, recency: 0, age: 38.86, monetaryValue: 0, holdoutPurchases: 0 },
  { frequency: 6, recency: 30, age: 35, monetaryValue: 35.5, holdoutPurchases: 3 },
  { frequency: 3, recency: 12, age: 20, monetaryValue: 15.2, holdoutPurchases: 1 },
];
const covariateSummaries = summaries.map((row, i) => ({
  ...row,
  covariates: { web: i % 2, firstOrder: row.monetaryValue },
}));
const COV_BG = ['r', 'alpha', 'a', 'b', 'purchaseCoefficients', 'dropoutCoefficients'];
const COV_PARETO = ['r', 'alpha', 's', 'beta', 'purchaseCoefficients', 'dropoutCoefficients'];
const covBg = { ...bg, purchaseCoefficients: { web: 0.3 }, dropoutCoefficients: { firstOrder: -0.01 } };
const covPareto = { ...pareto, purchaseCoefficients: { web: 0.3 }, dropoutCoefficients: { firstOrder: -0.01 } };
const bgbb = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
const BGBB = ['alpha', 'beta', 'gamma', 'delta'];
const histories = [
  { frequency: 6, recency: 6, periods: 6, customers: 3 },
  { frequency: 3, recency: 5, periods: 6, customers: 2 },
  { frequency: 1, recency: 1, periods: 6, customers: 4 },
  { frequency: 0, recency: 0, periods: 6, customers: 6 },
];
// Two purchase fits of the same five customers, as the fit functions return them.
const comparedFits = [
  { name: 'bg', fit: lib.fitBgNbd(summaries) },
  { name: 'pareto', fit: lib.fitParetoNbd(summaries, { maxIterations: 300 }) },
];
const pick = (input: Input, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in input).map((k) => [k, input[k]]));
const omit = (input: Input, keys: string[]) =>
  Object.fromEntries(Object.entries(input).filter(([k]) => !keys.includes(k)));

// biome-ignore format: one line per function keeps the catalogue readable
const catalogue: Entry[] = [
  { name: 'retentionRate', call: (v) => lib.retentionRate(v as never), valid: { customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 }, cost: 'O(1)' },
  { name: 'churnRate', call: (v) => lib.churnRate(v as never), valid: { customersAtStart: 100, lostCustomers: 10 }, cost: 'O(1)' },
  { name: 'averageRevenuePerCustomer', call: (v) => lib.averageRevenuePerCustomer(v as never), valid: { revenue: 1800000, customers: 600 }, cost: 'O(1)' },
  { name: 'customerLifetimeValue', call: (v) => lib.customerLifetimeValue(v as never), valid: { margin: 100, retentionRate: 0.85, discountRate: 0.1, periods: 12, marginGrowth: 0.02, timing: 'end' }, cost: 'O(log periods)' },
  { name: 'maxAcquisitionCost', call: (v) => lib.maxAcquisitionCost(v as never), valid: { lifetimeValue: 500, ltvToCacRatio: 3 }, cost: 'O(1)' },
  { name: 'ltvToCacRatio', call: (v) => lib.ltvToCacRatio(v as never), valid: { lifetimeValue: 500, acquisitionCost: 125 }, cost: 'O(1)' },
  { name: 'cacPaybackPeriods', call: (v) => lib.cacPaybackPeriods(v as never), valid: { acquisitionCost: 300, margin: 40, retentionRate: 0.9, discountRate: 0.01 }, cost: 'O(log k) lifetime values' },
  { name: 'expectedCustomerLifetime', call: (v) => lib.expectedCustomerLifetime(v as never), valid: { churnRate: 0.05 }, cost: 'O(1)' },
  { name: 'convertRatePeriod', call: (v) => lib.convertRatePeriod(v as never), valid: { churnRate: 0.02, fromPeriodLength: 1, toPeriodLength: 12 }, cost: 'O(log k)' },
  { name: 'churnBreakdown', call: (v) => lib.churnBreakdown(v as never), valid: { reasonShares: { price: 0.4, product: 0.3 }, lostCustomers: 100 }, cost: 'O(reasons)' },
  { name: 'referralValue', call: (v) => lib.referralValue(v as never), valid: { lifetimeValue: 90, referralsPerPurchase: 0.1, purchasesPerCustomer: 3 }, cost: 'O(1)' },
  { name: 'topCustomerShare', call: (v) => lib.topCustomerShare(v.revenues as never, v.share as never), valid: { revenues: [500, 300, 100, 50, 50], share: 0.2 }, cost: 'O(n log n)' },
  { name: 'revenueConcentration', call: (v) => lib.revenueConcentration(v.revenues as never, omit(v, ['revenues']) as never), valid: { revenues: [500, 300, 100, 50, 50], topShares: [0.2], revenueShare: 0.8 }, cost: 'O(n log n)' },
  { name: 'retentionProfitSensitivity', call: (v) => lib.retentionProfitSensitivity(v as never), valid: { retentionRate: 0.85, retentionLift: 0.05, margin: 100, discountRate: 0.1, acquisitionCost: 50, costs: 400 }, cost: 'O(log periods)' },
  { name: 'retentionLiftForProfitChange', call: (v) => lib.retentionLiftForProfitChange(v as never), valid: { retentionRate: 0.85, targetChange: 0.25, margin: 100, discountRate: 0.1 }, cost: 'O(1), or 230 bisection steps with periods' },
  { name: 'acquisitionCostForProfitChange', call: (v) => lib.acquisitionCostForProfitChange(v as never), valid: { retentionRate: 0.85, retentionLift: 0.05, targetChange: 0.95, margin: 100, discountRate: 0.1 }, cost: 'O(log periods)' },
  { name: 'retentionProfitElasticity', call: (v) => lib.retentionProfitElasticity(v as never), valid: { retentionRate: 0.85, margin: 100, discountRate: 0.1 }, cost: 'O(log periods)' },
  { name: 'projectCustomerBase', call: (v) => lib.projectCustomerBase(v as never), valid: { newCustomersPerPeriod: 20, retentionRate: 0.9, periods: 5, initialCustomers: 10, margin: 100, acquisitionCost: 150 }, cost: 'O(periods)' },
  { name: 'fitSbg', call: (v) => lib.fitSbg(v.cohorts as never, omit(v, ['cohorts']) as never), valid: { cohorts: [1000, 631, 468, 382, 326], maxIterations: 500 }, cost: 'O(iterations x periods)' },
  { name: 'fitBdw', call: (v) => lib.fitBdw(v.cohorts as never, omit(v, ['cohorts']) as never), valid: { cohorts: [1000, 631, 468, 382, 326] }, cost: 'O(iterations x periods)' },
  { name: 'sbgLogLikelihood', call: (v) => lib.sbgLogLikelihood(pick(v, ['alpha', 'beta']) as never, v.cohorts as never), valid: { ...sbg, cohorts: [1000, 631, 468, 382, 326] }, cost: 'O(total periods)' },
  { name: 'bdwLogLikelihood', call: (v) => lib.bdwLogLikelihood(pick(v, ['alpha', 'beta', 'c']) as never, v.cohorts as never), valid: { ...sbg, c: 1.3, cohorts: [1000, 631, 468, 382, 326] }, cost: 'O(total periods)' },
  { name: 'sbgSurvival', call: (v) => lib.sbgSurvival(pick(v, ['alpha', 'beta']) as never, omit(v, ['alpha', 'beta']) as never), valid: { ...sbg, period: 4 }, cost: 'O(min(t, 2000))' },
  { name: 'sbgRetentionRate', call: (v) => lib.sbgRetentionRate(pick(v, ['alpha', 'beta']) as never, omit(v, ['alpha', 'beta']) as never), valid: { ...sbg, period: 4 }, cost: 'O(1)' },
  { name: 'sbgChurnProbability', call: (v) => lib.sbgChurnProbability(pick(v, ['alpha', 'beta']) as never, omit(v, ['alpha', 'beta']) as never), valid: { ...sbg, period: 4 }, cost: 'O(min(t, 2000))' },
  { name: 'sbgProjectedSurvivors', call: (v) => lib.sbgProjectedSurvivors(pick(v, ['alpha', 'beta']) as never, omit(v, ['alpha', 'beta']) as never), valid: { ...sbg, customers: 1000, periods: 12 }, cost: 'O(periods)' },
  { name: 'sbgExpectedLifetime', call: (v) => lib.sbgExpectedLifetime(v as never), valid: { alpha: 3.8, beta: 15.2 }, cost: 'O(1)' },
  { name: 'sbgDiscountedExpectedLifetime', call: (v) => lib.sbgDiscountedExpectedLifetime(pick(v, ['alpha', 'beta']) as never, omit(v, ['alpha', 'beta']) as never), valid: { ...sbg, discountRate: 0.1 }, cost: 'O(1 / discountRate)' },
  { name: 'sbgDiscountedResidualLifetime', call: (v) => lib.sbgDiscountedResidualLifetime(pick(v, ['alpha', 'beta']) as never, omit(v, ['alpha', 'beta']) as never), valid: { ...sbg, discountRate: 0.1, periodsActive: 3 }, cost: 'O(1 / discountRate)' },
  { name: 'sbgLifetimeValue', call: (v) => lib.sbgLifetimeValue(pick(v, ['alpha', 'beta']) as never, omit(v, ['alpha', 'beta']) as never), valid: { ...sbg, margin: 100, discountRate: 0.1, periodsActive: 2 }, cost: 'O(1 / discountRate)' },
  { name: 'rfmSummary', call: (v) => lib.rfmSummary(v.transactions as never, omit(v, ['transactions']) as never), valid: { transactions: [{ customerId: 'a', at: '1997-01-01', amount: 10 }, { customerId: 'a', at: '1997-02-01', amount: 12 }], calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', timeUnit: 'week' }, cost: 'O(transactions)' },
  { name: 'scoreBgNbd', call: (v) => lib.scoreBgNbd({ purchases: { ...bg, timeUnit: { days: 7 } }, spend: gg }, v.customers as never, omit(v, ['customers']) as never), valid: { customers: summaries, horizon: { months: 12 }, annualDiscountRate: 0.1, marginRate: 0.3 }, cost: 'O(customers x horizon units)' },
  { name: 'scoreMbgNbd', call: (v) => lib.scoreMbgNbd({ purchases: { ...bg, timeUnit: { days: 7 } }, spend: gg }, v.customers as never, omit(v, ['customers']) as never), valid: { customers: summaries, horizon: { months: 12 }, annualDiscountRate: 0.1, marginRate: 0.3 }, cost: 'O(customers x horizon units)' },
  { name: 'scoreParetoNbd', call: (v) => lib.scoreParetoNbd({ purchases: pareto, spend: gg }, v.customers as never, omit(v, ['customers']) as never), valid: { customers: summaries, horizon: 52, discountRate: 0.002, marginRate: 0.3 }, cost: 'O(customers x horizon units)' },
  { name: 'scoreSbg', call: (v) => lib.scoreSbg(sbg, v.subscribers as never, omit(v, ['subscribers']) as never), valid: { subscribers: [{ periodsActive: 1 }, { periodsActive: 4 }], horizon: 12, discountRate: 0.01, valuePerPeriod: 30 }, cost: 'O(distinct tenures x horizon + subscribers)' },
  { name: 'scoreBdw', call: (v) => lib.scoreBdw({ ...sbg, c: 1.3 }, v.subscribers as never, omit(v, ['subscribers']) as never), valid: { subscribers: [{ periodsActive: 1 }, { periodsActive: 4 }], horizon: 12, discountRate: 0.01, valuePerPeriod: 30 }, cost: 'O(distinct tenures x horizon + subscribers)' },
  { name: 'scoreRows', call: (v) => lib.scoreRows(v.scores as never, omit(v, ['scores']) as never), valid: { scores: lib.scoreBgNbd(bg, summaries, { horizon: 26 }), sortBy: 'probabilityAlive', order: 'ascending', limit: 3 }, cost: 'O(n log n)' },
  { name: 'fitBgNbd', call: (v) => lib.fitBgNbd(v.customers as never, omit(v, ['customers']) as never), valid: { customers: summaries }, cost: 'O(iterations x distinct summaries)' },
  { name: 'bgNbdLogLikelihood', call: (v) => lib.bgNbdLogLikelihood(pick(v, ['r', 'alpha', 'a', 'b']) as never, v.customers as never), valid: { ...bg, customers: summaries }, cost: 'O(distinct summaries)' },
  { name: 'bgNbdProbabilityAlive', call: (v) => lib.bgNbdProbabilityAlive(pick(v, ['r', 'alpha', 'a', 'b']) as never, omit(v, ['r', 'alpha', 'a', 'b']) as never), valid: { ...bg, ...history }, cost: 'O(1)' },
  { name: 'bgNbdExpectedPurchases', call: (v) => lib.bgNbdExpectedPurchases(pick(v, ['r', 'alpha', 'a', 'b']) as never, omit(v, ['r', 'alpha', 'a', 'b']) as never), valid: { ...bg, ...history, horizon: 39 }, cost: 'O(series terms)' },
  { name: 'bgNbdExpectedPurchasesNewCustomer', call: (v) => lib.bgNbdExpectedPurchasesNewCustomer(pick(v, ['r', 'alpha', 'a', 'b']) as never, omit(v, ['r', 'alpha', 'a', 'b']) as never), valid: { ...bg, horizon: 39 }, cost: 'O(series terms)' },
  { name: 'bgNbdPurchaseCountProbability', call: (v) => lib.bgNbdPurchaseCountProbability(pick(v, ['r', 'alpha', 'a', 'b']) as never, omit(v, ['r', 'alpha', 'a', 'b']) as never), valid: { ...bg, purchases: 2, horizon: 39 }, cost: 'O(k)' },
  { name: 'bgNbdCalibrationFit', call: (v) => lib.bgNbdCalibrationFit(pick(v, ['r', 'alpha', 'a', 'b']) as never, v.customers as never, omit(v, ['r', 'alpha', 'a', 'b', 'customers']) as never), valid: { ...bg, customers: summaries, maxFrequency: 4 }, cost: 'O(customers + distinct ages x maxFrequency)' },
  { name: 'bgNbdHoldoutComparison', call: (v) => lib.bgNbdHoldoutComparison(pick(v, ['r', 'alpha', 'a', 'b']) as never, v.customers as never, omit(v, ['r', 'alpha', 'a', 'b', 'customers']) as never), valid: { ...bg, customers: summaries, horizon: 39, maxFrequency: 4 }, cost: 'O(customers)' },
  { name: 'fitGammaGamma', call: (v) => lib.fitGammaGamma(v.customers as never, omit(v, ['customers']) as never), valid: { customers: summaries }, cost: 'O(iterations x distinct summaries)' },
  { name: 'gammaGammaLogLikelihood', call: (v) => lib.gammaGammaLogLikelihood(pick(v, ['p', 'q', 'gamma']) as never, v.customers as never), valid: { ...gg, customers: summaries }, cost: 'O(customers)' },
  { name: 'gammaGammaExpectedSpend', call: (v) => lib.gammaGammaExpectedSpend(pick(v, ['p', 'q', 'gamma']) as never, omit(v, ['p', 'q', 'gamma']) as never), valid: { ...gg, frequency: 2, monetaryValue: 22.35 }, cost: 'O(1)' },
  { name: 'predictiveLifetimeValue', call: (v) => lib.predictiveLifetimeValue({ purchases: pick(v, ['r', 'alpha', 'a', 'b']), spend: pick(v, ['p', 'q', 'gamma']) } as never, omit(v, ['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma']) as never), valid: { ...bg, ...gg, ...history, monetaryValue: 22.35, horizon: 12, discountRate: 0.002, marginRate: 0.3 }, cost: 'O(horizon)' },
  { name: 'fitBgBb', call: (v) => lib.fitBgBb(v.customers as never, omit(v, ['customers']) as never), valid: { customers: histories }, cost: 'O(evaluations x distinct histories x periods)' },
  { name: 'bgBbLogLikelihood', call: (v) => lib.bgBbLogLikelihood(pick(v, BGBB) as never, v.customers as never), valid: { ...bgbb, customers: histories }, cost: 'O(distinct histories x periods)' },
  { name: 'bgBbProbabilityAlive', call: (v) => lib.bgBbProbabilityAlive(pick(v, BGBB) as never, omit(v, BGBB) as never), valid: { ...bgbb, frequency: 3, recency: 5, periods: 6 }, cost: 'O(periods)' },
  { name: 'bgBbExpectedTransactions', call: (v) => lib.bgBbExpectedTransactions(pick(v, BGBB) as never, omit(v, BGBB) as never), valid: { ...bgbb, frequency: 3, recency: 5, periods: 6, futurePeriods: 5 }, cost: 'O(periods + futurePeriods)' },
  { name: 'bgBbExpectedTransactionsNewCustomer', call: (v) => lib.bgBbExpectedTransactionsNewCustomer(pick(v, BGBB) as never, omit(v, BGBB) as never), valid: { ...bgbb, periods: 6 }, cost: 'O(periods)' },
  { name: 'bgBbDiscountedResidualTransactions', call: (v) => lib.bgBbDiscountedResidualTransactions(pick(v, BGBB) as never, omit(v, BGBB) as never), valid: { ...bgbb, frequency: 3, recency: 5, periods: 6, discountRate: 0.1 }, cost: 'O(periods + 1 / discountRate)' },
  { name: 'bgNbdProbabilityAliveSql', call: (v) => lib.bgNbdProbabilityAliveSql(pick(v, ['r', 'alpha', 'a', 'b']) as never, omit(v, ['r', 'alpha', 'a', 'b']) as never), valid: { ...bg, dialect: 'postgres', columns: { age: 't_cal' } }, cost: 'O(1)' },
  { name: 'gammaGammaExpectedSpendSql', call: (v) => lib.gammaGammaExpectedSpendSql(pick(v, ['p', 'q', 'gamma']) as never, omit(v, ['p', 'q', 'gamma']) as never), valid: { ...gg, dialect: 'duckdb' }, cost: 'O(1)' },
  { name: 'sbgRetentionRateSql', call: (v) => lib.sbgRetentionRateSql(pick(v, ['alpha', 'beta']) as never, omit(v, ['alpha', 'beta']) as never), valid: { ...sbg, columns: { period: 'tenure' } }, cost: 'O(1)' },
  { name: 'fitBgNbdWithCovariates', call: (v) => lib.fitBgNbdWithCovariates(v.customers as never, omit(v, ['customers']) as never), valid: { customers: covariateSummaries, purchaseCovariates: ['web', 'firstOrder'], dropoutCovariates: ['web'], maxIterations: 300 }, cost: 'O(evaluations x distinct pairs of summary and covariate values)' },
  { name: 'bgNbdWithCovariatesLogLikelihood', call: (v) => lib.bgNbdWithCovariatesLogLikelihood(pick(v, COV_BG) as never, v.customers as never), valid: { ...covBg, customers: covariateSummaries }, cost: 'O(distinct pairs of summary and covariate values + the largest frequency)' },
  { name: 'fitParetoNbdWithCovariates', call: (v) => lib.fitParetoNbdWithCovariates(v.customers as never, omit(v, ['customers']) as never), valid: { customers: covariateSummaries, purchaseCovariates: ['web'], dropoutCovariates: ['firstOrder'], maxIterations: 300 }, cost: 'O(evaluations x distinct pairs of summary and covariate values x terms)' },
  { name: 'paretoNbdWithCovariatesLogLikelihood', call: (v) => lib.paretoNbdWithCovariatesLogLikelihood(pick(v, COV_PARETO) as never, v.customers as never), valid: { ...covPareto, customers: covariateSummaries }, cost: 'O(distinct pairs of summary and covariate values x terms)' },
  { name: 'covariateParameters', call: (v) => lib.covariateParameters(pick(v, ['model', ...COV_BG]) as never, v.covariates as never), valid: { model: 'bgnbd-covariates', ...covBg, covariates: { web: 1, firstOrder: 22.35 } }, cost: 'O(covariates)' },
  { name: 'fitMbgNbd', call: (v) => lib.fitMbgNbd(v.customers as never, omit(v, ['customers']) as never), valid: { customers: summaries }, cost: 'O(iterations x distinct summaries)' },
  { name: 'mbgNbdLogLikelihood', call: (v) => lib.mbgNbdLogLikelihood(pick(v, ['r', 'alpha', 'a', 'b']) as never, v.customers as never), valid: { ...bg, customers: summaries }, cost: 'O(distinct summaries)' },
  { name: 'mbgNbdProbabilityAlive', call: (v) => lib.mbgNbdProbabilityAlive(pick(v, ['r', 'alpha', 'a', 'b']) as never, omit(v, ['r', 'alpha', 'a', 'b']) as never), valid: { ...bg, ...history }, cost: 'O(1)' },
  { name: 'mbgNbdExpectedPurchases', call: (v) => lib.mbgNbdExpectedPurchases(pick(v, ['r', 'alpha', 'a', 'b']) as never, omit(v, ['r', 'alpha', 'a', 'b']) as never), valid: { ...bg, ...history, horizon: 39 }, cost: 'O(series terms)' },
  { name: 'mbgNbdExpectedPurchasesNewCustomer', call: (v) => lib.mbgNbdExpectedPurchasesNewCustomer(pick(v, ['r', 'alpha', 'a', 'b']) as never, omit(v, ['r', 'alpha', 'a', 'b']) as never), valid: { ...bg, horizon: 39 }, cost: 'O(series terms)' },
  { name: 'purchaseTracking', call: (v) => lib.purchaseTracking(v.transactions as never, omit(v, ['transactions']) as never), valid: { transactions: [{ customerId: 'a', at: '1997-01-01' }, { customerId: 'a', at: '1997-02-01' }], fit: { model: 'bgnbd', ...bg }, calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', timeUnit: 'week' }, cost: 'O(transactions + customers log periods + distinct birth days x periods)' },
  { name: 'purchaseFrequencyHistogram', call: (v) => lib.purchaseFrequencyHistogram(v.fit as never, v.customers as never, omit(v, ['fit', 'customers']) as never), valid: { fit: { model: 'bgnbd', ...bg }, customers: summaries, maxFrequency: 4 }, cost: 'O(customers + distinct ages x maxFrequency)' },
  { name: 'probabilityAliveGrid', call: (v) => lib.probabilityAliveGrid(v.fit as never, omit(v, ['fit']) as never), valid: { fit: { model: 'bgnbd', ...bg }, age: 38.86, maxFrequency: 3, recencyStep: 5 }, cost: 'O(cells)' },
  { name: 'retentionCurves', call: (v) => lib.retentionCurves(v.fit as never, omit(v, ['fit']) as never), valid: { fit: lib.fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]), periods: 12, intervalLevel: 0.9, draws: 200, seed: 1, observed: [1000, 631, 468] }, cost: 'O(draws x periods)' },
  { name: 'compareModels', call: (v) => lib.compareModels(v.fits as never, omit(v, ['fits']) as never), valid: { fits: comparedFits, holdout: { customers: summaries, horizon: 39 } }, cost: 'O(fits), plus one scoring of the holdout per purchase model' },
  { name: 'fitParetoNbd', call: (v) => lib.fitParetoNbd(v.customers as never, omit(v, ['customers']) as never), valid: { customers: summaries, maxIterations: 300 }, cost: 'O(evaluations x distinct summaries x terms)' },
  { name: 'paretoNbdLogLikelihood', call: (v) => lib.paretoNbdLogLikelihood(pick(v, ['r', 'alpha', 's', 'beta']) as never, v.customers as never), valid: { ...pareto, customers: summaries }, cost: 'O(distinct summaries x terms)' },
  { name: 'paretoNbdProbabilityAlive', call: (v) => lib.paretoNbdProbabilityAlive(pick(v, ['r', 'alpha', 's', 'beta']) as never, omit(v, ['r', 'alpha', 's', 'beta']) as never), valid: { ...pareto, ...history }, cost: 'O(a few dozen terms or a few hundred quadrature nodes)' },
  { name: 'paretoNbdExpectedPurchases', call: (v) => lib.paretoNbdExpectedPurchases(pick(v, ['r', 'alpha', 's', 'beta']) as never, omit(v, ['r', 'alpha', 's', 'beta']) as never), valid: { ...pareto, ...history, horizon: 39 }, cost: 'O(a few dozen terms or a few hundred quadrature nodes)' },
  { name: 'paretoNbdExpectedPurchasesNewCustomer', call: (v) => lib.paretoNbdExpectedPurchasesNewCustomer(pick(v, ['r', 'alpha', 's', 'beta']) as never, omit(v, ['r', 'alpha', 's', 'beta']) as never), valid: { ...pareto, horizon: 39 }, cost: 'O(1)' },
  { name: 'periodCounts', call: (v) => lib.periodCounts(v.customers as never, omit(v, ['customers']) as never), valid: { customers: [{ customerId: 'a', startedAt: '2026-01-15' }, { customerId: 'b', startedAt: '2026-02-03', endedAt: '2026-02-20' }], from: '2026-02-01', to: '2026-03-01' }, cost: 'O(lifecycles)' },
  { name: 'survivorsByTenure', call: (v) => lib.survivorsByTenure(v.subscriptions as never, omit(v, ['subscriptions']) as never), valid: { subscriptions: [{ customerId: 'a', startedAt: '2026-01-15', endedAt: '2026-04-10' }, { customerId: 'b', startedAt: '2026-01-20' }], period: 'month', asOf: '2026-06-30', cohortPeriod: 'quarter' }, cost: 'O(subscriptions x renewals)' },
  { name: 'periodCountsSeries', call: (v) => lib.periodCountsSeries(v.customers as never, omit(v, ['customers']) as never), valid: { customers: [{ customerId: 'a', startedAt: '2026-01-15', endedAt: '2026-03-10' }], from: '2026-01-01', periods: 3, period: 'month' }, cost: 'O(lifecycles x periods)' },
  { name: 'cohortRetention', call: (v) => lib.cohortRetention(v.events as never, omit(v, ['events']) as never), valid: { events: [{ customerId: 'a', at: '2026-01-05' }, { customerId: 'a', at: '2026-02-11' }], period: 'month', asOf: '2026-03-31' }, cost: 'O(events + cohorts x periods)' },
  { name: 'revenueRetention', call: (v) => lib.revenueRetention(v as never), valid: { startRevenue: [{ customerId: 'a', revenue: 100 }], endRevenue: [{ customerId: 'a', revenue: 120 }] }, cost: 'O(customers)' },
  { name: 'mrrAt', call: (v) => lib.mrrAt(v.subscriptions as never, omit(v, ['subscriptions']) as never), valid: { subscriptions: [{ customerId: 'a', startedAt: '2026-01-15', amount: 50 }, { customerId: 'b', startedAt: '2026-01-20', amount: 1200, interval: 'year', discount: 100 }], at: '2026-02-01' }, cost: 'O(rows)' },
  { name: 'mrrMovements', call: (v) => lib.mrrMovements(v.subscriptions as never, omit(v, ['subscriptions']) as never), valid: { subscriptions: [{ customerId: 'a', startedAt: '2026-01-15', amount: 50 }, { customerId: 'b', startedAt: '2026-01-20', endedAt: '2026-02-10', amount: 1200, interval: 'year' }], from: '2026-01-01', periods: 2, convention: 'chartmogul', grossMargin: 0.8 }, cost: 'O(rows + customers x periods)' },
];

const ForeignDecimal = DecimalJs.clone({ precision: 5 });
const hostile: Array<[string, unknown]> = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['-0', -0],
  ["'1e309'", '1e309'],
  ["'0x10'", '0x10'],
  ["' 12 '", ' 12 '],
  ["'1,000'", '1,000'],
  ["''", ''],
  ['null', null],
  ['undefined', undefined],
  ['true', true],
  ['false', false],
  [
    'a hostile valueOf',
    {
      valueOf: () => {
        throw new Error('valueOf called');
      },
    },
  ],
  [
    'a hostile toString',
    {
      toString: () => {
        throw new Error('toString called');
      },
    },
  ],
  ['an object without prototype', Object.create(null)],
  ['an empty array', []],
  // biome-ignore lint/suspicious/noSparseArray: a hole in an array is one of the hostile inputs
  ['a sparse array', [1, , 3]],
  ['a Decimal from another copy of decimal.js', new ForeignDecimal('0.5')],
  [
    'a forged Decimal whose digits cannot be read',
    Object.create(lib.Decimal.prototype, {
      d: {
        get: () => {
          throw new Error('digits read');
        },
      },
    }),
  ],
  ['a bigint above 2^53', 2n ** 60n],
  ['a fraction 0.5', 0.5],
  ['1.5', 1.5],
  ['-1', -1],
  ['1e300', 1e300],
  ['a symbol', Symbol('x')],
  ['a function', () => 1],
];

/** Every number in the result is finite, every Decimal finite. */
function assertFinite(value: unknown, where = 'result'): void {
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${where} is ${value}`).toBe(true);
  } else if (value instanceof lib.Decimal) {
    expect(value.isFinite(), `${where} is ${value.toString()}`).toBe(true);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) assertFinite(item, `${where}[${i}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) assertFinite(item, `${where}.${key}`);
  }
}

/** Runs one call: a finite result, or a MetricInputError that names `field`; nothing else. */
function expectSafe(entry: Entry, input: Input, field: string | undefined): void {
  let result: unknown;
  try {
    result = entry.call(input);
  } catch (error) {
    expect(lib.MetricInputError.is(error), `${entry.name} threw ${String(error)}`).toBe(true);
    const message = (error as Error).message;
    expect(message.startsWith(`${entry.name}: `), message).toBe(true);
    if (field !== undefined) expect(message, 'the message names the field').toContain(field);
    return;
  }
  assertFinite(result);
}

describe('the adversarial input catalogue', () => {
  it('covers every public function', () => {
    const functions = Object.keys(lib).filter((name) => !/^[A-Z]/.test(name) && !name.endsWith('Schema'));
    expect(catalogue.map((e) => e.name).sort()).toEqual(functions.sort());
    for (const entry of catalogue) expect(entry.cost).toMatch(/^O\(/);
  });

  // A closed-form mutation run leaves the models' entries to the models' run (see test/support/mutation.ts).
  const entries = mutationPart === 'closed-form' ? catalogue.filter((e) => !isModelFunction(e.name)) : catalogue;
  describe.each(entries)('$name', (entry) => {
    it('accepts its valid input with a finite result', () => {
      assertFinite(entry.call(entry.valid));
    });

    it('gives a finite result or a MetricInputError naming the field, for every hostile value in every field', () => {
      for (const field of Object.keys(entry.valid)) {
        for (const [, value] of hostile) expectSafe(entry, { ...entry.valid, [field]: value }, field);
      }
    });

    it('names each field when it is missing, or works without it', () => {
      for (const field of Object.keys(entry.valid)) expectSafe(entry, omit(entry.valid, [field]), field);
    });

    it('is not fooled by __proto__ or constructor keys, or an extra field', () => {
      const polluted = { ...JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 5}'), ...entry.valid };
      expectSafe(entry, polluted, undefined);
      expectSafe(entry, { ...entry.valid, surplus: 1 }, undefined);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});
