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
 * Log-likelihood of survivor counts: for each cohort, the customers lost in
 * period t contribute ln P(T = t) each, and those still active after the last
 * observed period contribute ln P(T > last).
 */
export function cohortLogLikelihood(survivors: readonly number[][], alpha: number, beta: number, c = 1): number {
  let total = 0;
  const longest = survivors.reduce((m, s) => Math.max(m, s.length), 0);
  // ln S(t) for t = 0..longest-1, shared by every cohort.
  const logS = new Array<number>(longest);
  for (let t = 0; t < longest; t++) logS[t] = logSurvival(alpha, beta, t, c);
  for (const counts of survivors) {
    for (let t = 1; t < counts.length; t++) {
      const lost = (counts[t - 1] as number) - (counts[t] as number);
      if (lost === 0) continue;
      // P(T = t) = S(t-1) - S(t) = S(t-1) (1 - S(t)/S(t-1)), kept in logs.
      const before = logS[t - 1] as number;
      const after = logS[t] as number;
      total += lost * (before + Math.log(-Math.expm1(after - before)));
    }
    const last = counts[counts.length - 1] as number;
    if (last > 0) total += last * (logS[counts.length - 1] as number);
  }
  return total;
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
