import { hypergeometric2F1 } from '../special/hypergeometric';

/**
 * BG/BB parameters (Fader, Hardie and Shang 2010).
 *
 * @expand
 * @category Discrete-time model: BG/BB
 */
export interface BgBbParameters {
  /** alpha of the beta distribution of the transaction probability p. */
  alpha: number;
  /** beta of the beta distribution of the transaction probability p. */
  beta: number;
  /** gamma of the beta distribution of the drop-out probability theta. */
  gamma: number;
  /** delta of the beta distribution of the drop-out probability theta. */
  delta: number;
}

/**
 * The pieces of one history's likelihood, in logs. With the repeat
 * transactions x, the opportunity of the last one t_x and the opportunities
 * n, and writing (a)_k for the rising factorial,
 *   P(m) = B(alpha + x, beta + m - x) / B(alpha, beta) = (alpha)_x (beta)_(m-x) / (alpha + beta)_m,
 *   S(m) = B(gamma, delta + m) / B(gamma, delta) = (delta)_m / (gamma + delta)_m  (alive through opportunity m),
 *   D(m) = B(gamma + 1, delta + m) / B(gamma, delta) = S(m) gamma / (gamma + delta + m)  (gone right after m),
 * the likelihood (FHS 2010, equation 5) is
 *   L = P(n) S(n) + sum_{m = t_x}^{n - 1} P(m) D(m).
 * Every ratio has whole offsets, so the terms are built by recurrence from
 * m = t_x on, with no special function.
 */
interface HistoryTerms {
  /** ln L. */
  logL: number;
  /** ln P(n) and ln S(n). */
  logP: number;
  logS: number;
  /** d ln L / d ln (alpha, beta, gamma, delta), when asked for. */
  gradient: [number, number, number, number];
}

/** ln(e^a + e^b) without overflow. */
function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * ln L of one history (x, t_x, n), and, when `withGradient`, its gradient
 * with respect to the logs of the parameters. Cost: O(n).
 */
export function historyTerms(p: BgBbParameters, x: number, tx: number, n: number, withGradient: boolean): HistoryTerms {
  const { alpha, beta, gamma, delta } = p;
  const ab = alpha + beta;
  const gd = gamma + delta;
  // ln P(t_x), ln S(t_x) and their derivatives in ln alpha, ln beta (for P) and ln gamma, ln delta (for S).
  let logP = 0;
  let dPa = 0;
  let dPb = 0;
  for (let j = 0; j < x; j++) {
    logP += Math.log(alpha + j);
    dPa += alpha / (alpha + j);
  }
  for (let j = 0; j < tx - x; j++) {
    logP += Math.log(beta + j);
    dPb += beta / (beta + j);
  }
  let logS = 0;
  let dSg = 0;
  let dSd = 0;
  for (let j = 0; j < tx; j++) {
    logP -= Math.log(ab + j);
    dPa -= alpha / (ab + j);
    dPb -= beta / (ab + j);
    logS -= Math.log1p(gamma / (delta + j));
    dSg -= gamma / (gd + j);
    dSd += delta / (delta + j) - delta / (gd + j);
  }
  // The sum over m = t_x .. n - 1 of P(m) D(m), then P(n) S(n), in logs, with the gradient weighted by each term.
  let logL = Number.NEGATIVE_INFINITY;
  const g: [number, number, number, number] = [0, 0, 0, 0];
  const add = (logTerm: number, ga: number, gb: number, gg: number, gdl: number) => {
    const merged = logAdd(logL, logTerm);
    if (withGradient) {
      // Running weighted mean of the terms' gradients: weight of the new term e^(logTerm - merged).
      const share = merged === Number.NEGATIVE_INFINITY ? 0 : Math.exp(logTerm - merged);
      g[0] += share * (ga - g[0]);
      g[1] += share * (gb - g[1]);
      g[2] += share * (gg - g[2]);
      g[3] += share * (gdl - g[3]);
    }
    logL = merged;
  };
  for (let m = tx; m < n; m++) {
    // D(m) = S(m) gamma / (gamma + delta + m).
    const logD = logS + Math.log(gamma / (gd + m));
    add(logP + logD, dPa, dPb, dSg + 1 - gamma / (gd + m), dSd - delta / (gd + m));
    // P(m + 1) = P(m) (beta + m - x) / (alpha + beta + m); S(m + 1) = S(m) (delta + m) / (gamma + delta + m).
    logP += Math.log1p(-(alpha + x) / (ab + m));
    dPa -= alpha / (ab + m);
    dPb += beta / (beta + m - x) - beta / (ab + m);
    logS -= Math.log1p(gamma / (delta + m));
    dSg -= gamma / (gd + m);
    dSd += delta / (delta + m) - delta / (gd + m);
  }
  add(logP + logS, dPa, dPb, dSg, dSd);
  return { logL, logP, logS, gradient: g };
}

