/**
 * The digamma function psi(x) = d/dx ln Gamma(x) for x > 0: the recurrence
 * psi(x) = psi(x + 1) - 1/x up to x >= 6, then the asymptotic series
 * ln x - 1/(2x) - sum B_2k / (2k x^2k), accurate to about 1e-15.
 */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 6) {
    shift -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Bernoulli terms: 1/12, -1/120, 1/252, -1/240, 1/132
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
  return shift + Math.log(x) - 0.5 * inv - series;
}
