import { digamma } from '../special/digamma';
import { logGamma } from '../special/logGamma';
import type { FrequencyRecencyData } from './summaryData';

/** ln Gamma(p + x) - ln Gamma(p) for whole x >= 0: a sum of logs for small x, log-gamma beyond. */
export function logRising(p: number, x: number): number {
  if (x <= 64) {
    let sum = 0;
    for (let i = 0; i < x; i++) sum += Math.log(p + i);
    return sum;
  }
  return logGamma(p + x) - logGamma(p);
}

/**
 * BG/NBD log-likelihood (Fader, Hardie and Lee 2005, equation 6, in logs):
 * ln L_i = ln Gamma(r + x) - ln Gamma(r) + r ln alpha
 *        + ln B(a, b + x) - ln B(a, b)
 *        + ln[ (alpha + T)^-(r+x) + [x > 0] a / (b + x - 1) (alpha + t_x)^-(r+x) ],
 * the last term by log-sum-exp, so customers with thousands of purchases
 * neither overflow nor underflow.
 */
export function bgNbdLogLikelihood(data: FrequencyRecencyData, r: number, alpha: number, a: number, b: number): number {
  const { frequency, recency, age, weight } = data;
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  // ln B(a, b + x) - ln B(a, b) = [ln Gamma(b + x) - ln Gamma(b)] - [ln Gamma(a + b + x) - ln Gamma(a + b)]
  const cache = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i] as number;
    let gammas = cache.get(x);
    if (gammas === undefined) {
      gammas = logRising(r, x) + logRising(b, x) - logRising(a + b, x);
      cache.set(x, gammas);
    }
    const late = -(r + x) * Math.log(alpha + (age[i] as number));
    let mix = late;
    if (x > 0) {
      const early = logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + (recency[i] as number));
      const high = Math.max(late, early);
      mix = high + Math.log(Math.exp(late - high) + Math.exp(early - high));
    }
    total += (weight[i] as number) * (gammas + r * logAlpha + mix);
  }
  return total;
}

/** Up to this many repeat purchases, gamma ratios are built by recurrence; beyond, from log-gamma and digamma. */
const RECURRENCE_LIMIT = 10_000;

/** ln Gamma(p + x) - ln Gamma(p) and psi(p + x) - psi(p) for x = 0..n, by recurrence. */
function risingTables(p: number, n: number): [Float64Array, Float64Array] {
  const logs = new Float64Array(n + 1);
  const psis = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) {
    logs[i] = (logs[i - 1] as number) + Math.log(p + i - 1);
    psis[i] = (psis[i - 1] as number) + 1 / (p + i - 1);
  }
  return [logs, psis];
}

function rising(p: number, x: number, table: [Float64Array, Float64Array]): [number, number] {
  if (x <= RECURRENCE_LIMIT) return [table[0][x] as number, table[1][x] as number];
  return [logGamma(p + x) - logGamma(p), digamma(p + x) - digamma(p)];
}

/**
 * Minus the BG/NBD log-likelihood and its gradient with respect to
 * (ln r, ln alpha, ln a, ln b), for a quasi-Newton fit. With
 * w = the weight of the "still active at T" term in the mixture,
 * d/dr = psi(r + x) - psi(r) + ln alpha - w ln(alpha + T) - (1 - w) ln(alpha + t_x),
 * d/dalpha = r/alpha - (r + x) [w/(alpha + T) + (1 - w)/(alpha + t_x)],
 * d/da = psi(a + b) - psi(a + b + x) + (1 - w)/a,
 * d/db = psi(b + x) - psi(b) + psi(a + b) - psi(a + b + x) - (1 - w)/(b + x - 1).
 */
export function bgNbdNegativeLogLikelihoodWithGradient(
  data: FrequencyRecencyData,
  logParameters: number[],
): [number, number[]] {
  const [r, alpha, a, b] = logParameters.map(Math.exp) as [number, number, number, number];
  const { frequency, recency, age, weight } = data;
  let maxX = 0;
  for (let i = 0; i < frequency.length; i++) maxX = Math.max(maxX, frequency[i] as number);
  const tableSize = Math.min(maxX, RECURRENCE_LIMIT);
  const tr = risingTables(r, tableSize);
  const tb = risingTables(b, tableSize);
  const tab = risingTables(a + b, tableSize);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  // ln(alpha + T) and ln(alpha + t_x) once per distinct value, and ln(b + x - 1) once per x.
  const logAges = data.distinctAges.map((T) => Math.log(alpha + T));
  const logRecencies = data.distinctRecencies.map((tx) => Math.log(alpha + tx));
  const logBx = new Float64Array(tableSize + 1);
  for (let k = 1; k <= tableSize; k++) logBx[k] = Math.log(b + k - 1);
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
      [lr, pr] = rising(r, x, tr);
      [lb, pb] = rising(b, x, tb);
      [lab, pab] = rising(a + b, x, tab);
    }
    const logT = logAges[ageIndex[i] as number] as number;
    const late = -(r + x) * logT;
    let mix = late;
    let w = 1;
    let logTx = 0;
    if (x > 0) {
      logTx = logRecencies[recencyIndex[i] as number] as number;
      const early = logA - (x <= tableSize ? (logBx[x] as number) : Math.log(b + x - 1)) - (r + x) * logTx;
      const high = Math.max(late, early);
      const el = Math.exp(late - high);
      const ee = Math.exp(early - high);
      mix = high + Math.log(el + ee);
      w = el / (el + ee);
    }
    value += n * (lr + lb - lab + r * logAlpha + mix);
    const v = 1 - w;
    gr += n * (pr + logAlpha - w * logT - (x > 0 ? v * logTx : 0));
    gAlpha +=
      n *
      (r / alpha - (r + x) * (w / (alpha + (age[i] as number)) + (x > 0 ? v / (alpha + (recency[i] as number)) : 0)));
    ga += n * (-pab + (x > 0 ? v / a : 0));
    gb += n * (pb - pab - (x > 0 ? v / (b + x - 1) : 0));
  }
  // Chain rule to log parameters, and signs for minimisation.
  return [-value, [-gr * r, -gAlpha * alpha, -ga * a, -gb * b]];
}