/**
 * sum_{k=1}^{K} S(n + k) / S(n): the expected opportunities after n at which
 * a survivor of n is still alive, up to n + K. Term by term, O(K).
 */
function survivalAhead(p: BgBbParameters, n: number, K: number): number {
  const { gamma, delta } = p;
  let ratio = 1;
  let sum = 0;
  for (let k = 1; k <= K; k++) {
    // S(n + k) / S(n + k - 1) = (delta + n + k - 1) / (gamma + delta + n + k - 1).
    ratio *= 1 - gamma / (gamma + delta + n + k - 1);
    sum += ratio;
  }
  return sum;
}

/** P(alive at opportunity n + 1 | history) = P(n) S(n + 1) / L (FHS 2010, equation 11). */
export function probabilityAlive(p: BgBbParameters, x: number, tx: number, n: number): number {
  const t = historyTerms(p, x, tx, n, false);
  const logAlive = t.logP + t.logS + Math.log1p(-p.gamma / (p.gamma + p.delta + n)) - t.logL;
  return Math.min(1, Math.exp(logAlive));
}

/**
 * E[p | history, alive through n] x P(alive through n | history), the factor
 * every forecast of a known customer shares:
 * B(alpha + x + 1, beta + n - x) / B(alpha, beta) x S(n) / L
 *   = P(n) S(n) / L x (alpha + x) / (alpha + beta + n).
 */
function aliveRate(p: BgBbParameters, x: number, tx: number, n: number): number {
  const t = historyTerms(p, x, tx, n, false);
  return Math.exp(t.logP + t.logS - t.logL) * ((p.alpha + x) / (p.alpha + p.beta + n));
}

/**
 * Expected transactions in the next `ahead` opportunities (n + 1 .. n + ahead)
 * of a customer with history (x, t_x, n): FHS 2010, equation 13, summed over
 * the opportunities: aliveRate x sum_{k=1}^{ahead} S(n + k) / S(n). O(n + ahead).
 */
export function expectedTransactions(p: BgBbParameters, x: number, tx: number, n: number, ahead: number): number {
  if (ahead === 0) return 0;
  return aliveRate(p, x, tx, n) * survivalAhead(p, n, ahead);
}

/**
 * Expected transactions of a new customer in its first n opportunities
 * (FHS 2010, equation 8): alpha / (alpha + beta) x sum_{t=1}^{n} S(t). O(n).
 */
export function expectedTransactionsNew(p: BgBbParameters, n: number): number {
  return (p.alpha / (p.alpha + p.beta)) * survivalAhead(p, 0, n);
}

/**
 * Discounted expected residual transactions (FHS 2010, equation 14):
 * aliveRate x sum_{k >= 1} S(n + k) / S(n) / (1 + d)^k, where the series is
 * S(n + 1)/S(n) v 2F1(1, delta + n + 1; gamma + delta + n + 1; v), v = 1/(1 + d).
 * Undefined when the series does not converge within its work limit (d tiny).
 */
export function discountedResidualTransactions(
  p: BgBbParameters,
  x: number,
  tx: number,
  n: number,
  d: number,
): number | undefined {
  const v = 1 / (1 + d);
  const b = p.delta + n + 1;
  const c = p.gamma + p.delta + n + 1;
  const series = hypergeometric2F1(1, b, c, v, 50_000_000);
  if (series === undefined) return undefined;
  const first = 1 - p.gamma / (p.gamma + p.delta + n);
  return aliveRate(p, x, tx, n) * first * v * series.value;
}
