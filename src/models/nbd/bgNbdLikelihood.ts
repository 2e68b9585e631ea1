import { digammaDifference } from '../special/digamma';
import { logGamma, logGammaRatio } from '../special/logGamma';
import type { FrequencyRecencyData } from './summaryData';

/** ln Gamma(p + x) - ln Gamma(p) for whole x >= 0: a sum of logs for small x, log-gamma beyond. */
export function logRising(p: number, x: number): number {
  if (x <= 64) {
    let sum = 0;
    for (let i = 0; i < x; i++) sum += Math.log(p + i);
    return sum;
  }
  return p >= 10 ? logGammaRatio(p, x) : logGamma(p + x) - logGamma(p);
}

/** Up to this many repeat purchases, gamma ratios are built by recurrence; beyond, from log-gamma and digamma. */
const RECURRENCE_LIMIT = 10_000;

/** ln Gamma(p + x) - ln Gamma(p) and psi(p + x) - psi(p) for x = 0..n, by recurrence. */
function risingTables(p: number, n: number): [Float64Array, Float64Array] {
  const logs = new Float64Array(n + 1);
  const psis = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) {
    // p + (i - 1), not p + i - 1: for a tiny p the latter rounds p away.
    const term = p + (i - 1);
    logs[i] = (logs[i - 1] as number) + Math.log(term);
    psis[i] = (psis[i - 1] as number) + 1 / term;
  }
  return [logs, psis];
}

/** ln Gamma(p + x) - ln Gamma(p) and psi(p + x) - psi(p), for x beyond the tables. */
function rising(p: number, x: number): [number, number] {
  return [logRising(p, x), digammaDifference(p, x)];
}

/**
 * The BG/NBD log-likelihood of merged customer summaries and its gradient
 * with respect to (r, alpha, a, b): the one likelihood the fit maximises,
 * reports and exports (Fader, Hardie and Lee 2005, equation 6). Per customer,
 * ln L = ln Gamma(r + x) - ln Gamma(r) + ln B(a, b + x) - ln B(a, b)
 *      + ln[ (alpha/(alpha + T))^r (alpha + T)^-x
 *            + [x > 0] a/(b + x - 1) (alpha/(alpha + t_x))^r (alpha + t_x)^-x ],
 * the last term by log-sum-exp with r ln(alpha/(alpha + T)) taken as
 * -r log1p(T/alpha), so that neither thousands of purchases nor a huge r and
 * alpha (customers who all buy at one rate) lose it to cancellation. With
 * w = the weight of the "still active at T" term,
 * d/dr = psi(r + x) - psi(r) - w log1p(T/alpha) - (1 - w) log1p(t_x/alpha),
 * alpha d/dalpha = w (r T - x alpha)/(alpha + T) + (1 - w) (r t_x - x alpha)/(alpha + t_x),
 * d/da = psi(a + b) - psi(a + b + x) + (1 - w)/a,
 * d/db = psi(b + x) - psi(b) + psi(a + b) - psi(a + b + x) - (1 - w)/(b + x - 1).
 *
 * Cost: O(distinct summaries + largest frequency up to 10,000).
 */
export function bgNbdLikelihoodTerms(
  data: FrequencyRecencyData,
  r: number,
  alpha: number,
  a: number,
  b: number,
): [number, [number, number, number, number]] {
  const { frequency, recency, age, weight } = data;
  let maxX = 0;
  for (let i = 0; i < frequency.length; i++) maxX = Math.max(maxX, frequency[i] as number);
  const tableSize = Math.min(maxX, RECURRENCE_LIMIT);
  const tr = risingTables(r, tableSize);
  const tb = risingTables(b, tableSize);
  const tab = risingTables(a + b, tableSize);
  const logA = Math.log(a);
  // Per distinct age and recency: ln(alpha + t) and log1p(t / alpha); per x: ln(b + x - 1).
  const logAges = data.distinctAges.map((T) => Math.log(alpha + T));
  const shrinkAges = data.distinctAges.map((T) => Math.log1p(T / alpha));
  const logRecencies = data.distinctRecencies.map((tx) => Math.log(alpha + tx));
  const shrinkRecencies = data.distinctRecencies.map((tx) => Math.log1p(tx / alpha));
  const logBx = new Float64Array(tableSize + 1);
  for (let k = 1; k <= tableSize; k++) logBx[k] = Math.log(b + (k - 1));
  const { ageIndex, recencyIndex } = data;
  let value = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i] as number;
    const n = weight[i] as number;
    let lr: number;
    let pr: number;
    let lb: number;
    let pb: number;
    let lab: number;
    let pab: number;
    if (x <= RECURRENCE_LIMIT) {
      // Table look-ups: no allocation in the hot loop.
      lr = tr[0][x] as number;
      pr = tr[1][x] as number;
      lb = tb[0][x] as number;
      pb = tb[1][x] as number;
      lab = tab[0][x] as number;
      pab = tab[1][x] as number;
    } else {
      [lr, pr] = rising(r, x);
      [lb, pb] = rising(b, x);
      [lab, pab] = rising(a + b, x);
    }
    const T = age[i] as number;
    const ageAt = ageIndex[i] as number;
    const shrinkT = shrinkAges[ageAt] as number;
    const late = -r * shrinkT - x * (logAges[ageAt] as number);
    let mix = late;
    let w = 1;
    let shrinkTx = 0;
    let tx = 0;
    if (x > 0) {
      const recencyAt = recencyIndex[i] as number;
      tx = recency[i] as number;
      shrinkTx = shrinkRecencies[recencyAt] as number;
      const logB = x <= tableSize ? (logBx[x] as number) : Math.log(b + (x - 1));
      const early = logA - logB - r * shrinkTx - x * (logRecencies[recencyAt] as number);
      const high = Math.max(late, early);
      const el = Math.exp(late - high);
      const ee = Math.exp(early - high);
      mix = high + Math.log(el + ee);
      w = el / (el + ee);
    }
    value += n * (lr + lb - lab + mix);
    const v = 1 - w;
    gr += n * (pr - w * shrinkT - v * shrinkTx);
    // alpha d/dalpha, then divided by alpha below; each part without cancellation.
    gAlpha += n * (w * ((r * T - x * alpha) / (alpha + T)) + (x > 0 ? v * ((r * tx - x * alpha) / (alpha + tx)) : 0));
    ga += n * (-pab + (x > 0 ? v / a : 0));
    gb += n * (pb - pab - (x > 0 ? v / (b + (x - 1)) : 0));
  }
  return [value, [gr, gAlpha / alpha, ga, gb]];
}

/** The BG/NBD log-likelihood of merged customer summaries (see {@link bgNbdLikelihoodTerms}). */
export function bgNbdDataLogLikelihood(
  data: FrequencyRecencyData,
  r: number,
  alpha: number,
  a: number,
  b: number,
): number {
  return bgNbdLikelihoodTerms(data, r, alpha, a, b)[0];
}

/**
 * Minus the BG/NBD log-likelihood and its gradient with respect to
 * (ln r, ln alpha, ln a, ln b), for a quasi-Newton fit.
 */
export function bgNbdNegativeLogLikelihoodWithGradient(
  data: FrequencyRecencyData,
  logParameters: readonly number[],
): [number, number[]] {
  const parameters = logParameters.map(Math.exp) as [number, number, number, number];
  const [value, gradient] = bgNbdLikelihoodTerms(data, ...parameters);
  return [-value, gradient.map((g, i) => -g * (parameters[i] as number))];
}
