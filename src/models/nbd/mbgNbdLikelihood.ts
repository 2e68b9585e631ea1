import { digammaDifference } from '../special/digamma';
import { logRising } from './bgNbdLikelihood';
import type { FrequencyRecencyData } from './summaryData';

/** Up to this many repeat purchases, gamma ratios come from running sums; beyond, from log-gamma and digamma. */
const TABLE_LIMIT = 10_000;

/**
 * ln Gamma(p + k) - ln Gamma(p) and psi(p + k) - psi(p) for k = 0..n, as
 * running sums of ln(p + i) and 1/(p + i).
 */
function ascending(p: number, n: number): { logs: Float64Array; psis: Float64Array } {
  const logs = new Float64Array(n + 1);
  const psis = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) {
    // p + (k - 1): for a tiny p, p + k - 1 would round p away.
    const term = p + (k - 1);
    logs[k] = (logs[k - 1] as number) + Math.log(term);
    psis[k] = (psis[k - 1] as number) + 1 / term;
  }
  return { logs, psis };
}

/** The same two differences at one k, from the tables when k is in them. */
function rise(table: { logs: Float64Array; psis: Float64Array }, p: number, k: number): [number, number] {
  if (k < table.logs.length) return [table.logs[k] as number, table.psis[k] as number];
  return [logRising(p, k), digammaDifference(p, k)];
}

/**
 * The MBG/NBD log-likelihood of merged customer summaries and its gradient
 * with respect to (r, alpha, a, b): the one likelihood the fit maximises,
 * reports and exports (Batislam, Denizel and Filiztekin 2007).
 *
 * Given lambda and p, a customer with x repeat purchases at t_x and age T
 * either survived all x + 1 drop-out chances (the first purchase's and one
 * after each repeat) and bought nothing in (t_x, T], or dropped out at the
 * last of them: L = (1 - p)^x lambda^x [(1 - p) e^(-lambda T) + p e^(-lambda t_x)].
 * Over lambda ~ Gamma(r, alpha) and p ~ Beta(a, b),
 * ln L = ln Gamma(r + x) - ln Gamma(r) + ln B(a, b + x + 1) - ln B(a, b)
 *      + ln[ (alpha/(alpha + T))^r (alpha + T)^-x + a/(b + x) (alpha/(alpha + t_x))^r (alpha + t_x)^-x ],
 * since B(a + 1, b + x) / B(a, b + x + 1) = a / (b + x). The last term is a
 * log-sum-exp of its two parts ("alive at T" and "dropped out at t_x"), with
 * r ln(alpha/(alpha + T)) taken as -r log1p(T/alpha). With w the share of the
 * first part and v = 1 - w,
 * d/dr = psi(r + x) - psi(r) - w log1p(T/alpha) - v log1p(t_x/alpha),
 * alpha d/dalpha = w (r T - x alpha)/(alpha + T) + v (r t_x - x alpha)/(alpha + t_x),
 * d/da = psi(a + b) - psi(a + b + x + 1) + v/a,
 * d/db = psi(b + x + 1) - psi(b) + psi(a + b) - psi(a + b + x + 1) - v/(b + x).
 * Unlike the BG/NBD's, the second part is there for x = 0 too.
 *
 * Cost: O(distinct summaries + largest frequency up to 10,000).
 */
export function mbgNbdLikelihoodTerms(
  data: FrequencyRecencyData,
  r: number,
  alpha: number,
  a: number,
  b: number,
): [number, [number, number, number, number]] {
  const { frequency, recency, age, weight, ageIndex, recencyIndex } = data;
  let maxX = 0;
  for (let i = 0; i < frequency.length; i++) maxX = Math.max(maxX, frequency[i] as number);
  const size = Math.min(maxX, TABLE_LIMIT);
  const forR = ascending(r, size);
  // B(a, b + x + 1)/B(a, b) needs the ratios up to x + 1.
  const forB = ascending(b, size + 1);
  const forAB = ascending(a + b, size + 1);
  const logA = Math.log(a);
  const logAlpha = Math.log(alpha);
  // Per distinct age and recency: log1p(t/alpha) and ln(alpha + t) = ln alpha + log1p(t/alpha).
  const shrinkAges = data.distinctAges.map((T) => Math.log1p(T / alpha));
  const shrinkRecencies = data.distinctRecencies.map((tx) => Math.log1p(tx / alpha));
  let value = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i] as number;
    const n = weight[i] as number;
    const T = age[i] as number;
    const tx = recency[i] as number;
    const [lr, pr] = rise(forR, r, x);
    const [lb, pb] = rise(forB, b, x + 1);
    const [lab, pab] = rise(forAB, a + b, x + 1);
    const shrinkT = shrinkAges[ageIndex[i] as number] as number;
    // A row without repeat purchases has recency 0, whose index may be absent: log1p(0) = 0.
    const shrinkTx = x === 0 ? 0 : (shrinkRecencies[recencyIndex[i] as number] as number);
    const logBx = Math.log(b + x);
    const late = -r * shrinkT - x * (logAlpha + shrinkT);
    const early = logA - logBx - r * shrinkTx - x * (logAlpha + shrinkTx);
    const high = Math.max(late, early);
    const el = Math.exp(late - high);
    const ee = Math.exp(early - high);
    const mix = high + Math.log(el + ee);
    const w = el / (el + ee);
    const v = ee / (el + ee);
    value += n * (lr + lb - lab + mix);
    gr += n * (pr - w * shrinkT - v * shrinkTx);
    // alpha d/dalpha, divided by alpha below; each part without cancellation.
    gAlpha += n * (w * ((r * T - x * alpha) / (alpha + T)) + v * ((r * tx - x * alpha) / (alpha + tx)));
    ga += n * (-pab + v / a);
    gb += n * (pb - pab - v / (b + x));
  }
  return [value, [gr, gAlpha / alpha, ga, gb]];
}

/** The MBG/NBD log-likelihood of merged customer summaries (see {@link mbgNbdLikelihoodTerms}). */
export function mbgNbdDataLogLikelihood(
  data: FrequencyRecencyData,
  r: number,
  alpha: number,
  a: number,
  b: number,
): number {
  return mbgNbdLikelihoodTerms(data, r, alpha, a, b)[0];
}

/**
 * Minus the MBG/NBD log-likelihood and its gradient with respect to
 * (ln r, ln alpha, ln a, ln b), for a quasi-Newton fit.
 */
export function mbgNbdNegativeLogLikelihoodWithGradient(
  data: FrequencyRecencyData,
  logParameters: readonly number[],
): [number, number[]] {
  const parameters = logParameters.map(Math.exp) as [number, number, number, number];
  const [value, gradient] = mbgNbdLikelihoodTerms(data, ...parameters);
  return [-value, gradient.map((g, i) => -g * (parameters[i] as number))];
}
