import { MetricInputError } from '../../internal/errors';
import { betaMean } from '../special/betaMean';
import { hypergeometric2F1 } from '../special/hypergeometric';
import { logGamma } from '../special/logGamma';
import { logRising } from './bgNbdLikelihood';

/**
 * BG/NBD parameters.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface BgNbdParameters {
  /** Shape r of the gamma distribution of purchase rates. */
  r: number;
  /** Scale alpha of the gamma distribution of purchase rates, in time units. */
  alpha: number;
  /** a of the beta distribution of the drop-out probability. */
  a: number;
  /** b of the beta distribution of the drop-out probability. */
  b: number;
}

/** P(alive | x, t_x, T) = 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)). */
export function probabilityAlive(p: BgNbdParameters, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  // b + (x - 1), not b + x - 1: for a tiny b the latter rounds b away; log1p keeps (alpha + T)/(alpha + t_x) near 1.
  const logOdds = Math.log(p.a) - Math.log(p.b + (x - 1)) + (p.r + x) * Math.log1p((T - tx) / (p.alpha + tx));
  return logOdds > 700 ? 0 : 1 / (1 + Math.exp(logOdds));
}

type SeriesRoute = 'direct' | 'euler' | 'quadrature';

/**
 * Which way to compute (1 - z)^(r + x) 2F1(r + x, b + x; a + b + x - 1; z).
 * Directly, every term is positive (when a + b + x - 1 > 0) and the series
 * converges quickly however large a and b are, but its terms grow like
 * (1 - z)^-(r + x) before they fall, so it overflows for thousands of
 * purchases. Euler's transformation,
 * (1 - z)^(a - 1) 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z), keeps the
 * parameters small however large x is, but overflows for large a, and its
 * terms alternate when a + b - 1 - r < -1. Near z = 1 both need too many
 * terms. Whatever neither series can do, quadrature does.
 */
function route(p: BgNbdParameters, x: number, z: number): SeriesRoute {
  if (z > 0.99) return 'quadrature';
  const c = p.a + p.b + x - 1;
  if (c > 0 && (p.r + x) * -Math.log1p(-z) < 600) return 'direct';
  if (c > 0 && p.a + p.b - 1 - p.r > -1 && p.a < 50) return 'euler';
  return 'quadrature';
}

function survivingMass(functionName: string, p: BgNbdParameters, x: number, z: number, way: SeriesRoute): number {
  const c = p.a + p.b + x - 1;
  const direct = way === 'direct';
  const series = direct
    ? hypergeometric2F1(p.r + x, p.b + x, c, z, 10_000_000)
    : hypergeometric2F1(p.a + p.b - 1 - p.r, p.a - 1, c, z, 10_000_000);
  if (series === undefined || !Number.isFinite(series.value)) {
    throw new MetricInputError(
      functionName,
      'horizon',
      'with these parameters (r, alpha, a, b) is beyond the reach of the hypergeometric series (it did not converge in 10 million terms); use a shorter horizon or check the parameters',
    );
  }
  return direct ? Math.exp((p.r + x) * Math.log1p(-z)) * series.value : (1 - z) ** (p.a - 1) * series.value;
}

/**
 * E_p[(1 - (S / (S + p t))^R) / p] for p ~ Beta(A, B): the expected purchases
 * in t units of a customer still active, whose purchase rate is Gamma(R, S)
 * and drop-out probability Beta(A, B). The closed forms below equal it; this
 * quadrature route is used where their series would cancel catastrophically
 * (a large r makes a hypergeometric parameter very negative).
 */
function activeExpectation(R: number, S: number, A: number, B: number, t: number): number {
  const rate = t / S;
  return betaMean(
    (p) => {
      // ln(1 + p t / S) / p, and then (1 - e^-(R p that)) / p, each by its series where p t / S or the
      // exponent is so small that the closed form would round to 0 (p near 0 is where the mass can be).
      const u = p * rate;
      const perP = u < 1e-10 ? rate * (1 - u / 2) : Math.log1p(u) / p;
      const y = R * p * perP;
      return y < 1e-10 ? R * perP * (1 - y / 2) : -Math.expm1(-y) / p;
    },
    A,
    B,
  );
}

/**
 * The series routes give (a + b + x - 1)/(a - 1) (1 - mass), where mass is
 * the surviving mass; when 1 - mass is below this, it has lost most of its
 * digits to cancellation (a tiny r, a short horizon, a close to 1 or 0) and
 * the quadrature route is taken instead.
 */
const CANCELLATION = 1e-6;

