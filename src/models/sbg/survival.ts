import { digammaDifference, trigammaDifference } from '../special/digamma';
import { logGammaRatio } from '../special/logGamma';

/**
 * ln P(T > t) under the beta-discrete-Weibull model with shape c (c = 1 is
 * the shifted beta-geometric): P(T > t) = B(alpha, beta + t^c) / B(alpha, beta).
 *
 * For the sBG and small t the ratio is the product of the per-period
 * retention rates (beta + i - 1) / (alpha + beta + i - 1), summed in logs,
 * which is exact to rounding; beyond that, log-beta differences.
 */
export function logSurvival(alpha: number, beta: number, t: number, c = 1): number {
  if (t <= 0) return 0;
  if (c === 1 && t <= 2000) {
    let sum = 0;
    for (let i = 1; i <= t; i++) sum += Math.log((beta + (i - 1)) / (alpha + beta + (i - 1)));
    return sum;
  }
  // ln B(alpha, beta + u) - ln B(alpha, beta) = [ln G(beta + u) - ln G(alpha + beta + u)] - [ln G(beta) - ln G(alpha + beta)],
  // each bracket a log-gamma ratio computed without cancellation for large arguments.
  const u = t ** c;
  return logGammaRatio(beta, alpha) - logGammaRatio(beta + u, alpha);
}

/**
 * ln S(t) - ln S(t - 1) = ln P(T > t | T > t - 1), the log of the retention
 * rate of period t, with its gradient with respect to the logs of the
 * parameters (alpha, beta, and c for the BdW) added into `gradient`.
 *
 * sBG: ln((beta + t - 1) / (alpha + beta + t - 1)) = -log1p(alpha / (beta + t - 1)),
 * which keeps its digits when alpha + beta is huge (retention close to flat).
 * BdW: ln B(alpha, beta + t^c) - ln B(alpha, beta + (t-1)^c), as two log-gamma
 * ratios, each free of cancellation for large arguments.
 */
function logRetention(alpha: number, beta: number, c: number, t: number, gradient: number[]): number {
  if (c === 1) {
    const stay = beta + (t - 1);
    const all = alpha + stay;
    gradient[0] = -alpha / all;
    gradient[1] = (beta * alpha) / (stay * all);
    return alpha < stay ? -Math.log1p(alpha / stay) : Math.log(stay) - Math.log(all);
  }
  const before = (t - 1) ** c;
  const after = t ** c;
  const b0 = beta + before;
  const b1 = beta + after;
  // d/d alpha: psi(alpha + b0) - psi(alpha + b1); d/d beta: [psi(alpha + b0) - psi(b0)] - [psi(alpha + b1) - psi(b1)];
  // d/d u: psi(b1) - psi(alpha + b1) for u = t^c, and the opposite for (t - 1)^c.
  const step = after - before;
  const shift0 = digammaDifference(b0, alpha);
  const shift1 = digammaDifference(b1, alpha);
  gradient[0] = -alpha * digammaDifference(alpha + b0, step);
  // shift0 - shift1 = -int_{b0}^{b1} [psi'(y + alpha) - psi'(y)] dy: by quadrature when the step is small beside b0,
  // where the two shifts agree to almost all their digits.
  gradient[1] =
    beta * (step <= 1e-4 * b0 ? -step * overStep(b0, step, (y) => trigammaDifference(y, alpha)) : shift0 - shift1);
  // d u / d ln c = u ln u.
  gradient[2] =
    -shift1 * (after > 0 ? after * Math.log(after) : 0) + shift0 * (before > 0 ? before * Math.log(before) : 0);
  return logBetaStep(alpha, b0, after - before);
}

const SCRATCH = [0, 0, 0];

/** ln of the retention rate of period t, S(t) / S(t - 1), without its gradient (see logRetention). */
export function periodLogRetention(alpha: number, beta: number, c: number, t: number): number {
  return logRetention(alpha, beta, c, t, SCRATCH);
}

// Three-point Gauss-Legendre rule on [0, 1]: for a step under 1e-4 of b0 its error is about (step / b0)^6.
const NODES = [0.1127016653792583, 0.5, 0.8872983346207417];
const WEIGHTS = [5 / 18, 8 / 18, 5 / 18];

/** The mean of g over [b0, b0 + step], by the three-point rule. */
function overStep(b0: number, step: number, g: (y: number) => number): number {
  let sum = 0;
  for (let i = 0; i < NODES.length; i++) sum += (WEIGHTS[i] as number) * g(b0 + step * (NODES[i] as number));
  return sum;
}

