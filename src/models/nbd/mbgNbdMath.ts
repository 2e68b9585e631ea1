import type { BgNbdParameters } from './bgNbdMath';
import { expectedIfActive, expectedPurchasesNew } from './bgNbdMath';

/**
 * The MBG/NBD (Batislam, Denizel and Filiztekin 2007) is the BG/NBD with one
 * more chance to drop out: right after the first purchase, at time 0. Its
 * parameters are the BG/NBD's (r, alpha, a, b), with the same meanings.
 *
 * Two facts carry every prediction over from the BG/NBD code:
 *
 * - Given a history (x, t_x, T) and alive, the customer has survived x + 1
 *   drop-out chances, so its drop-out probability is Beta(a, b + x + 1) (the
 *   BG/NBD's Beta(a, b + x) with b + 1 for b), and its purchase rate
 *   Gamma(r + x, alpha + T) as in the BG/NBD.
 * - A new customer survives the drop-out at time 0 with probability
 *   E[1 - p] = b / (a + b), and one who does has p ~ Beta(a, b + 1) and is,
 *   from then on, a BG/NBD customer just after a purchase.
 */

/** The BG/NBD parameters with b + 1 for b: the posterior of p after one more survived chance. */
export function shifted(p: BgNbdParameters): BgNbdParameters {
  return { r: p.r, alpha: p.alpha, a: p.a, b: p.b + 1 };
}

/**
 * ln of the odds of dropped out against alive, given (x, t_x, T):
 * ln a - ln(b + x) + (r + x) ln((alpha + T)/(alpha + t_x)), for every x,
 * 0 included; log1p keeps (alpha + T)/(alpha + t_x) near 1 exact.
 */
export function mbgLogOddsDead(p: BgNbdParameters, x: number, tx: number, T: number): number {
  return Math.log(p.a) - Math.log(p.b + x) + (p.r + x) * Math.log1p((T - tx) / (p.alpha + tx));
}

/** [alive, dead] from the log-odds of dead, each without cancellation. */
export function aliveShares(logOdds: number): [number, number] {
  if (logOdds > 0) {
    const e = Math.exp(-logOdds);
    return [e / (1 + e), 1 / (1 + e)];
  }
  const e = Math.exp(logOdds);
  return [1 / (1 + e), e / (1 + e)];
}

/** P(alive | x, t_x, T) = 1 / (1 + a/(b + x) ((alpha + T)/(alpha + t_x))^(r + x)), for every x. */
export function mbgProbabilityAlive(p: BgNbdParameters, x: number, tx: number, T: number): number {
  return aliveShares(mbgLogOddsDead(p, x, tx, T))[0];
}

/**
 * E[X(t) | x, t_x, T]: P(alive) times the expected purchases of a customer
 * still active, which is the BG/NBD's with b + 1 for b:
 * (a + b + x)/(a - 1) [1 - ((alpha + T)/(alpha + T + t))^(r + x) 2F1(r + x, b + x + 1; a + b + x; t/(alpha + T + t))].
 */
export function mbgConditionalExpectedPurchases(
  p: BgNbdParameters,
  x: number,
  tx: number,
  T: number,
  t: number,
  functionName = 'mbgNbdExpectedPurchases',
): number {
  if (t === 0) return 0;
  const alive = mbgProbabilityAlive(p, x, tx, T);
  return alive === 0 ? 0 : alive * expectedIfActive(shifted(p), x, T, t, functionName);
}

/**
 * E[X(t)] of a new customer: b/(a + b) times the BG/NBD's new-customer
 * expectation with b + 1 for b, that is
 * b/(a - 1) [1 - (alpha/(alpha + t))^r 2F1(r, b + 1; a + b; t/(alpha + t))].
 */
export function mbgExpectedPurchasesNew(
  p: BgNbdParameters,
  t: number,
  functionName = 'mbgNbdExpectedPurchasesNewCustomer',
): number {
  if (t === 0) return 0;
  return (p.b / (p.a + p.b)) * expectedPurchasesNew(shifted(p), t, functionName);
}
