import { LOG_F, LOG_Q, paretoNbdLikelihoodTerms, rowLogs, rowTerms } from './paretoNbdLikelihood';
import type { FrequencyRecencyData } from './summaryData';

/**
 * Pareto/NBD parameters.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
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
 * [ln F, ln Q]: the two terms of the Pareto/NBD likelihood's bracket (still
 * alive at T; dropped out unseen between t_x and T), on a common scale (see
 * paretoNbdLikelihood.ts). ln Q is -Infinity when t_x = T. Undefined when the
 * terms cannot be computed (parameters so extreme that T / alpha overflows).
 */
export function logLikelihoodTerms(
  p: ParetoNbdParameters,
  x: number,
  tx: number,
  T: number,
): [number, number] | undefined {
  const out = new Float64Array(10);
  const logs = rowLogs(p.alpha, p.s, p.beta, tx, T);
  if (rowTerms(p.r, p.alpha, p.s, p.beta, x, tx, T, logs, out, false) < 0) return undefined;
  const logF = out[LOG_F] as number;
  const logQ = out[LOG_Q] as number;
  if (Number.isNaN(logF) || Number.isNaN(logQ) || logF === Number.NEGATIVE_INFINITY) return undefined;
  return [logF, logQ];
}

/** The Pareto/NBD log-likelihood of merged summaries (see paretoNbdLikelihood.ts); NaN where it cannot be computed. */
export function paretoNbdDataLogLikelihood(data: FrequencyRecencyData, p: ParetoNbdParameters): number {
  return paretoNbdLikelihoodTerms(data, p.r, p.alpha, p.s, p.beta);
}

/**
 * P(alive | x, t_x, T) = F / (F + Q) = 1 / (1 + e^(ln Q - ln F)), exactly 1
 * when t_x = T; undefined when the terms cannot be computed.
 */
export function paretoProbabilityAlive(p: ParetoNbdParameters, x: number, tx: number, T: number): number | undefined {
  const terms = logLikelihoodTerms(p, x, tx, T);
  if (terms === undefined) return undefined;
  const logOdds = terms[1] - terms[0];
  if (logOdds === Number.NEGATIVE_INFINITY) return 1;
  // For large odds, e^-L / (1 + e^-L) keeps the digits of a tiny probability (down to subnormals).
  if (logOdds > 0) {
    const e = Math.exp(-logOdds);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive);
 * Infinity when it exceeds the largest number, undefined when P(alive) cannot be computed.
 */
export function paretoConditionalExpected(
  p: ParetoNbdParameters,
  x: number,
  tx: number,
  T: number,
  t: number,
): number | undefined {
  const alive = paretoProbabilityAlive(p, x, tx, T);
  if (alive === undefined) return undefined;
  return paretoExpectedGivenAlive(p, x, T, t, alive);
}

/** E[Y(t) | x, t_x, T] for a customer whose P(alive) is already known (the scorers compute it once). */
export function paretoExpectedGivenAlive(
  p: ParetoNbdParameters,
  x: number,
  T: number,
  t: number,
  alive: number,
): number {
  if (t === 0) return 0;
  const { r, alpha, s, beta } = p;
  return scaledSurvival((r + x) / (alpha + T), beta + T, s, t, alive);
}

/**
 * rate x (beta + t0) x survivalFactor(s, t / (beta + t0)) x share, multiplied
 * directly, or in logs when that overflows: Infinity only when the result
 * itself exceeds the largest number.
 */
function scaledSurvival(rate: number, scale: number, s: number, t: number, share: number): number {
  if (share === 0) return 0;
  const u = t / scale;
  const direct = rate * scale * survivalFactor(s, u) * share;
  if (Number.isFinite(direct)) return direct;
  // Only s < 1 grows without bound: (e^((1-s) L) - 1) / (1 - s), L = ln(1 + u).
  const L = Math.log1p(u);
  const logFactor = s < 1 ? (1 - s) * L + Math.log(-Math.expm1(-(1 - s) * L)) - Math.log(1 - s) : Math.log(direct);
  return Math.exp(Math.log(rate) + Math.log(scale) + logFactor + Math.log(share));
}

/**
 * (1 - ratio^(s-1)) / (s-1) with ratio = 1 / (1 + u), and its limit -ln(ratio)
 * at s = 1; ln(ratio) is taken as -log1p(u), so a horizon short against beta
 * keeps its digits. Non-decreasing in u.
 */
function survivalFactor(s: number, u: number): number {
  const logRatio = -Math.log1p(u);
  return Math.abs(s - 1) < 1e-10 ? -logRatio : -Math.expm1((s - 1) * logRatio) / (s - 1);
}

/** E[X(t)] for a new customer = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]; Infinity beyond the largest number. */
export function paretoExpectedNew(p: ParetoNbdParameters, t: number): number {
  if (t === 0) return 0;
  const { r, alpha, s, beta } = p;
  return scaledSurvival(r / alpha, beta, s, t, 1);
}
