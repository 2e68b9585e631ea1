import type { BgNbdParameters } from '../nbd/bgNbdMath';
import { expectedIfActive } from '../nbd/bgNbdMath';
import { discountedPurchases } from '../nbd/discounting';
import { aliveShares, mbgLogOddsDead, shifted } from '../nbd/mbgNbdMath';
import { betaMean } from '../special/betaMean';
import { hypergeometric2F1 } from '../special/hypergeometric';
import type { PurchaseSimulator } from './purchaseIntervals';
import { ALIVE, ALIVE_AT_HORIZON, DISCOUNTED, EXPECTED, NO_PURCHASE, type PurchaseKernel } from './purchaseKernels';

/**
 * P(still active after t more units | active now) for a customer whose
 * purchase rate is Gamma(R, alpha + T) and drop-out probability Beta(a, B):
 * given lambda and p it keeps going through each purchase with chance 1 - p,
 * so through the Poisson(lambda t) purchases of the horizon with chance
 * e^(-lambda p t); over lambda that is (1 + p w)^-R with w = t/(alpha + T),
 * and over p, Euler's integral makes it 2F1(R, a; a + B; -w). Summed with
 * z = w/(1 + w) in one of its two Pfaff forms, each of positive terms:
 * (1 - z)^R 2F1(R, B; a + B; z), or (1 - z)^a 2F1(a, a + B - R; a + B; z),
 * whose parameters do not grow with R (for many purchases). Where neither
 * serves (z near 1, terms that would overflow, a + B - R below -1), the mean
 * over p by quadrature.
 */
function activeThrough(R: number, a: number, B: number, w: number): number {
  const z = w / (1 + w);
  const logOneMinusZ = -Math.log1p(w);
  if (z <= 0.99) {
    if (-R * logOneMinusZ < 600) {
      const first = hypergeometric2F1(R, B, a + B, z, 1_000_000);
      if (first !== undefined) return Math.exp(R * logOneMinusZ) * first.value;
    }
    if (a + B - R > -1 && a < 50) {
      const second = hypergeometric2F1(a, a + B - R, a + B, z, 1_000_000);
      if (second !== undefined) return Math.exp(a * logOneMinusZ) * second.value;
    }
  }
  return betaMean((p) => Math.exp(-R * Math.log1p(p * w)), a, B);
}

/**
 * The MBG/NBD kernel (Batislam, Denizel and Filiztekin 2007), the outputs of
 * the BG/NBD's: P(alive) for every frequency (0 included); P(alive at the
 * horizon's end), with the drop-out probability of one alive now
 * Beta(a, b + x + 1); P(no purchase in the horizon), that is dead now or
 * alive and no purchase, (1 + t/(alpha + T))^-(r + x); the expected purchases,
 * P(alive) times the BG/NBD's expectation of an active customer with b + 1
 * for b; and their discounted sum.
 */
export const mbgNbdKernel: PurchaseKernel<BgNbdParameters> = (p, x, tx, T, horizon, rate, out) => {
  const [alive, dead] = aliveShares(mbgLogOddsDead(p, x, tx, T));
  const R = p.r + x;
  const w = horizon / (p.alpha + T);
  const after = shifted(p);
  out[ALIVE] = alive;
  out[ALIVE_AT_HORIZON] = alive === 0 ? 0 : alive * activeThrough(R, p.a, after.b + x, w);
  out[NO_PURCHASE] = dead + alive * Math.exp(-R * Math.log1p(w));
  const expected = (t: number) =>
    alive === 0 || t === 0 ? 0 : alive * expectedIfActive(after, x, T, t, 'scoreMbgNbd');
  out[EXPECTED] = expected(horizon);
  if (rate !== undefined)
    out[DISCOUNTED] = rate === 0 ? (out[EXPECTED] as number) : discountedPurchases(expected, horizon, rate);
  return Number.isFinite(out[EXPECTED] as number) && Number.isFinite(out[ALIVE_AT_HORIZON] as number);
};

/**
 * MBG/NBD: given alive, lambda ~ Gamma(r + x, alpha + T) and
 * p ~ Beta(a, b + x + 1) (the prior times lambda^x e^(-lambda T) (1 - p)^(x + 1):
 * x + 1 drop-out chances survived); exponential gaps at rate lambda, and
 * after each purchase a drop-out with probability p.
 */
export const simulateMbgNbdFuture: PurchaseSimulator<BgNbdParameters> = (p, x, T, alive, horizon, rng, purchase) => {
  if (rng.uniform() >= alive) return;
  const lambda = rng.gamma(p.r + x, p.alpha + T);
  const dropOut = rng.beta(p.a, p.b + x + 1);
  let t = 0;
  for (;;) {
    t += rng.exponential(lambda);
    if (!(t <= horizon)) return;
    purchase(t);
    if (rng.uniform() < dropOut) return;
  }
};
