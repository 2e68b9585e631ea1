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