/** E[X(t)] for a customer of known history over the next t units (FHL 2005, equation 10). */
export function conditionalExpectedPurchases(
  p: BgNbdParameters,
  x: number,
  tx: number,
  T: number,
  t: number,
  functionName = 'bgNbdExpectedPurchases',
): number {
  if (t === 0) return 0;
  const alive = probabilityAlive(p, x, tx, T);
  return alive === 0 ? 0 : expectedIfActive(p, x, T, t, functionName) * alive;
}

/**
 * E[X(t) | active now] for a customer with x repeat purchases and age T: the
 * expected purchases over the next t units of one still active (t > 0).
 * Times P(alive) it is {@link conditionalExpectedPurchases}; the batch
 * scorer, which has P(alive) at hand, multiplies it in itself.
 */
export function expectedIfActive(
  p: BgNbdParameters,
  x: number,
  T: number,
  t: number,
  functionName = 'bgNbdExpectedPurchases',
): number {
  const z = t / (p.alpha + T + t);
  const way = route(p, x, z);
  const series = way === 'quadrature' ? Number.NaN : seriesExpectation(functionName, p, x, z, way);
  return series >= 0 ? series : activeExpectation(p.r + x, p.alpha + T, p.a, p.b + x, t);
}

/** E[X(t)] for a new customer over its first t units (FHL 2005, equation 9). */
export function expectedPurchasesNew(
  p: BgNbdParameters,
  t: number,
  functionName = 'bgNbdExpectedPurchasesNewCustomer',
): number {
  if (t === 0) return 0;
  const way = route(p, 0, t / (p.alpha + t));
  const series = way === 'quadrature' ? Number.NaN : seriesExpectation(functionName, p, 0, t / (p.alpha + t), way);
  return series >= 0 ? series : activeExpectation(p.r, p.alpha, p.a, p.b, t);
}

/**
 * (a + b + x - 1)/(a - 1) (1 - mass), the closed form of an active
 * customer's expected purchases; NaN where it cannot keep its digits: 1 - mass
 * lost to cancellation (below 1e-6), or a factor (a + b + x - 1)/(a - 1) that
 * would magnify the rounding of the series beyond 1e3 (a close to 1 above
 * all, where the closed form is 0/0). The quadrature route takes over there.
 */
function seriesExpectation(functionName: string, p: BgNbdParameters, x: number, z: number, way: SeriesRoute): number {
  const factor = (p.a + p.b + (x - 1)) / (p.a - 1);
  if (!(Math.abs(factor) <= 1e3)) return Number.NaN;
  const left = 1 - survivingMass(functionName, p, x, z, way);
  return Math.abs(left) < CANCELLATION ? Number.NaN : factor * left;
}

/** P(X(t) = k) for a new customer (FHL 2005, equation 8), in logs. Cost: O(k). */
export function purchaseCountProbability(p: BgNbdParameters, k: number, t: number): number {
  return purchaseCountDistribution(p, k + 1, t)[k] as number;
}

/**
 * P(X(t) = k) for k = 0..count-1 in one pass (FHL 2005, equation 8):
 * B(a, b + k)/B(a, b) NB(k) + [k > 0] B(a + 1, b + k - 1)/B(a, b) (1 - sum_{j<k} NB(j)),
 * with the negative-binomial terms NB(j) of Gamma(r, alpha) mixing and their
 * running sum shared by every k. Cost: O(count).
 */
export function purchaseCountDistribution(p: BgNbdParameters, count: number, t: number): Float64Array {
  const { r, alpha, a, b } = p;
  const out = new Float64Array(count);
  // ln(t / (alpha + t)) and ln(alpha / (alpha + t)), without rounding alpha + t.
  const logZ = -Math.log1p(alpha / t);
  const logOneMinus = -Math.log1p(t / alpha);
  // ln[Gamma(r + j) / (Gamma(r) j!)] + r ln(alpha/(alpha+t)) + j ln(t/(alpha+t))
  const logNbd = (j: number) => logRising(r, j) - logGamma(j + 1) + r * logOneMinus + (j === 0 ? 0 : j * logZ);
  let below = 0;
  // ln[B(a, b + k) / B(a, b)], step by step: each step adds ln((b + k) / (a + b + k)) = -log1p(a / (b + k)),
  // which keeps its digits when a or b is huge (a difference of log-betas would not).
  let logRatio = 0;
  let previousRatio = 1;
  for (let k = 0; k < count; k++) {
    const nbd = Math.exp(logNbd(k));
    let probability = Math.exp(logRatio) * nbd;
    // B(a + 1, b + k - 1) / B(a, b) = a / (a + b + k - 1) x B(a, b + k - 1) / B(a, b).
    if (k > 0) probability += previousRatio * (a / (a + b + (k - 1))) * Math.max(0, 1 - below);
    out[k] = probability;
    below += nbd;
    previousRatio = Math.exp(logRatio);
    logRatio -= Math.log1p(a / (b + k));
  }
  return out;
}
