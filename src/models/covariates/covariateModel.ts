import * as z from 'zod/mini';
import { describeValue } from '../../internal/numeric';
import { ownKeys, readKey, unreadableRule } from '../../internal/read';
import { isRow } from '../../internal/rows';
import { fail, type IssueSink, parseQuietly, report } from '../../internal/schema';
import { boundaryWarning, fitUnit } from '../internal/fitOptions';
import {
  type BoundaryDirection,
  type FitDiagnostics,
  maximiseLikelihood,
  type ParameterInterval,
} from '../internal/fitting';
import { numberField, parametersField } from '../internal/inputs';
import type { UnitLength } from '../internal/units';
import { purchaseDataWarnings } from '../nbd/purchaseWarnings';
import type { FrequencyRecencyData } from '../nbd/summaryData';
import { normalUpperQuantile } from '../special/normal';
import {
  type CovariateChoice,
  type CovariateData,
  type CovariateGroups,
  chooseCovariates,
  constantColumns,
  groupCustomers,
} from './covariateData';

/**
 * How one purchase model takes covariates (CLVTools' form): each of its four
 * base parameters is multiplied, per customer, by exp(sign x gamma'z) of the
 * purchase or the drop-out covariates, or by nothing.
 */
export interface CovariateModel<N extends string> {
  /** The base parameters' names, in order. */
  names: readonly [N, N, N, N];
  /** Per base parameter: the process whose covariates scale it, and the sign of the exponent. */
  links: readonly (readonly ['purchase' | 'dropout', 1 | -1] | undefined)[];
  /**
   * The log-likelihood of one group of customers who share their individual
   * parameters `p`, and its gradient with respect to the logs of those
   * parameters written into `gradient`; not finite where it cannot be evaluated.
   */
  terms(data: FrequencyRecencyData, p: readonly [number, number, number, number], gradient: number[]): number;
}

/** Coefficients of the covariates, by process and name. */
export interface Coefficients {
  purchase: Array<[string, number]>;
  dropout: Array<[string, number]>;
}

/**
 * The log-likelihood of grouped customers and its gradient with respect to
 * (ln base parameters, purchase coefficients, drop-out coefficients) at
 * `point`, the groups' covariates being those the coefficients multiply.
 * Per group, ln theta_j = ln theta0_j + sign_j gamma_process' z, so
 * d/d ln theta0_j is the group's d/d ln theta_j and d/d gamma_k adds
 * sign_j z_k d/d ln theta_j over the parameters j the process scales.
 */
export function groupedLogLikelihood<N extends string>(
  model: CovariateModel<N>,
  groups: CovariateGroups,
  purchaseCount: number,
  point: readonly number[],
  gradient?: number[],
): number {
  const dropoutCount = point.length - 4 - purchaseCount;
  const individual: [number, number, number, number] = [0, 0, 0, 0];
  const logs = [0, 0, 0, 0];
  const part = [0, 0, 0, 0];
  if (gradient !== undefined) gradient.fill(0, 0, point.length);
  let value = 0;
  for (let g = 0; g < groups.data.length; g++) {
    const z = groups.covariates[g] as Float64Array;
    let purchase = 0;
    for (let k = 0; k < purchaseCount; k++) purchase += (point[4 + k] as number) * (z[k] as number);
    let dropout = 0;
    for (let k = 0; k < dropoutCount; k++)
      dropout += (point[4 + purchaseCount + k] as number) * (z[purchaseCount + k] as number);
    for (let j = 0; j < 4; j++) {
      const link = model.links[j];
      logs[j] =
        (point[j] as number) + (link === undefined ? 0 : link[1] * (link[0] === 'purchase' ? purchase : dropout));
      individual[j] = Math.exp(logs[j] as number);
    }
    const v = model.terms(groups.data[g] as FrequencyRecencyData, individual, part);
    if (!Number.isFinite(v)) return Number.NaN;
    value += v;
    if (gradient === undefined) continue;
    for (let j = 0; j < 4; j++) {
      const d = part[j] as number;
      gradient[j] = (gradient[j] as number) + d;
      const link = model.links[j];
      if (link === undefined) continue;
      const offset = link[0] === 'purchase' ? 4 : 4 + purchaseCount;
      const count = link[0] === 'purchase' ? purchaseCount : dropoutCount;
      const zOffset = link[0] === 'purchase' ? 0 : purchaseCount;
      for (let k = 0; k < count; k++)
        gradient[offset + k] = (gradient[offset + k] as number) + link[1] * (z[zOffset + k] as number) * d;
    }
  }
  return value;
}

