import { describe, expect, it } from 'vitest';
import * as lib from '../src';

// The data-set readers validate row by row (their errors name the row); their schemas wrap those readers.
const dataFunctions = [
  'cohortRetention',
  'periodCounts',
  'periodCountsSeries',
  'revenueRetention',
  'survivorsByTenure',
  'mrrMovements',
  'mrrAt',
];

// The public surface, pinned: adding or removing an export must be a decision, made here.
const functions = [
  ...dataFunctions,
  'acquisitionCostForProfitChange',
  'bgNbdCalibrationFit',
  'bgNbdExpectedPurchases',
  'bgNbdLogLikelihood',
  'bgNbdExpectedPurchasesNewCustomer',
  'bgNbdHoldoutComparison',
  'bgNbdProbabilityAlive',
  'bgNbdPurchaseCountProbability',
  'bdwLogLikelihood',
  'compareModels',
  'probabilityAliveGrid',
  'purchaseFrequencyHistogram',
  'purchaseTracking',
  'retentionCurves',
  'fitMbgNbd',
  'mbgNbdLogLikelihood',
  'mbgNbdProbabilityAlive',
  'mbgNbdExpectedPurchases',
  'mbgNbdExpectedPurchasesNewCustomer',
  'scoreMbgNbd',
  'fitBgNbdWithCovariates',
  'bgNbdWithCovariatesLogLikelihood',
  'fitParetoNbdWithCovariates',
  'paretoNbdWithCovariatesLogLikelihood',
  'covariateParameters',
  'bgNbdProbabilityAliveSql',
  'gammaGammaExpectedSpendSql',
  'sbgRetentionRateSql',
  'bgBbDiscountedResidualTransactions',
  'bgBbExpectedTransactions',
  'bgBbExpectedTransactionsNewCustomer',
  'bgBbLogLikelihood',
  'bgBbProbabilityAlive',
  'fitBgBb',
  'fitBdw',
  'fitBgNbd',
  'fitGammaGamma',
  'fitParetoNbd',
  'paretoNbdExpectedPurchases',
  'paretoNbdExpectedPurchasesNewCustomer',
  'paretoNbdLogLikelihood',
  'paretoNbdProbabilityAlive',
  'fitSbg',
  'gammaGammaExpectedSpend',
  'gammaGammaLogLikelihood',
  'predictiveLifetimeValue',
  'rfmSummary',
  'sbgChurnProbability',
  'sbgDiscountedExpectedLifetime',
  'sbgDiscountedResidualLifetime',
  'sbgExpectedLifetime',
  'sbgLifetimeValue',
  'sbgLogLikelihood',
  'sbgProjectedSurvivors',
  'sbgRetentionRate',
  'sbgSurvival',
  'scoreBdw',
  'scoreBgNbd',
  'scoreParetoNbd',
  'scoreRows',
  'scoreSbg',
  'averageRevenuePerCustomer',
  'cacPaybackPeriods',
  'churnBreakdown',
  'churnRate',
  'convertRatePeriod',
  'customerLifetimeValue',
  'expectedCustomerLifetime',
  'ltvToCacRatio',
  'maxAcquisitionCost',
  'projectCustomerBase',
  'referralValue',
  'retentionLiftForProfitChange',
  'retentionProfitElasticity',
  'retentionProfitSensitivity',
  'retentionRate',
  'revenueConcentration',
  'topCustomerShare',
];

describe('the export list', () => {
  it('is exactly the functions, their schemas, Decimal and MetricInputError', () => {
    const expected = [...functions, ...functions.map((name) => `${name}Schema`), 'Decimal', 'MetricInputError'].sort();
    expect(Object.keys(lib).sort()).toEqual(expected);
  });

  it('holds a zod schema with safeParse for every function', () => {
    const exports = lib as unknown as Record<string, { safeParse?: unknown }>;
    for (const name of functions.filter((n) => !dataFunctions.includes(n)))
      expect(typeof exports[`${name}Schema`]?.safeParse, name).toBe('function');
  });

  it('includes every function of the core contract in DESIGN.md', () => {
    for (const name of [
      'retentionRate',
      'churnRate',
      'averageRevenuePerCustomer',
      'customerLifetimeValue',
      'maxAcquisitionCost',
      'topCustomerShare',
      'revenueConcentration',
      'retentionProfitSensitivity',
      'projectCustomerBase',
    ]) {
      expect(typeof (lib as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
