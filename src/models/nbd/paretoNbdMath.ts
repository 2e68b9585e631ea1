import { hypergeometric2F1 } from '../special/hypergeometric';
import { logRising } from './bgNbdLikelihood';
import type { FrequencyRecencyData } from './summaryData';

/** Pareto/NBD parameters. */
export interface ParetoNbdParameters {
  /** Shape r of the gamma distribution of purchase rates. */
  r: number;
  /** Scale alpha of the gamma distribution of purchase rates, in time units. */
  alpha: number;
  /** Shape s of the gamma distribution of drop-out rates. */
  s: number;
  /** Scale beta of the gamma distribution of drop-out rates, in time units. */
  beta: number;
}

/**
 * ln[2F1(r+s+x, s+1 or r+x; r+s+x+1; z) / (m + t)^(r+s+x)] where m = max(alpha, beta):
 * one of the two terms of A_0 in the Pareto/NBD likelihood, in logs.
 */
function logA0Term(p: ParetoNbdParameters, x: number, t: number, maxTerms?: number): number {
  const { r, alpha, s, beta } = p;
  const big = Math.max(alpha, beta);
  const z = Math.abs(alpha - beta) / (big + t);
  const second = alpha >= beta ? s + 1 : r + x;
  const series = z === 0 ? { value: 1 } : hypergeometric2F1(r + s + x, second, r + s + x + 1, z, maxTerms);
  if (series === undefined) return Number.NaN;
  return Math.log(series.value) - (r + s + x) * Math.log(big + t);
}

/**
 * ln of the bracket of the Pareto/NBD likelihood (Fader, Hardie and Lee 2005,
 * "A note on deriving the Pareto/NBD model", equation 22):
 * 1 / ((alpha + T)^(r+x) (beta + T)^s) + s / (r + s + x) A_0, with
 * A_0 = F(t_x) - F(T) kept in logs (log F(t_x) + log1p(-F(T)/F(t_x))), so
 * purchases close to T lose no digits.
 * Returns [ln first term, ln second term].
 */
export function logLikelihoodTerms(
  p: ParetoNbdParameters,
  x: number,
  tx: number,
  T: number,
  maxTerms?: number,
): [number, number] {
  const { r, alpha, s, beta } = p;
  const first = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const atTx = logA0Term(p, x, tx, maxTerms);
  const atT = logA0Term(p, x, T, maxTerms);
  const difference = atTx + Math.log1p(-Math.exp(atT - atTx));
  const second = Math.log(s / (r + s + x)) + difference;
  return [first, tx === T ? Number.NEGATIVE_INFINITY : second];
}

/**
 * Pareto/NBD log-likelihood of merged summaries; NaN where a series would
 * need more than `maxTerms` terms (default: the series' own limit).
 */
export function paretoNbdLogLikelihood(data: FrequencyRecencyData, p: ParetoNbdParameters, maxTerms?: number): number {
  const { frequency, recency, age, weight } = data;
  const { r, alpha, s, beta } = p;
  const constant = r * Math.log(alpha) + s * Math.log(beta);
  let total = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i] as number;
    const [first, second] = logLikelihoodTerms(p, x, recency[i] as number, age[i] as number, maxTerms);
    if (Number.isNaN(second)) return Number.NaN;
    const high = Math.max(first, second);
    const mix = high + Math.log(Math.exp(first - high) + Math.exp(second - high));
    total += (weight[i] as number) * (logRising(r, x) + constant + mix);
  }
  return total;
}

/** P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A_0). */
export function paretoProbabilityAlive(p: ParetoNbdParameters, x: number, tx: number, T: number): number {
  const [first, second] = logLikelihoodTerms(p, x, tx, T);
  const logOdds = second - first;
  if (!(logOdds > -745)) return 1;
  return logOdds > 700 ? 0 : 1 / (1 + Math.exp(logOdds));
}

/** E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive). */
export function paretoConditionalExpected(p: ParetoNbdParameters, x: number, tx: number, T: number, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, s, beta } = p;
  return (
    (((r + x) * (beta + T)) / (alpha + T)) * survivalFactor(s, t / (beta + T)) * paretoProbabilityAlive(p, x, tx, T)
  );
}

/**
 * (1 - ratio^(s-1)) / (s-1) with ratio = 1 / (1 + u), and its limit -ln(ratio)
 * at s = 1; ln(ratio) is taken as -log1p(u), so a horizon short against beta
 * keeps its digits.
 */
function survivalFactor(s: number, u: number): number {
  const logRatio = -Math.log1p(u);
  return Math.abs(s - 1) < 1e-10 ? -logRatio : -Math.expm1((s - 1) * logRatio) / (s - 1);
}

/** E[X(t)] for a new customer = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]. */
export function paretoExpectedNew(p: ParetoNbdParameters, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, s, beta } = p;
  return ((r * beta) / alpha) * survivalFactor(s, t / beta);
}
