/**
 * E[g(p)] for p ~ Beta(A, B), for any A, B > 0 and a g that is smooth and
 * bounded on [0, 1]; g receives p and 1 - p, each without cancellation.
 *
 * For A, B >= 1, by the trapezoid rule in the log-odds u = ln(p / (1 - p)),
 * where the density, p^A (1 - p)^B, is smooth, log-concave and decays
 * exponentially both ways, so the rule's error falls like exp(-c / h) and is
 * squared by each halving of the step (halved until a halving moves the
 * estimate by under 1e-7, which leaves an error about the square of that).
 * The nodes are placed around the mean p* = A / (A + B) in units of
 * sqrt(1/A + 1/B), and the log-density
 * relative to p*, for d = u - ln(A / B), is
 * -A log1p((1 - p*) expm1(-d)) - B log1p(p* expm1(d)): exact to rounding
 * times min(A, B), even when A or B is in the trillions.
 *
 * For A or B below 1 the density piles up at an end, and the value there is
 * taken out: for B < 1 <= A, E[g] = g(1) + B/(A + B) E'[(g - g(1)) / (1 - p)]
 * with E' over Beta(A, B + 1) (and the mirror image for A < 1 <= B); for both
 * below 1, the chord g(0)(1 - m) + g(1) m, m = A / (A + B), plus
 * [A B / ((A + B)(A + B + 1))] E'[k] with k = [g - g(0)(1 - p) - g(1) p] / (p (1 - p))
 * over Beta(A + 1, B + 1). Each E' is a trapezoid sum as above.
 *
 * Cost: a few hundred to a few thousand evaluations of g.
 */
export function betaMean(g: (p: number, q: number) => number, A: number, B: number): number {
  if (A >= 1 && B >= 1) return logOddsTrapezoid(g, A, B);
  const total = A + B;
  if (A >= 1) {
    // Mass piled at p = 1: E[g] = g(1) + E[(1 - p) k(p)], k = (g - g(1)) / (1 - p), and
    // E[(1 - p) k(p)] = B / (A + B) E'[k] over Beta(A, B + 1).
    const atOne = g(1, 0);
    return atOne + (B / total) * logOddsTrapezoid((p, q) => (g(p, q) - atOne) / q, A, B + 1);
  }
  if (B >= 1) {
    const atZero = g(0, 1);
    return atZero + (A / total) * logOddsTrapezoid((p, q) => (g(p, q) - atZero) / p, A + 1, B);
  }
  // Mass at both ends: the chord between them, and the rest over Beta(A + 1, B + 1).
  const atZero = g(0, 1);
  const atOne = g(1, 0);
  const spread = (A / total) * (B / (total + 1));
  const k = (p: number, q: number) => (g(p, q) - atZero * q - atOne * p) / (p * q);
  return atZero * (B / total) + atOne * (A / total) + spread * logOddsTrapezoid(k, A + 1, B + 1);
}

/** Log-density drop (in nats) beyond which nodes are left out: e^-46 is about 1e-20. */
const TAIL = 46;
/** At most this many halvings of the step (from the scale to scale/64). */
const HALVINGS = 6;

function logOddsTrapezoid(g: (p: number, q: number) => number, A: number, B: number): number {
  const total = A + B;
  const top = A / total;
  const bottom = B / total;
  const scale = Math.sqrt(1 / A + 1 / B);
  // p, 1 - p and the log-density relative to the mean's, at d = u - u*.
  const node = (d: number): [number, number, number] => {
    // ln[(p/p*)^A (q/q*)^B] = -A log1p(q* expm1(-d)) - B log1p(p* expm1(d)): the first-order terms of the two
    // cancel, and what is left is exact to rounding times min(A, B), not max(A, B).
    const logDensity = -A * Math.log1p(bottom * Math.expm1(-d)) - B * Math.log1p(top * Math.expm1(d));
    if (d >= 0) {
      const down = bottom * Math.exp(-d);
      return [top / (top + down), down / (top + down), logDensity];
    }
    const up = top * Math.exp(d);
    return [up / (up + bottom), bottom / (up + bottom), logDensity];
  };
  // Nodes on each side until the density falls below e^-46 of its value at the mean (it is log-concave).
  const reach = (direction: number): number => {
    let inside = 0;
    let outside = 1;
    while (outside < 1 << 14 && node(direction * outside * scale)[2] > -TAIL) {
      inside = outside;
      outside *= 2;
    }
    // Bisect to within a quarter of the scale of where the density crosses e^-46.
    while (outside - inside > 0.25) {
      const middle = (inside + outside) / 2;
      if (node(direction * middle * scale)[2] > -TAIL) inside = middle;
      else outside = middle;
    }
    return outside * scale;
  };
  const lower = -reach(-1);
  const upper = reach(1);
  let weights = 0;
  let sum = 0;
  const add = (d: number) => {
    const [p, q, logDensity] = node(d);
    if (!(logDensity > -TAIL)) return;
    const w = Math.exp(logDensity);
    const value = g(p, q);
    if (!Number.isFinite(value)) return;
    weights += w;
    sum += w * value;
  };
  // Level 0: nodes at multiples of the scale; each halving adds the odd multiples of the new step.
  const first = scale;
  const visit = (step: number, stride: number, offset: number) => {
    for (let k = offset; k * step <= upper; k += stride) add(k * step);
    for (let k = offset === 0 ? -1 : -offset; k * step >= lower; k -= stride) add(k * step);
  };
  visit(first, 1, 0);
  let estimate = sum / weights;
  for (let halving = 1; halving <= HALVINGS; halving++) {
    visit(first / 2 ** halving, 2, 1);
    const next = sum / weights;
    // The rule's error falls like exp(-c / h): squared with each halving. Once a halving moves the
    // estimate by under 1e-7 of it, the new estimate's own error is about the square of that.
    if (Math.abs(next - estimate) <= 1e-7 * Math.abs(next)) return next;
    estimate = next;
  }
  return estimate;
}
