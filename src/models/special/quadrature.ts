import { logBeta } from './logGamma';

/**
 * E[g(p)] for p ~ Beta(a, b), by tanh-sinh quadrature after the substitution
 * p = y^(1/a), which turns the weight p^(a-1) into a constant: the integral is
 * (1/(a B(a, b))) int_0^1 g(y^(1/a)) (1 - y^(1/a))^(b-1) dy, whose only
 * endpoint singularity (at y = 1, for b < 1) tanh-sinh handles. Accurate to
 * about 1e-12 relative for integrands that are smooth in p.
 */
export function betaExpectation(g: (p: number) => number, a: number, b: number): number {
  // Halve the step until two estimates agree to 1e-12 (tanh-sinh doubles its
  // digits with each halving on smooth integrands); concentrated Beta laws
  // (large a and b) need the finer steps.
  let previous = tanhSinh(g, a, b, 1 / 32);
  for (let h = 1 / 64; h >= 1 / 4096; h /= 2) {
    const next = tanhSinh(g, a, b, h);
    if (Math.abs(next - previous) <= 1e-12 * Math.abs(next)) return next;
    previous = next;
  }
  return previous;
}

function tanhSinh(g: (p: number) => number, a: number, b: number, h: number): number {
  const limit = 6.5; // beyond, the nodes are within 1e-300 of the ends
  // For a >= 1 the weight has no singularity at 0 and p is used directly;
  // below 1, p = y^(1/a) removes it.
  const substitute = a < 1;
  const logScale = -logBeta(a, b) - (substitute ? Math.log(a) : 0);
  let sum = 0;
  for (let k = -Math.round(limit / h); k <= Math.round(limit / h); k++) {
    const u = k * h;
    const s = (Math.PI / 2) * Math.sinh(u);
    // y = (1 + tanh s) / 2 and 1 - y, each without cancellation.
    const y = 1 / (1 + Math.exp(-2 * s));
    const oneMinusY = 1 / (1 + Math.exp(2 * s));
    if (y <= 0 || oneMinusY <= 0) continue;
    const weight = ((Math.PI / 2) * Math.cosh(u)) / (2 * Math.cosh(s) ** 2);
    if (!(weight > 0) || !Number.isFinite(weight)) continue;
    let p: number;
    let logDensity: number;
    if (substitute) {
      p = y ** (1 / a);
      // 1 - y^(1/a) = -expm1(ln(y) / a), accurate when y is close to 1; ln y = log1p(-(1 - y)).
      const q = -Math.expm1(Math.log1p(-oneMinusY) / a);
      if (!(q > 0)) continue;
      logDensity = (b - 1) * Math.log(q);
    } else {
      p = y;
      logDensity = (a - 1) * Math.log(y) + (b - 1) * Math.log(oneMinusY);
    }
    const value = g(p) * Math.exp(logDensity + logScale);
    if (Number.isFinite(value)) sum += weight * value;
  }
  return sum * h;
}