/**
 * The groups and coefficient vector of a likelihood call: the customers
 * grouped by the covariates the coefficients name (as given, not standardised).
 */
export function likelihoodAt<N extends string>(
  model: CovariateModel<N>,
  data: CovariateData,
  base: readonly number[],
  coefficients: Coefficients,
): number {
  const choice: CovariateChoice = {
    purchase: coefficients.purchase.map(([name]) => data.names.indexOf(name)),
    dropout: coefficients.dropout.map(([name]) => data.names.indexOf(name)),
  };
  const groups = groupCustomers(data, choice);
  const point = [
    ...base.map(Math.log),
    ...coefficients.purchase.map(([, v]) => v),
    ...coefficients.dropout.map(([, v]) => v),
  ];
  return groupedLogLikelihood(model, groups, coefficients.purchase.length, point);
}

/** The parameter names of a fit with covariates, in the order of its covariance: the base ones, then `purchase.<name>`, then `dropout.<name>`. */
export function parameterNames(base: readonly string[], purchase: readonly string[], dropout: readonly string[]) {
  return [...base, ...purchase.map((n) => `purchase.${n}`), ...dropout.map((n) => `dropout.${n}`)];
}

/** What a fit with covariates reports beyond its base parameters. */
export interface CovariateFitParts {
  base: [number, number, number, number];
  purchaseCoefficients: Record<string, number>;
  dropoutCoefficients: Record<string, number>;
  droppedCovariates: string[];
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  customers: number;
  diagnostics: FitDiagnostics<string>;
  timeUnit?: UnitLength;
}

/** The settings of a fit with covariates, as validated. */
export interface CovariateFitInput {
  customers: CovariateData;
  purchaseCovariates?: string[] | undefined;
  dropoutCovariates?: string[] | undefined;
  maxIterations?: number | undefined;
  confidenceLevel?: number | undefined;
  timeUnit?: number | undefined;
}

/** Checks that the option lists name covariates the customers have (for the fit's schema). */
export function checkCovariateNames(v: CovariateFitInput, ctx: IssueSink): void {
  const names = v.customers.names;
  for (const option of ['purchaseCovariates', 'dropoutCovariates'] as const) {
    const list = v[option];
    if (list === undefined) continue;
    const missing = list.findIndex((name) => !names.includes(name));
    if (missing >= 0) {
      report(
        ctx,
        option,
        `names ${describeValue(list[missing])}, which is not among the customers' covariates (${names.length === 0 ? 'none' : names.join(', ')})`,
      );
      return;
    }
  }
}

/** Rows are shifted and scaled for the search: each covariate to mean 0 and standard deviation 1 over the customers. */
function columnMoments(data: CovariateData): { mean: Float64Array; spread: Float64Array } {
  const width = data.names.length;
  const weight = data.summaries.rows.weight;
  const mean = new Float64Array(width);
  const spread = new Float64Array(width);
  const total = data.summaries.customers;
  for (let k = 0; k < width; k++) {
    let sum = 0;
    for (let i = 0; i < data.rows; i++) sum += (weight[i] as number) * (data.values[i * width + k] as number);
    const m = sum / total;
    let squares = 0;
    for (let i = 0; i < data.rows; i++) {
      const d = (data.values[i * width + k] as number) - m;
      squares += (weight[i] as number) * d * d;
    }
    mean[k] = m;
    spread[k] = Math.sqrt(squares / total);
  }
  return { mean, spread };
}

