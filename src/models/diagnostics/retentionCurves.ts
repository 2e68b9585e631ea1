import * as z from 'zod/mini';
import { describeValue } from '../../internal/numeric';
import { readKey } from '../../internal/read';
import { fail, isOptionsObject, type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { type CohortData, type CohortInput, cohortsField } from '../internal/cohorts';
import { numberField } from '../internal/inputs';
import type { BdwFit } from '../sbg/fitBdw';
import type { SbgFit } from '../sbg/fitSbg';
import { periodLogRetention, survival } from '../sbg/survival';
import { fitReader } from '../scoring/fitInputs';
import { intervalFields, intervalSettings, parameterDraws, sampleInterval } from '../scoring/intervals';

/**
 * Options of {@link retentionCurves}.
 *
 * @expand
 * @category Model diagnostics
 */
export interface RetentionCurvesOptions {
  /** Periods of the curves, 1 to this; a whole number from 1 to 100,000. */
  periods: number;
  /** Level of the intervals, between 0 and 1; default 0.95. */
  intervalLevel?: number;
  /** Parameter sets drawn from the fit's sampling distribution; default 1,000 (at least 2 / (1 - level)). */
  draws?: number;
  /** Seed of the draws (a whole number from 0 to 4294967295; default 1): the same seed gives the same intervals. */
  seed?: number;
  /** The cohort(s) the model was fitted on, as {@link fitSbg} takes them, for the observed curves. */
  observed?: CohortInput;
}

/**
 * One period of the survival and retention curves.
 *
 * @expand
 * @category Model diagnostics
 */
export interface RetentionCurveRow {
  /** The period t, from 1. */
  period: number;
  /** S(t): the share of a starting cohort still active after t periods (renewed t times). */
  survival: number;
  /** Lower bound of S(t)'s interval. */
  survivalLower: number;
  /** Upper bound of S(t)'s interval. */
  survivalUpper: number;
  /** r(t) = S(t) / S(t - 1): the share of those active after t - 1 periods who stay through period t. */
  retention: number;
  /** Lower bound of r(t)'s interval. */
  retentionLower: number;
  /** Upper bound of r(t)'s interval. */
  retentionUpper: number;
  /** The observed S(t), when `observed` cohorts are given and one of them reaches period t. */
  observedSurvival?: number;
  /** The observed r(t), when `observed` cohorts are given and one of them reaches period t. */
  observedRetention?: number;
}

/**
 * Result of {@link retentionCurves}.
 *
 * @expand
 * @category Model diagnostics
 */
export interface RetentionCurves {
  /** The model of the fit. */
  model: 'sbg' | 'bdw';
  /** The level of the intervals. */
  level: number;
  /** Parameter sets drawn. */
  draws: number;
  /** The seed of the draws. */
  seed: number;
  /** One row per period, 1 to `periods`. */
  rows: RetentionCurveRow[];
}

const MAX_PERIODS = 100_000;

const schema = /* @__PURE__ */ buildSchema();

function buildSchema() {
  return objectSchema({
    periods: numberField((v) =>
      Number.isInteger(v) && v >= 1 && v <= MAX_PERIODS
        ? undefined
        : `must be a whole number of periods from 1 to ${MAX_PERIODS}, got ${v}`,
    ),
    ...intervalFields(),
    observed: z.optional(cohortsField(1, false)),
  });
}

/**
 * The zod schema {@link retentionCurves} validates its options with (the fit is read by the function itself).
 *
 * @category Input schemas (zod)
 */
export const retentionCurvesSchema: MetricSchema = schema;

const readSbg = /* @__PURE__ */ fitReader(['alpha', 'beta'] as const);
const readBdw = /* @__PURE__ */ fitReader(['alpha', 'beta', 'c'] as const);

/**
 * The survival and retention curves of a contractual model (sBG or BdW)
 * with their intervals, and the observed curves of the cohorts it was fitted
 * on: the data of the usual "how well does it track" chart.
 *
 * @remarks
 * With P(T > t) = B(alpha, beta + t^c) / B(alpha, beta) (c = 1 for the sBG):
 *
 * ```math
 * S(t) = \frac{B(\alpha, \beta + t^c)}{B(\alpha, \beta)}, \qquad
 * r(t) = \frac{S(t)}{S(t - 1)} \;\overset{\text{sBG}}{=}\; \frac{\beta + t - 1}{\alpha + \beta + t - 1}
 * ```
 *
 * The intervals are the fit's uncertainty carried to each point of the
 * curves by simulation, as the batch scorers do: `draws` parameter sets are
 * drawn (seeded, so reproducible) from the fit's sampling distribution, the
 * logs of the parameters normal around the estimate with the covariance of
 * the fit's observed information, and each point's interval is the central
 * `intervalLevel` share of its values over the draws (type-7 quantiles).
 * They are pointwise confidence intervals of the population curve: where
 * the model's S(t) and r(t) may lie given the data fitted, not where a new
 * cohort's observed share will fall (that also varies with the cohort's
 * size). Unlike the delta method they stay within [0, 1] and follow the
 * curve's skew. The observed curves pool the cohorts: r(t) is the survivors
 * at t over those at t - 1 of the cohorts observed at t, and S(t) the
 * product of those; for one cohort, n_t / n_{t-1} and n_t / n_0.
 *
 * Cost: O(draws x periods) (1,000 x 12 in well under a millisecond each).
 *
 * @param fit - a {@link fitSbg} or {@link fitBdw} result, with its diagnostics (the covariance).
 * @param options - the periods, the interval level, draws and seed, and the cohorts observed.
 * @returns the curves, one row per period, and the interval settings.
 * @throws {@link MetricInputError} when the fit has no covariance (its warnings say why) or an option is invalid.
 * @see Fader, P. S. and Hardie, B. G. S. (2007), How to project customer retention, Journal of Interactive Marketing 21(1), equations 1 to 3 and figure 3.
 *
 * @example
 * ```ts
 * import { fitSbg, retentionCurves } from 'retention-metrics';
 *
 * const cohort = [1000, 631, 468, 382, 326, 289, 262, 241];
 * const curves = retentionCurves(fitSbg(cohort), { periods: 12, observed: cohort });
 * curves.rows[0]?.observedSurvival;
 * //=> 0.631
 * curves.rows[11]?.survival.toFixed(2);
 * //=> '0.17'
 * curves.rows[11]?.observedSurvival;
 * //=> undefined
 * ```
 *
 * @category Model diagnostics
 */
export function retentionCurves(fit: SbgFit | BdwFit, options: RetentionCurvesOptions): RetentionCurves {
  const fn = 'retentionCurves';
  const v = parseInput(fn, schema, optionsWith(fn, options, {}, 'an object with periods'));
  if (!isOptionsObject(fit)) fail(fn, 'fit', `must be a fitSbg or fitBdw result, got ${describeValue(fit)}`);
  const model = readKey(fit, 'model');
  if (model.rule !== undefined) fail(fn, 'fit.model', model.rule);
  if (model.value !== 'sbg' && model.value !== 'bdw') {
    fail(
      fn,
      'fit.model',
      `must be 'sbg' or 'bdw', as a fitSbg or fitBdw result names it, got ${describeValue(model.value)}`,
    );
  }
  const names: readonly ('alpha' | 'beta' | 'c')[] = model.value === 'bdw' ? ['alpha', 'beta', 'c'] : ['alpha', 'beta'];
  const read = model.value === 'bdw' ? readBdw(fn, fit, 'fit') : readSbg(fn, fit, 'fit');
  const settings = intervalSettings(fn, {
    intervalLevel: v.intervalLevel ?? 0.95,
    draws: v.draws ?? DEFAULT_CURVE_DRAWS,
    seed: v.seed,
  });
  if (settings === undefined) throw new Error('unreachable: an interval level is always given');
  const estimate = {
    alpha: read.parameters.alpha,
    beta: read.parameters.beta,
    c: (read.parameters as { c?: number }).c ?? 1,
  };
  const T = v.periods;
  const D = settings.draws;
  // Every draw's curve is held at once, for the quantiles of each period.
  if (T * D > MAX_CURVE_CELLS) {
    fail(
      fn,
      'draws',
      `times periods must be at most ${MAX_CURVE_CELLS.toLocaleString('en-US')} (each draw's curve is held for the quantiles), got ${D} draws of ${T} periods: ask for fewer draws or fewer periods`,
    );
  }
  const draws = parameterDraws(fn, read.source, 'fit', names, estimate, settings, 0);
  const survivalDraws = Array.from({ length: T }, () => new Float64Array(D));
  const retentionDraws = Array.from({ length: T }, () => new Float64Array(D));
  for (let d = 0; d < D; d++) {
    const p = draws[d] as { alpha: number; beta: number; c?: number };
    const c = p.c ?? 1;
    let logS = 0;
    for (let t = 1; t <= T; t++) {
      const logR = periodLogRetention(p.alpha, p.beta, c, t);
      logS += logR;
      (survivalDraws[t - 1] as Float64Array)[d] = Math.exp(logS);
      (retentionDraws[t - 1] as Float64Array)[d] = Math.exp(logR);
    }
  }
  const observed = v.observed === undefined ? undefined : observedCurves(v.observed);
  const rows: RetentionCurveRow[] = [];
  for (let t = 1; t <= T; t++) {
    const s = survival(estimate.alpha, estimate.beta, t, estimate.c);
    const r = Math.exp(periodLogRetention(estimate.alpha, estimate.beta, estimate.c, t));
    const sBounds = sampleInterval(survivalDraws[t - 1] as Float64Array, settings.level);
    const rBounds = sampleInterval(retentionDraws[t - 1] as Float64Array, settings.level);
    for (const value of [s, r, sBounds.lower, sBounds.upper, rBounds.lower, rBounds.upper]) {
      if (!Number.isFinite(value))
        fail(fn, 'fit', `cannot be charted at period ${t}: the fit is too uncertain for intervals at this level`);
    }
    const row: RetentionCurveRow = {
      period: t,
      survival: s,
      survivalLower: sBounds.lower,
      survivalUpper: sBounds.upper,
      retention: r,
      retentionLower: rBounds.lower,
      retentionUpper: rBounds.upper,
    };
    if (observed !== undefined && t < observed.retention.length) {
      row.observedSurvival = observed.survival[t] as number;
      row.observedRetention = observed.retention[t] as number;
    }
    rows.push(row);
  }
  return { model: model.value, level: settings.level, draws: D, seed: settings.seed, rows };
}

/** The most draws x periods held at once (160 MB of curves). */
const MAX_CURVE_CELLS = 10_000_000;

/** Draws used when `draws` is not given: enough for smooth 95 % bands. */
const DEFAULT_CURVE_DRAWS = 1000;

/** The observed curves of pooled cohorts: retention[t] and survival[t] for t = 1.. the longest cohort's last period. */
function observedCurves(data: CohortData): { survival: number[]; retention: number[] } {
  const longest = data.survivors.reduce((m, s) => Math.max(m, s.length), 0);
  const survivalCurve = [1];
  const retentionCurve = [1];
  for (let t = 1; t < longest; t++) {
    let now = 0;
    let before = 0;
    for (const counts of data.survivors) {
      if (counts.length > t) {
        now += counts[t] as number;
        before += counts[t - 1] as number;
      }
    }
    // A period no cohort entered with anyone left ends the observed curve.
    if (before === 0) break;
    retentionCurve.push(now / before);
    survivalCurve.push((survivalCurve[t - 1] as number) * (now / before));
  }
  return { survival: survivalCurve, retention: retentionCurve };
}