/**
 * ln B(alpha, b0 + step) - ln B(alpha, b0) for step >= 0, to full relative
 * precision. It is -int_{b0}^{b0+step} [psi(y + alpha) - psi(y)] dy: for a
 * step small beside b0, by Gauss-Legendre on that smooth integrand (the two
 * log-gamma ratios it replaces agree to almost all their digits there); else
 * as the difference of log-gamma ratios over the smaller of the two shifts.
 */
function logBetaStep(alpha: number, b0: number, step: number): number {
  if (step <= 1e-4 * b0) return -step * overStep(b0, step, (y) => digammaDifference(y, alpha));
  return alpha <= step
    ? logGammaRatio(b0, alpha) - logGammaRatio(b0 + step, alpha)
    : logGammaRatio(b0, step) - logGammaRatio(alpha + b0, step);
}

/**
 * The log-likelihood of survivor counts and its gradient with respect to the
 * logs of the parameters: for each cohort, the customers lost in period t
 * contribute ln P(T = t) each, and those still active after the last
 * observed period ln P(T > last). The one likelihood the fits maximise,
 * report and export.
 *
 * P(T = t) = S(t - 1) (1 - S(t) / S(t - 1)), kept in logs: ln S(t - 1) plus
 * ln(-expm1(ln retention of period t)), so neither long cohorts nor
 * retention close to 1 lose it to cancellation.
 */
export function cohortLogLikelihoodWithGradient(
  survivors: readonly number[][],
  alpha: number,
  beta: number,
  c = 1,
): [number, number[]] {
  const size = c === 1 ? 2 : 3;
  const longest = survivors.reduce((m, s) => Math.max(m, s.length), 0);
  // ln S(t), ln P(T = t) and their gradients for t up to the longest cohort, shared by every cohort.
  const logS = new Float64Array(longest);
  const logP = new Float64Array(longest);
  const gradS: number[][] = [new Array<number>(size).fill(0)];
  const gradP: number[][] = [new Array<number>(size).fill(0)];
  const step = new Array<number>(size).fill(0);
  for (let t = 1; t < longest; t++) {
    const kept = logRetention(alpha, beta, c, t, step);
    const previous = gradS[t - 1] as number[];
    logS[t] = (logS[t - 1] as number) + kept;
    logP[t] = (logS[t - 1] as number) + Math.log(-Math.expm1(kept));
    // d ln(1 - e^k) = -dk / expm1(-k).
    const lossWeight = -1 / Math.expm1(-kept);
    gradS.push(previous.map((g, i) => g + (step[i] as number)));
    gradP.push(previous.map((g, i) => g + lossWeight * (step[i] as number)));
  }
  let total = 0;
  const gradient = new Array<number>(size).fill(0);
  const add = (count: number, value: number, slope: number[]) => {
    total += count * value;
    for (let i = 0; i < size; i++) gradient[i] = (gradient[i] as number) + count * (slope[i] as number);
  };
  for (const counts of survivors) {
    for (let t = 1; t < counts.length; t++) {
      const lost = (counts[t - 1] as number) - (counts[t] as number);
      if (lost > 0) add(lost, logP[t] as number, gradP[t] as number[]);
    }
    const last = counts.length - 1;
    if ((counts[last] as number) > 0) add(counts[last] as number, logS[last] as number, gradS[last] as number[]);
  }
  return [total, gradient];
}

/** The log-likelihood of survivor counts alone (see cohortLogLikelihoodWithGradient). */
export function cohortLogLikelihood(survivors: readonly number[][], alpha: number, beta: number, c = 1): number {
  return cohortLogLikelihoodWithGradient(survivors, alpha, beta, c)[0];
}

/**
 * P(T > t) itself. For the sBG and t up to 2,000 it is the plain product of
 * per-period retention rates, each correctly rounded, which keeps simple
 * cases exact (alpha = beta = 1 gives 1 / (t + 1)); beyond, exp of logSurvival.
 */
export function survival(alpha: number, beta: number, t: number, c = 1): number {
  if (t <= 0) return 1;
  if (c === 1 && t <= 2000) {
    let product = 1;
    for (let i = 1; i <= t; i++) product *= (beta + (i - 1)) / (alpha + beta + (i - 1));
    return product;
  }
  return Math.exp(logSurvival(alpha, beta, t, c));
}