/** The description of a model for fitWithCovariates. */
export interface CovariateFitProblem<N extends string> {
  functionName: string;
  model: CovariateModel<N>;
  /** Starting logs of the base parameters and their natural sizes, given the customers' mean age. */
  start(meanAge: number): { start: number[]; scales: number[] };
  /** The plain-words meaning of a base parameter at a boundary. */
  boundaryMeaning: Record<N, Record<BoundaryDirection, string>>;
  /** A model's own work limit: a counter reset per fit, and whether it is spent. */
  work?: { reset(customers: FrequencyRecencyData): void; exhausted(): boolean };
}

/**
 * Fits a purchase model with covariates by maximum likelihood.
 *
 * Constant covariates are dropped with a warning (their coefficient cannot be
 * told from the base parameter). The search runs on standardised covariates
 * (mean 0, standard deviation 1), which keeps the curvature of the
 * likelihood of one order in every direction; the optimiser's parameters are
 * psi = (ln theta0~, gamma~), with gamma = gamma~ / sd and
 * ln theta0_j = ln theta0~_j - sign_j gamma'mean. It uses maximiseLikelihood on
 * exp(psi) (the multipliers exp(gamma~) are its "parameters", so that the
 * coefficients move freely on the whole line), and the covariance of psi it
 * finds is carried to (ln theta0, gamma) by that linear map and to theta0 by
 * the delta method.
 */
