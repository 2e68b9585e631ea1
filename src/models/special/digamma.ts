/**
 * The digamma function psi(x) = d/dx ln Gamma(x) for x > 0: the recurrence
 * psi(x) = psi(x + 1) - 1/x up to x >= 10, then the asymptotic series
 * ln x - 1/(2x) - sum B_2k / (2k x^2k), accurate to about 1e-15.
 */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // B_2k / (2k) for k = 1..7: 1/12, -1/120, 1/252, -1/240, 1/132, -691/32760, 1/12
  const series =
    inv2 *
    (1 / 12 -
      inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return shift + Math.log(x) - 0.5 * inv - series;
}

/**
 * psi(p + x) - psi(p) for x > 0 without the cancellation of two nearly equal
 * digammas: below 10 by the recurrence, then from the asymptotic series,
 * log1p(x/p) - [1/(2(p+x)) - 1/(2p)] - sum_k B_2k/(2k) [(p+x)^-2k - p^-2k].
 */
export function digammaDifference(p: number, x: number): number {
  if (p < 10) {
    // psi(p + x) - psi(p) = [the same at p + m] + sum_{k<m} x / ((p + k)(p + k + x)): no cancellation for a small x.
    let sum = 0;
    let shifted = p;
    while (shifted < 10) {
      sum += x / (shifted * (shifted + x));
      shifted += 1;
    }
    return digammaDifference(shifted, x) + sum;
  }
  const q = p + x;
  return Math.log1p(x / p) - (0.5 / q - 0.5 / p) + (digammaTail(q) - digammaTail(p));
}

/** psi(y) - ln y + 1/(2y) = -sum_k B_2k / (2k y^2k), for y >= 10. */
export function digammaTail(y: number): number {
  const i2 = 1 / (y * y);
  return -i2 * (1 / 12 - i2 * (1 / 120 - i2 * (1 / 252 - i2 * (1 / 240 - i2 / 132))));
}

/** The trigamma function psi'(x) for x > 0: the recurrence up to x >= 10, then the asymptotic series. */
export function trigamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // 1/x + 1/(2x^2) + sum B_2k / x^(2k+1): 1/6, -1/30, 1/42, -1/30, 5/66.
  return (
    shift + inv + inv2 * (0.5 + inv * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - (5 / 66) * inv2)))))
  );
}

/**
 * psi'(p + x) - psi'(p) for x >= 0, without cancellation when p is large:
 * each power in the asymptotic series is differenced as
 * q^-k - p^-k = -(x / (p q)) sum_{i<k} p^-i q^-(k-1-i), with q = p + x.
 */
export function trigammaDifference(p: number, x: number): number {
  if (p < 10) return trigamma(p + x) - trigamma(p);
  const q = p + x;
  const ip = 1 / p;
  const iq = 1 / q;
  const lead = -x * ip * iq;
  // q^-k - p^-k = lead s_k, with s_1 = 1 and s_k = p^-(k-1) + s_(k-1) / q; the series' coefficient of z^-k is c_k.
  let sk = 1;
  let pk = 1; // p^-(k-1)
  let sum = 0;
  for (let k = 1; k <= 11; k++) {
    if (k > 1) {
      pk *= ip;
      sk = pk + iq * sk;
    }
    sum += (TRIGAMMA_SERIES[k - 1] as number) * sk;
  }
  return lead * sum;
}

// The coefficients of z^-k, k = 1..11, in the asymptotic series of psi'(z): 1, 1/2, 1/6, 0, -1/30, 0, 1/42, 0, -1/30, 0, 5/66.
const TRIGAMMA_SERIES = [1, 0.5, 1 / 6, 0, -1 / 30, 0, 1 / 42, 0, -1 / 30, 0, 5 / 66];
