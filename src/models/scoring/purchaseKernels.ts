import { type BgNbdParameters, expectedIfActive } from '../nbd/bgNbdMath';
import { discountedPurchases } from '../nbd/discounting';
import { aliveShares } from '../nbd/mbgNbdMath';
import { logLikelihoodTerms, type ParetoNbdParameters, paretoExpectedGivenAlive } from '../nbd/paretoNbdMath';
import { betaMean } from '../special/betaMean';
import { gaussLegendre } from '../special/gaussLegendre';
import { hypergeometric2F1 } from '../special/hypergeometric';

/** Where each of a customer's scores goes in the output of a kernel. */
export const ALIVE = 0;
export const ALIVE_AT_HORIZON = 1;
export const EXPECTED = 2;
export const NO_PURCHASE = 3;
export const DISCOUNTED = 4;
export const KERNEL_WIDTH = 5;

/**
 * One customer's scores under a purchase model, written into `out` at the
 * indices above: P(alive now), P(alive at the horizon's end), expected
 * purchases in the horizon, P(no purchase in it), and (when `rate` is given)
 * the discounted expected purchases, which times the spend per purchase is
 * the residual value. Returns false when the model cannot be evaluated for
 * this history with these parameters.
 */
export type PurchaseKernel<P> = (
  p: P,
  x: number,
  tx: number,
  T: number,
  horizon: number,
  rate: number | undefined,
  out: Float64Array,
) => boolean;

/**
 * E_p[(1 + p w)^-R] for p ~ Beta(a, B): the chance that a customer alive now,
 * with purchase rate Gamma(R, alpha + T) and drop-out probability Beta(a, B),
 * makes no drop-out purchase in the next t units (w = t / (alpha + T)).
 * By Pfaff's transformation it is (1 - z)^R 2F1(R, B; a + B; z), z = w / (1 + w),
 * whose terms are all positive; by Euler's, (1 - z)^a 2F1(a + B - R, a; a + B; z),
 * whose parameters stay small however many purchases were made. Where neither
 * series serves (z near 1, or terms that would overflow), by quadrature over p.
 */
export function survivesDropOut(R: number, a: number, B: number, w: number): number {
  const z = w / (1 + w);
  const c = a + B;
  const logOneMinusZ = -Math.log1p(w);
  if (z <= 0.99) {
    if (-R * logOneMinusZ < 600) {
      const series = hypergeometric2F1(R, B, c, z, 1_000_000);
      if (series !== undefined) return Math.exp(R * logOneMinusZ) * series.value;
    }
    if (c - R > -1 && a < 50) {
      const series = hypergeometric2F1(c - R, a, c, z, 1_000_000);
      if (series !== undefined) return Math.exp(a * logOneMinusZ) * series.value;
    }
  }
  return betaMean((p) => Math.exp(-R * Math.log1p(p * w)), a, B);
}

/** The BG/NBD kernel (Fader, Hardie and Lee 2005). */
export const bgNbdKernel: PurchaseKernel<BgNbdParameters> = (p, x, tx, T, horizon, rate, out) => {
  const logOdds =
    x === 0
      ? Number.NEGATIVE_INFINITY
      : Math.log(p.a) - Math.log(p.b + (x - 1)) + (p.r + x) * Math.log1p((T - tx) / (p.alpha + tx));
  const [alive, dead] = aliveShares(logOdds);
  const R = p.r + x;
  const w = horizon / (p.alpha + T);
  out[ALIVE] = alive;
  out[ALIVE_AT_HORIZON] = alive === 0 ? 0 : alive * survivesDropOut(R, p.a, p.b + x, w);
  // No purchase: dead already, or alive and no purchase in t, whose chance is E[e^(-lambda t)] = (1 + w)^-R.
  out[NO_PURCHASE] = dead + alive * Math.exp(-R * Math.log1p(w));
  const expected = (t: number) => (alive === 0 || t === 0 ? 0 : alive * expectedIfActive(p, x, T, t, 'scoreBgNbd'));
  out[EXPECTED] = expected(horizon);
  if (rate !== undefined)
    out[DISCOUNTED] = rate === 0 ? (out[EXPECTED] as number) : discountedPurchases(expected, horizon, rate);
  return Number.isFinite(out[EXPECTED] as number) && Number.isFinite(out[ALIVE_AT_HORIZON] as number);
};

