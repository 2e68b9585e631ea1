/**
 * retention-metrics: the numbers a business uses to choose between keeping
 * customers and buying new ones, computed exactly.
 *
 * Every closed-form result is a Decimal from the library's own decimal.js
 * clone (34 significant digits, round half even); bad input throws
 * {@link MetricInputError}, never returns `NaN`.
 *
 * @packageDocumentation
 */

export type { CacPaybackPeriodsOptions, CacPaybackPeriodsResult } from './acquisition/cacPaybackPeriods';
export { cacPaybackPeriods, cacPaybackPeriodsSchema } from './acquisition/cacPaybackPeriods';
export type { LtvToCacRatioOptions } from './acquisition/ltvToCacRatio';
export { ltvToCacRatio, ltvToCacRatioSchema } from './acquisition/ltvToCacRatio';
export type { MaxAcquisitionCostOptions } from './acquisition/maxAcquisitionCost';
export { maxAcquisitionCost, maxAcquisitionCostSchema } from './acquisition/maxAcquisitionCost';
export type {
  RevenueConcentrationOptions,
  RevenueConcentrationResult,
  RevenueVector,
  TopShareLine,
} from './concentration/revenueConcentration';
export { revenueConcentration, revenueConcentrationSchema } from './concentration/revenueConcentration';
export { topCustomerShare, topCustomerShareSchema } from './concentration/topCustomerShare';
export {
  type ActivityEvent,
  type Cohort as RetentionCohort,
  type CohortRetention,
  type CohortRetentionOptions,
  type CohortRow,
  cohortRetention,
  cohortRetentionSchema,
  type EventColumns,
} from './data/cohortRetention';
export type { Column, ColumnTable, ColumnVector } from './data/columns';
export type { Lifecycle, LifecycleColumns } from './data/lifecycles';
export {
  type PeriodCounts,
  type PeriodCountsOptions,
  type PeriodCountsSeriesOptions,
  periodCounts,
  periodCountsSchema,
  periodCountsSeries,
  periodCountsSeriesSchema,
} from './data/periodCounts';
export type { PeriodUnit } from './data/periods';
export {
  type CustomerRevenue,
  type RevenueColumns,
  type RevenueRetentionOptions,
  type RevenueRetentionResult,
  revenueRetention,
  revenueRetentionSchema,
} from './data/revenueRetention';
export {
  type SurvivorsByTenure,
  type SurvivorsByTenureOptions,
  survivorsByTenure,
  survivorsByTenureSchema,
  type TenureCohort,
} from './data/survivorsByTenure';
export type { DateInput } from './internal/calendar';
export { Decimal } from './internal/decimal';
export type { MetricInputIssue } from './internal/errors';
export { MetricInputError } from './internal/errors';
export type { RevenueList } from './internal/revenues';
export type { MetricSchema } from './internal/schema';
export type { OpportunityHistory } from './models/bgbb/bgBbData';
export type { BgBbParameters } from './models/bgbb/bgBbMath';
export {
  type BgBbHistory,
  bgBbDiscountedResidualTransactions,
  bgBbDiscountedResidualTransactionsSchema,
  bgBbExpectedTransactions,
  bgBbExpectedTransactionsNewCustomer,
  bgBbExpectedTransactionsNewCustomerSchema,
  bgBbExpectedTransactionsSchema,
  bgBbProbabilityAlive,
  bgBbProbabilityAliveSchema,
} from './models/bgbb/bgBbPredictions';
export {
  type BgBbFit,
  type BgBbParameterName,
  bgBbLogLikelihood,
  bgBbLogLikelihoodSchema,
  type FitBgBbOptions,
  fitBgBb,
  fitBgBbSchema,
} from './models/bgbb/fitBgBb';
export {
  type ComparableFit,
  type CompareModelsOptions,
  type ComparisonHoldout,
  compareModels,
  compareModelsSchema,
  type LikelihoodRatioTest,
  type ModelComparison,
  type ModelComparisonRow,
} from './models/comparison/compareModels';
export type { CovariateCustomer, CovariateCustomers } from './models/covariates/covariateData';
export {
  type BgNbdCovariateModel,
  covariateParameters,
  covariateParametersSchema,
  type ParetoNbdCovariateModel,
} from './models/covariates/covariateParameters';
export {
  type BgNbdCovariateFit,
  type BgNbdCovariateParameters,
  bgNbdWithCovariatesLogLikelihood,
  bgNbdWithCovariatesLogLikelihoodSchema,
  type FitWithCovariatesOptions,
  fitBgNbdWithCovariates,
  fitBgNbdWithCovariatesSchema,
} from './models/covariates/fitBgNbdWithCovariates';
export {
  fitParetoNbdWithCovariates,
  fitParetoNbdWithCovariatesSchema,
  type ParetoNbdCovariateFit,
  type ParetoNbdCovariateParameters,
  paretoNbdWithCovariatesLogLikelihood,
  paretoNbdWithCovariatesLogLikelihoodSchema,
} from './models/covariates/fitParetoNbdWithCovariates';
export {
  type ProbabilityAliveCell,
  type ProbabilityAliveGridOptions,
  probabilityAliveGrid,
  probabilityAliveGridSchema,
} from './models/diagnostics/probabilityAliveGrid';
export {
  type PurchaseFrequencyHistogramOptions,
  purchaseFrequencyHistogram,
  purchaseFrequencyHistogramSchema,
} from './models/diagnostics/purchaseFrequencyHistogram';
export type { PurchaseModelFit, PurchaseModelName } from './models/diagnostics/purchaseModels';
export {
  type PurchaseTracking,
  type PurchaseTrackingOptions,
  type PurchaseTrackingRow,
  purchaseTracking,
  purchaseTrackingSchema,
} from './models/diagnostics/purchaseTracking';
export {
  type RetentionCurveRow,
  type RetentionCurves,
  type RetentionCurvesOptions,
  retentionCurves,
  retentionCurvesSchema,
} from './models/diagnostics/retentionCurves';
export type { Cohort, CohortInput, CohortLosses, CohortSurvivors } from './models/internal/cohorts';
export type { FitOptions, TimedFitOptions } from './models/internal/fitOptions';
export type {
  BoundaryDirection,
  FitBoundary,
  FitDiagnostics,
  ParameterInterval,
} from './models/internal/fitting';
export type { CalendarDuration, Horizon } from './models/internal/terms';
export type { UnitLength } from './models/internal/units';
export {
  type BgNbdParameters,
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNewCustomer,
  bgNbdExpectedPurchasesNewCustomerSchema,
  bgNbdExpectedPurchasesSchema,
  bgNbdProbabilityAlive,
  bgNbdProbabilityAliveSchema,
  bgNbdPurchaseCountProbability,
  bgNbdPurchaseCountProbabilitySchema,
  type CustomerHistory,
} from './models/nbd/bgNbdPredictions';
export {
  type BgNbdFit,
  type BgNbdParameterName,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodSchema,
  type CustomerSummaries,
  type FitBgNbdOptions,
  fitBgNbd,
  fitBgNbdSchema,
  type SummaryTable,
} from './models/nbd/fitBgNbd';
export {
  type FitMbgNbdOptions,
  fitMbgNbd,
  fitMbgNbdSchema,
  type MbgNbdFit,
  mbgNbdLogLikelihood,
  mbgNbdLogLikelihoodSchema,
} from './models/nbd/fitMbgNbd';
export {
  bgNbdCalibrationFit,
  bgNbdCalibrationFitSchema,
  bgNbdHoldoutComparison,
  bgNbdHoldoutComparisonSchema,
  type CalibrationFitRow,
  type HoldoutComparisonRow,
} from './models/nbd/fitQuality';
export {
  type FitGammaGammaOptions,
  fitGammaGamma,
  fitGammaGammaSchema,
  type GammaGammaFit,
  type GammaGammaParameterName,
  type GammaGammaParameters,
  gammaGammaExpectedSpend,
  gammaGammaExpectedSpendSchema,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodSchema,
  type SpendSummaries,
  type SpendSummary,
  type SpendTable,
} from './models/nbd/gammaGamma';
export type { ZeroSpendRule } from './models/nbd/gammaGammaLikelihood';
export {
  mbgNbdExpectedPurchases,
  mbgNbdExpectedPurchasesNewCustomer,
  mbgNbdExpectedPurchasesNewCustomerSchema,
  mbgNbdExpectedPurchasesSchema,
  mbgNbdProbabilityAlive,
  mbgNbdProbabilityAliveSchema,
} from './models/nbd/mbgNbdPredictions';
export {
  type FitParetoNbdOptions,
  fitParetoNbd,
  fitParetoNbdSchema,
  type ParetoNbdFit,
  type ParetoNbdParameterName,
  type ParetoNbdParameters,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNewCustomer,
  paretoNbdExpectedPurchasesNewCustomerSchema,
  paretoNbdExpectedPurchasesSchema,
  paretoNbdLogLikelihood,
  paretoNbdLogLikelihoodSchema,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityAliveSchema,
} from './models/nbd/paretoNbd';
export {
  type PredictiveLifetimeValueOptions,
  predictiveLifetimeValue,
  predictiveLifetimeValueSchema,
} from './models/nbd/predictiveLifetimeValue';
export {
  type CustomUnit,
  type RfmCustomer,
  type RfmSummary,
  type RfmSummaryOptions,
  rfmSummary,
  rfmSummarySchema,
  type TimeUnit,
  type Transaction,
  type TransactionColumns,
} from './models/nbd/rfmSummary';
export type { FrequencyRecency } from './models/nbd/summaryData';
export {
  type BdwFit,
  type BdwParameters,
  bdwLogLikelihood,
  bdwLogLikelihoodSchema,
  type FitBdwOptions,
  fitBdw,
  fitBdwSchema,
  type ModelScores,
  type RetentionModelComparison,
} from './models/sbg/fitBdw';
export {
  type FitSbgOptions,
  fitSbg,
  fitSbgSchema,
  type SbgFit,
  sbgLogLikelihood,
  sbgLogLikelihoodSchema,
} from './models/sbg/fitSbg';
export type { RetentionParameterName } from './models/sbg/retentionLikelihood';
export { sbgChurnProbability, sbgChurnProbabilitySchema } from './models/sbg/sbgChurnProbability';
export {
  type SbgDiscountedExpectedLifetimeOptions,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedExpectedLifetimeSchema,
} from './models/sbg/sbgDiscountedExpectedLifetime';
export {
  type SbgDiscountedResidualLifetimeOptions,
  sbgDiscountedResidualLifetime,
  sbgDiscountedResidualLifetimeSchema,
} from './models/sbg/sbgDiscountedResidualLifetime';
export { sbgExpectedLifetime, sbgExpectedLifetimeSchema } from './models/sbg/sbgExpectedLifetime';
export { type SbgLifetimeValueOptions, sbgLifetimeValue, sbgLifetimeValueSchema } from './models/sbg/sbgLifetimeValue';
export {
  type SbgProjectedSurvivorsOptions,
  sbgProjectedSurvivors,
  sbgProjectedSurvivorsSchema,
} from './models/sbg/sbgProjectedSurvivors';
export { sbgRetentionRate, sbgRetentionRateSchema } from './models/sbg/sbgRetentionRate';
export { sbgSurvival, sbgSurvivalSchema } from './models/sbg/sbgSurvival';
export type { SbgParameters } from './models/sbg/types';
export type { ColumnValues, CustomerId } from './models/scoring/customerTable';
export type { ColumnInterval, Interval, IntervalSettings } from './models/scoring/intervals';
export type { PurchaseIntervals } from './models/scoring/purchaseIntervals';
export {
  type FitCovariance,
  type Fitted,
  type PurchaseAggregate,
  type PurchaseColumns,
  type PurchaseCustomers,
  type PurchaseScoreColumns,
  type PurchaseScoreOptions,
  type PurchaseScores,
  type PurchaseSummary,
  scoreBgNbd,
  scoreBgNbdSchema,
  scoreMbgNbd,
  scoreMbgNbdSchema,
  scoreParetoNbd,
  scoreParetoNbdSchema,
  type WithCovariance,
} from './models/scoring/scorePurchases';
export {
  type ScoreRow,
  type ScoreRowsOptions,
  type ScoreTable,
  scoreRows,
  scoreRowsSchema,
} from './models/scoring/scoreRows';
export {
  type Subscriber,
  type SubscriberAggregate,
  type SubscriberColumns,
  type SubscriberScoreColumns,
  type SubscriberScoreOptions,
  type SubscriberScores,
  type SubscriberTable,
  scoreBdw,
  scoreBdwSchema,
  scoreSbg,
  scoreSbgSchema,
} from './models/scoring/scoreSubscribers';
export {
  bgNbdProbabilityAliveSql,
  bgNbdProbabilityAliveSqlSchema,
  gammaGammaExpectedSpendSql,
  gammaGammaExpectedSpendSqlSchema,
  type ScoringSqlOptions,
  type SqlDialect,
  sbgRetentionRateSql,
  sbgRetentionRateSqlSchema,
} from './models/scoring/scoringSql';
export type { SubscriberIntervals } from './models/scoring/subscriberIntervals';
export type { AcquisitionCostForProfitChangeOptions } from './profit/acquisitionCostForProfitChange';
export {
  acquisitionCostForProfitChange,
  acquisitionCostForProfitChangeSchema,
} from './profit/acquisitionCostForProfitChange';
export type { RetentionLiftForProfitChangeOptions } from './profit/retentionLiftForProfitChange';
export {
  retentionLiftForProfitChange,
  retentionLiftForProfitChangeSchema,
} from './profit/retentionLiftForProfitChange';
export type { RetentionProfitElasticityOptions } from './profit/retentionProfitElasticity';
export { retentionProfitElasticity, retentionProfitElasticitySchema } from './profit/retentionProfitElasticity';
export type {
  RetentionProfitSensitivityOptions,
  RetentionProfitSensitivityResult,
} from './profit/retentionProfitSensitivity';
export { retentionProfitSensitivity, retentionProfitSensitivitySchema } from './profit/retentionProfitSensitivity';
export type { CustomerBaseRow, ProjectCustomerBaseOptions } from './projection/projectCustomerBase';
export { projectCustomerBase, projectCustomerBaseSchema } from './projection/projectCustomerBase';
export type {
  ChurnBreakdownOptions,
  ChurnBreakdownResult,
  ChurnReason,
  UnattributedChurn,
} from './retention/churnBreakdown';
export { churnBreakdown, churnBreakdownSchema } from './retention/churnBreakdown';
export type { ChurnRateOptions } from './retention/churnRate';
export { churnRate, churnRateSchema } from './retention/churnRate';
export type { ConvertRatePeriodOptions, ConvertRatePeriodResult } from './retention/convertRatePeriod';
export { convertRatePeriod, convertRatePeriodSchema } from './retention/convertRatePeriod';
export type { ExpectedCustomerLifetimeOptions } from './retention/expectedCustomerLifetime';
export { expectedCustomerLifetime, expectedCustomerLifetimeSchema } from './retention/expectedCustomerLifetime';
export type { RetentionRateOptions } from './retention/retentionRate';
export { retentionRate, retentionRateSchema } from './retention/retentionRate';
export type { AverageRevenuePerCustomerOptions } from './revenue/averageRevenuePerCustomer';
export { averageRevenuePerCustomer, averageRevenuePerCustomerSchema } from './revenue/averageRevenuePerCustomer';
export { type CustomerMrr, type MrrAt, type MrrAtOptions, mrrAt, mrrAtSchema } from './saas/mrrAt';
export {
  type MrrConvention,
  type MrrMovement,
  type MrrMovements,
  type MrrMovementsOptions,
  type MrrPeriod,
  mrrMovements,
  mrrMovementsSchema,
} from './saas/mrrMovements';
export type { BillingInterval, Subscription } from './saas/subscriptions';
export type { LifetimeOptions, MarginTiming, Numeric } from './types';
export type { CustomerLifetimeValueOptions } from './value/customerLifetimeValue';
export { customerLifetimeValue, customerLifetimeValueSchema } from './value/customerLifetimeValue';
export type { ReferralValueOptions, ReferralValueResult } from './value/referralValue';
export { referralValue, referralValueSchema } from './value/referralValue';