export function fitWithCovariates<N extends string>(
  problem: CovariateFitProblem<N>,
  v: CovariateFitInput,
): CovariateFitParts {
  const data = v.customers;
  const chosen = chooseCovariates(data.names, v.purchaseCovariates, v.dropoutCovariates);
  const constant = constantColumns(data);
  const droppedColumns = [...new Set([...chosen.purchase, ...chosen.dropout])].filter((k) => constant.has(k));
  const choice: CovariateChoice = {
    purchase: chosen.purchase.filter((k) => !constant.has(k)),
    dropout: chosen.dropout.filter((k) => !constant.has(k)),
  };
  const purchaseNames = choice.purchase.map((k) => data.names[k] as string);
  const dropoutNames = choice.dropout.map((k) => data.names[k] as string);
  const droppedCovariates = droppedColumns.map((k) => data.names[k] as string);
  const { mean, spread } = columnMoments(data);
  const standardised = groupCustomers(
    data,
    choice,
    (k, value) => (value - (mean[k] as number)) / (spread[k] as number),
  );
  const summaries = data.summaries;
  let meanAge = 0;
  for (let i = 0; i < summaries.age.length; i++)
    meanAge += ((summaries.age[i] as number) * (summaries.weight[i] as number)) / summaries.customers;
  const { start, scales } = problem.start(meanAge);
  const nP = purchaseNames.length;
  const count = 4 + nP + dropoutNames.length;
  const names = parameterNames(problem.model.names, purchaseNames, dropoutNames);
  const coefficientScales = Array.from({ length: count - 4 }, () => 1);
  problem.work?.reset(summaries);
  const warnings = purchaseDataWarnings(summaries);
  for (const name of droppedCovariates) {
    warnings.push(
      `covariate ${name} has the same value for every customer, so its coefficient cannot be told apart from the base parameters: it is left out of the model`,
    );
  }
  const found = maximiseLikelihood(
    {
      names,
      count: summaries.customers,
      evaluate: (point) => {
        const gradient = new Array<number>(count).fill(0);
        const value = groupedLogLikelihood(problem.model, standardised, nP, point, gradient);
        return Number.isFinite(value) ? [value, gradient] : [Number.NaN, gradient.map(() => Number.NaN)];
      },
      logLikelihood: (parameters) => groupedLogLikelihood(problem.model, standardised, nP, parameters.map(Math.log)),
      starts: [[...start, ...coefficientScales.map(() => 0)]],
      scales: [...scales, ...coefficientScales],
      ...(problem.work === undefined ? {} : { exhausted: problem.work.exhausted }),
      describeBoundary: (name, towards) =>
        name.startsWith('purchase.') || name.startsWith('dropout.')
          ? coefficientBoundary(name, towards)
          : boundaryWarning(name, towards, problem.boundaryMeaning[name as N][towards]),
    },
    { maxIterations: v.maxIterations ?? 500, maxEvaluations: 1500, confidenceLevel: v.confidenceLevel ?? 0.95 },
    warnings,
  );
  // Back from the search's standardised parameters psi to (ln theta0, gamma): phi = J psi.
  const psi = found.parameters.map(Math.log);
  const columns = [...choice.purchase, ...choice.dropout];
  const jacobian = Array.from({ length: count }, (_, i) => Array.from({ length: count }, (_, j) => (i === j ? 1 : 0)));
  columns.forEach((column, c) => {
    (jacobian[4 + c] as number[])[4 + c] = 1 / (spread[column] as number);
  });
  problem.model.links.forEach((link, j) => {
    if (link === undefined) return;
    const first = link[0] === 'purchase' ? 0 : nP;
    const length = link[0] === 'purchase' ? nP : dropoutNames.length;
    for (let c = first; c < first + length; c++) {
      const column = columns[c] as number;
      (jacobian[j] as number[])[4 + c] = (-link[1] * (mean[column] as number)) / (spread[column] as number);
    }
  });
  const phi = jacobian.map((row) => row.reduce((sum: number, x, j) => sum + x * (psi[j] as number), 0));
  const base = phi.slice(0, 4).map(Math.exp) as [number, number, number, number];
  const coefficients: Coefficients = {
    purchase: purchaseNames.map((name, k) => [name, phi[4 + k] as number]),
    dropout: dropoutNames.map((name, k) => [name, phi[4 + nP + k] as number]),
  };
  const diagnostics = found.diagnostics;
  if (diagnostics.covariance !== undefined) {
    const theta = found.parameters;
    const covPsi = diagnostics.covariance.map((row, i) =>
      row.map((value, j) => value / ((theta[i] as number) * (theta[j] as number))),
    );
    const covPhi = multiply(multiply(jacobian, covPsi), transpose(jacobian));
    const scale = (i: number) => (i < 4 ? (base[i] as number) : 1);
    diagnostics.covariance = covPhi.map((row, i) => row.map((value, j) => value * scale(i) * scale(j)));
    const z = normalUpperQuantile((1 - diagnostics.confidenceLevel) / 2);
    const standardErrors: Record<string, number> = {};
    const intervals: Record<string, ParameterInterval> = {};
    names.forEach((name, i) => {
      const error = Math.sqrt((covPhi[i] as number[])[i] as number);
      const value = phi[i] as number;
      if (i < 4) {
        const natural = base[i] as number;
        standardErrors[name] = natural * error;
        intervals[name] = { lower: natural * Math.exp(-z * error), upper: natural * Math.exp(z * error) };
      } else {
        standardErrors[name] = error;
        intervals[name] = { lower: value - z * error, upper: value + z * error };
      }
    });
    diagnostics.standardErrors = standardErrors;
    diagnostics.intervals = intervals;
  }
  const logLikelihood = likelihoodAt(problem.model, data, base, coefficients);
  return {
    base,
    purchaseCoefficients: Object.fromEntries(coefficients.purchase),
    dropoutCoefficients: Object.fromEntries(coefficients.dropout),
    droppedCovariates,
    logLikelihood,
    iterations: found.iterations,
    converged: found.converged,
    customers: summaries.customers,
    diagnostics,
    ...fitUnit(problem.functionName, v.timeUnit, summaries.unitDays),
  };
}

function coefficientBoundary(name: string, towards: BoundaryDirection): string {
  const process = name.startsWith('purchase.') ? 'purchase' : 'drop-out';
  return `${name} runs to ${towards === 'zero' ? 'minus' : 'plus'} infinity: the ${process} covariate separates the customers (for example, those on one side of it never bought again), so the likelihood keeps rising as its effect grows; the estimate is a limit, not a maximum, and converged is false`;
}

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) =>
    (b[0] as number[]).map((_, j) => row.reduce((s, x, k) => s + x * ((b[k] as number[])[j] as number), 0)),
  );
}

function transpose(a: number[][]): number[][] {
  return (a[0] as number[]).map((_, j) => a.map((row) => row[j] as number));
}

/**
 * A zod schema for a record of finite numbers by covariate name, read into
 * [name, value] pairs ({} when left out); `what` describes the record in
 * the refusal.
 */
