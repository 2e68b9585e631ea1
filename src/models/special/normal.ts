/**
 * Upper tail of the standard normal distribution, Q(x) = 1 - Phi(x), for
 * x >= 0, to about 1e-13 relative (the series loses a few digits to
 * cancellation as it nears 3). Below 3 from the Taylor series of Phi,
 * Phi(x) = 1/2 + phi(x) sum_k x^(2k+1) / (1 x 3 x ... x (2k+1)), whose terms
 * are all positive; from 3 on from Laplace's continued fraction
 * Q(x) = phi(x) / (x + 1/(x + 2/(x + 3/(x + ...)))), evaluated by Lentz's
 * method, which converges fast for large x.
 */
export function normalUpperTail(x: number): number {
  const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  if (x < 3) {
    let term = x;
    let sum = x;
    for (let k = 1; k < 200 && term > 1e-17 * sum; k++) {
      term *= (x * x) / (2 * k + 1);
      sum += term;
    }
    return 0.5 - density * sum;
  }
  // Lentz's algorithm for x + 1/(x + 2/(x + 3/(x + ...))).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = x + k * d;
    d = d === 0 ? tiny : d;
    c = x + k / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return density / f;
}

/**
 * The quantile z of the standard normal distribution with Q(z) = tail, for
 * 0 < tail <= 1/2 (z >= 0): Newton's method on ln Q from the logistic guess
 * z = ln((1 - tail) / tail) / 1.7, with the ratio phi(z) / Q(z) (the inverse
 * Mills ratio) as the slope. Used for confidence intervals:
 * a level of 0.95 takes tail = 0.025 and gives z = 1.959963984540054.
 */
export function normalUpperQuantile(tail: number): number {
  let z = Math.max(0, Math.log((1 - tail) / tail) / 1.7);
  for (let i = 0; i < 100; i++) {
    const q = normalUpperTail(z);
    const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    // d ln Q / dz = -phi / Q; Newton on ln Q(z) = ln tail.
    const step = (Math.log(q) - Math.log(tail)) / (density / q);
    z = Math.max(0, z + step);
    if (Math.abs(step) <= 1e-15 * Math.max(1, z)) break;
  }
  return z;
}