const RULE = gaussLegendre(16);

/**
 * The integral of f over [a, b] by the 16-point Gauss-Legendre rule,
 * bisected until the two halves agree with the whole to `tolerance`
 * (absolute), at most `depth` times.
 */
function integrate(f: (y: number) => number, a: number, b: number, tolerance: number, depth = 30): number {
  const panel = (lo: number, hi: number) => {
    const middle = (lo + hi) / 2;
    const half = (hi - lo) / 2;
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += (RULE.weights[i] as number) * f(middle + half * (RULE.nodes[i] as number));
    return sum * half;
  };
  const recurse = (lo: number, hi: number, whole: number, left: number): number => {
    const middle = (lo + hi) / 2;
    const first = panel(lo, middle);
    const second = panel(middle, hi);
    if (left === 0 || Math.abs(first + second - whole) <= tolerance) return first + second;
    return recurse(lo, middle, first, left - 1) + recurse(middle, hi, second, left - 1);
  };
  return recurse(a, b, panel(a, b), depth);
}

/**
 * P(no purchase in the next t units | alive now) under the Pareto/NBD, with
 * purchase rate lambda ~ Gamma(R, A) and drop-out rate mu ~ Gamma(s, B)
 * (A = alpha + T, B = beta + T, R = r + x): staying alive through t without
 * a purchase, E[e^(-lambda t)] E[e^(-mu t)] = (1 + t/A)^-R (1 + t/B)^-s, plus
 * dropping out before the first purchase,
 * s (A/B) int_0^Y e^((1-R) y) (1 + (A/B)(e^y - 1))^(-s-1) dy with Y = ln(1 + t/A)
 * (the density of the first of the two events, in y = ln(1 + u/A), after
 * integrating by parts: every term is positive, so nothing cancels).
 */
function paretoNoPurchaseIfAlive(R: number, s: number, A: number, B: number, t: number): number {
  const Y = Math.log1p(t / A);
  const rho = A / B;
  const stays = Math.exp(-R * Y - s * Math.log1p(t / B));
  const density = (y: number) => Math.exp((1 - R) * y - (s + 1) * Math.log1p(rho * Math.expm1(y)));
  // The integral is below 1; its error is held to 1e-15 of the total, whose size the first terms bound.
  const rough = stays + s * rho * integrate(density, 0, Y, 1e-3, 0);
  return stays + s * rho * integrate(density, 0, Y, (1e-15 * rough) / (s * rho));
}

/** The Pareto/NBD kernel (Schmittlein, Morrison and Colombo 1987; Fader, Hardie and Lee 2005). */
export const paretoNbdKernel: PurchaseKernel<ParetoNbdParameters> = (p, x, tx, T, horizon, rate, out) => {
  const terms = logLikelihoodTerms(p, x, tx, T);
  if (terms === undefined) return false;
  const [alive, dead] = aliveShares(terms[1] - terms[0]);
  const A = p.alpha + T;
  const B = p.beta + T;
  out[ALIVE] = alive;
  out[ALIVE_AT_HORIZON] = alive === 0 ? 0 : alive * Math.exp(-p.s * Math.log1p(horizon / B));
  out[NO_PURCHASE] = dead + (alive === 0 ? 0 : alive * paretoNoPurchaseIfAlive(p.r + x, p.s, A, B, horizon));
  const expected = (t: number) => paretoExpectedGivenAlive(p, x, T, t, alive);
  out[EXPECTED] = expected(horizon);
  if (rate !== undefined)
    out[DISCOUNTED] = rate === 0 ? (out[EXPECTED] as number) : discountedPurchases(expected, horizon, rate);
  return Number.isFinite(out[EXPECTED] as number) && Number.isFinite(out[NO_PURCHASE] as number);
};