export function numberRecordField(
  what = 'a record of coefficients by covariate name, such as { channelWeb: 0.4 }',
): z.ZodMiniType<Array<[string, number]>, unknown> {
  const finite = numberField();
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): Array<[string, number]> => {
      if (value === undefined) return [];
      if (!isRow(value)) {
        ctx.issues.push({
          code: 'custom',
          message: `must be ${what}, got ${describeValue(value)}`,
          input: value,
        });
        return [];
      }
      const keys = ownKeys(value);
      if (!Array.isArray(keys)) {
        ctx.issues.push({ code: 'custom', message: unreadableRule(keys.error), input: value });
        return [];
      }
      const out: Array<[string, number]> = [];
      for (const key of keys) {
        const field = readKey(value, key);
        const parsed = field.rule === undefined ? parseQuietly(finite, field.value) : undefined;
        if (parsed === undefined || !parsed.success) {
          const message = field.rule ?? parsed?.error.issues[0]?.message ?? 'is invalid';
          ctx.issues.push({ code: 'custom', message, input: value, path: [key] });
          return [];
        }
        out.push([key, parsed.data as number]);
      }
      return out;
    }),
  );
}

/** Base parameters and coefficients, as read from a fit or a hand-made object. */
export interface CovariateParameters<N extends string> {
  base: Record<N, number>;
  coefficients: Coefficients;
}

/**
 * A zod schema for the parameters of a model with covariates: the base
 * parameters `names` (positive) and `purchaseCoefficients` and
 * `dropoutCoefficients` (records of finite numbers, each {} when left out).
 * Other fields (a fit's log-likelihood) are ignored.
 */
export function covariateParametersField<const N extends readonly string[]>(
  names: N,
): z.ZodMiniType<CovariateParameters<N[number]>, unknown> {
  const base = parametersField(names);
  const coefficients = numberRecordField();
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): CovariateParameters<N[number]> => {
      const out = { base: {}, coefficients: { purchase: [], dropout: [] } } as unknown as CovariateParameters<
        N[number]
      >;
      const read = parseQuietly(base, value);
      if (!read.success) {
        for (const issue of read.error.issues)
          ctx.issues.push({ code: 'custom', message: issue.message, input: value, path: [...issue.path] });
        return out;
      }
      out.base = read.data as Record<N[number], number>;
      for (const [field, process] of [
        ['purchaseCoefficients', 'purchase'],
        ['dropoutCoefficients', 'dropout'],
      ] as const) {
        const raw = readKey(value as object, field);
        if (raw.rule !== undefined) {
          ctx.issues.push({ code: 'custom', message: raw.rule, input: value, path: [field] });
          return out;
        }
        const parsed = parseQuietly(coefficients, raw.value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          ctx.issues.push({
            code: 'custom',
            message: issue?.message ?? 'is invalid',
            input: value,
            path: [field, ...(issue?.path ?? [])],
          });
          return out;
        }
        out.coefficients[process] = parsed.data as Array<[string, number]>;
      }
      return out;
    }),
  );
}

/** Refuses coefficients that name covariates the customers lack (for the likelihood's schema). */
export function checkCoefficientNames(
  v: { parameters: CovariateParameters<string>; customers: CovariateData },
  ctx: IssueSink,
): void {
  const names = v.customers.names;
  for (const [field, process] of [
    ['purchaseCoefficients', 'purchase'],
    ['dropoutCoefficients', 'dropout'],
  ] as const) {
    const missing = v.parameters.coefficients[process].find(([name]) => !names.includes(name));
    if (missing !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `is a coefficient of a covariate the customers do not have; their covariates are ${names.length === 0 ? 'none' : names.join(', ')}`,
        path: ['parameters', field, missing[0]],
      });
      return;
    }
  }
}

/** Throws when a likelihood cannot be evaluated at the parameters given. */
export function refuseLikelihood(functionName: string): never {
  fail(
    functionName,
    'parameters',
    "are too extreme for the log-likelihood to be computed for these customers (some customer's individual parameters overflow or vanish): keep the base parameters within about 1e-8 to 1e8 and the coefficients times the covariates within a few hundred",
  );
}
