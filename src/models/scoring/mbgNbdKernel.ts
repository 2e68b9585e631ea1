import type { BgNbdParameters } from '../nbd/bgNbdMath';
import { expectedIfActive } from '../nbd/bgNbdMath';
import { discountedPurchases } from '../nbd/discounting';
import { aliveShares, mbgLogOddsDead, shifted } from '../nbd/mbgNbdMath';
import { type PurchaseSimulator, simulateDropOutAfterPurchases } from './purchaseIntervals';
import {
  ALIVE,
  ALIVE_AT_HORIZON,
  DISCOUNTED,
  EXPECTED,
  NO_PURCHASE,
  type PurchaseKernel,
  survivesDropOut,
} from './purchaseKernels';

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
  out[ALIVE_AT_HORIZON] = alive === 0 ? 0 : alive * survivesDropOut(R, p.a, after.b + x, w);
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
export const simulateMbgNbdFuture: PurchaseSimulator<BgNbdParameters> = (p, x, T, alive, horizon, rng, purchase) =>
  simulateDropOutAfterPurchases(p, x, T, alive, horizon, rng, purchase, p.b + x + 1);
