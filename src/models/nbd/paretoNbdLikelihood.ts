import { digamma } from '../special/digamma';
import { gaussLegendre } from '../special/gaussLegendre';
import { logRising } from './bgNbdLikelihood';
import type { FrequencyRecencyData } from './summaryData';

/**
 * The Pareto/NBD likelihood of one customer (Schmittlein, Morrison and Colombo
 * 1987; Fader and Hardie 2005, "A note on deriving the Pareto/NBD model and
 * related expressions"), with x purchases after the first, the last at t_x,
 * observed to T:
 *
 *   L = Gamma(r + x) alpha^r beta^s / Gamma(r)
 *       x [ (alpha + T)^-(r+x) (beta + T)^-s + s I ],
 *   I = int_{t_x}^T (alpha + y)^-(r+x) (beta + y)^-(s+1) dy
 *
 * (alive at T, or dropped out at some y after the last purchase). It is kept
 * as ln L = ln Gamma(r + x) - ln Gamma(r) - x ln alpha + ln(F + Q), with
 *
 *   F = (1 + T/alpha)^-(r+x) (1 + T/beta)^-s             (still alive at T),
 *   Q = s alpha^(r+x) beta^s I = (s/beta) int_{t_x}^T g(y) dy,
 *   g(y) = (1 + y/alpha)^-(r+x) (1 + y/beta)^-(s+1),
 *
 * so that huge r and alpha (or s and beta) together, which leave ln L of
 * moderate size, never pass through two huge logarithms that cancel.
 * P(alive) is F / (F + Q).
 *
 * I is computed in one of two ways, both to about 1e-14 relative:
 *
 * - the series obtained by expanding the smaller of the two factors around
 *   the larger scale m = max(alpha, beta), d = |alpha - beta|, z = d/(m + t_x),
 *   q = (m + t_x)/(m + T), n = r + s + x, b = s + 1 if alpha >= beta, else r + x:
 *     I = (m + t_x)^-n sum_k (b)_k / k! z^k (1 - q^(n+k)) / (n + k),
 *   every term positive and 1 - q^(n+k) built without cancellation, used
 *   when it converges fast (z <= 0.4 and z b <= 10, at most a few dozen terms);
 * - otherwise Gauss-Legendre quadrature in v = ln(1 + y/c), c = min(alpha,
 *   beta), where the integrand is exp(E(v)), E(v) = -a v - b ln(1 - c/o + (c/o) e^v)
 *   (o the other scale; a, b the exponents of the c and o factors, less one
 *   for the Jacobian) is concave with E' and E'' in closed form. The interval
 *   is cut where E has fallen 40 below its maximum (concavity bounds what is
 *   left out by e^-40 of the integral), and split into panels short enough
 *   that |E'| h <= 16, |E''| h^2 <= 16 and h <= 4, on each of which a 16-point
 *   rule is accurate to about 1e-15. At most a few hundred nodes, whatever the
 *   parameters.
 *
 * The gradient with respect to (ln r, ln alpha, ln s, ln beta) comes from the
 * same sums: term-by-term derivatives of the series, or moments of the
 * integrand at the same nodes.
 */

/** Where rowTerms writes: [ln F, ln Q, then theta d/dtheta of ln F and of ln Q - x ln alpha, for r, alpha, s, beta]. */
export const LOG_F = 0;
export const LOG_Q = 1;
const DF = 2;
const DQ = 6;

/** Largest number of series terms before the row falls back to quadrature. */
const SERIES_TERMS = 400;
/** Largest number of quadrature panels of one row; beyond, the row cannot be evaluated. */
const MAX_PANELS = 2000;
/** How far below its maximum ln of the integrand is cut off. */
const DROP = 40;
const SLOPE_LIMIT = 16;
const CURVATURE_LIMIT = 16;
const WIDTH_LIMIT = 4;
const NODES = 16;

let rule: { nodes: Float64Array; weights: Float64Array } | undefined;
let reciprocals: Float64Array | undefined;
/** 1/k for k = 0..SERIES_TERMS (1/0 unused), made once. */
function reciprocalTable(): Float64Array {
  if (reciprocals === undefined) {
    reciprocals = new Float64Array(SERIES_TERMS + 2);
    for (let k = 1; k < reciprocals.length; k++) reciprocals[k] = 1 / k;
  }
  return reciprocals;
}
function gl() {
  if (rule === undefined) rule = gaussLegendre(NODES);
  return rule;
}

/**
 * Logarithms rowTerms needs that depend on one time and the parameters only,
 * shared by the summaries with that age or recency.
 */
export interface RowLogs {
  /** ln(1 + T/alpha) and ln(1 + T/beta) at the age. */
  ageAlpha: number;
  ageBeta: number;
  /** ln(1 + t_x/alpha) and ln(1 + t_x/beta) at the recency. */
  recencyAlpha: number;
  recencyBeta: number;
  /** ln(alpha / beta) and ln s. */
  logRatio: number;
  logS: number;
}

/** The RowLogs of one customer. */
export function rowLogs(alpha: number, s: number, beta: number, t: number, T: number): RowLogs {
  return {
    ageAlpha: Math.log1p(T / alpha),
    ageBeta: Math.log1p(T / beta),
    recencyAlpha: Math.log1p(t / alpha),
    recencyBeta: Math.log1p(t / beta),
    logRatio: Math.log(alpha / beta),
    logS: Math.log(s),
  };
}

/**
 * ln F, ln Q and (when `gradient`) their derivatives for one customer, into
 * `out` (see LOG_F, LOG_Q). Returns the work done (series terms / 4 plus
 * quadrature nodes), or -1 when the row cannot be evaluated.
 */
export function rowTerms(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  T: number,
  logs: RowLogs,
  out: Float64Array,
  gradient: boolean,
): number {
  const shrinkA = logs.ageAlpha;
  const shrinkB = logs.ageBeta;
  out[LOG_F] = -(r + x) * shrinkA - s * shrinkB;
  if (gradient) {
    out[DF] = -r * shrinkA;
    out[DF + 1] = (r * T - x * alpha) / (alpha + T);
    out[DF + 2] = -s * shrinkB;
    out[DF + 3] = (s * T) / (beta + T);
  }
  if (!(t < T)) {
    // The last purchase at the end: no time to drop out unseen.
    out[LOG_Q] = Number.NEGATIVE_INFINITY;
    if (gradient) for (let k = 0; k < 4; k++) out[DQ + k] = 0;
    return 1;
  }
  const big = Math.max(alpha, beta);
  const z = (big - Math.min(alpha, beta)) / (big + t);
  const b = alpha >= beta ? s + 1 : r + x;
  if (z <= 0.4 && z * b <= 10 && b <= 1e4) {
    const work = seriesTerms(r, alpha, s, beta, x, t, T, logs, out, gradient);
    if (work >= 0) return work;
  }
  return quadratureTerms(r, alpha, s, beta, x, t, T, out, gradient);
}

function seriesTerms(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  T: number,
  logs: RowLogs,
  out: Float64Array,
  gradient: boolean,
): number {
  const first = alpha >= beta;
  const big = first ? alpha : beta;
  const d = first ? alpha - beta : beta - alpha;
  const b = first ? s + 1 : r + x;
  const n = r + s + x;
  const z = d / (big + t);
  const logQ = -Math.log1p((T - t) / (big + t));
  const q = (big + t) / (big + T);
  const oneMinusQ = (T - t) / (big + T);
  let power = Math.exp(n * logQ); // q^(n+k)
  let rest = -Math.expm1(n * logQ); // 1 - q^(n+k)
  let coefficient = 1; // (b)_k z^k / k!
  let slope = 0; // its derivative in z, (b)_k z^(k-1) / (k-1)!
  let harmonic = 0; // sum_{j<k} 1/(b + j)
  let sum = 0;
  let sumB = 0;
  let sumN = 0;
  let sumQ = 0;
  let sumZ = 0;
  const reciprocals = reciprocalTable();
  let k = 0;
  for (; k < SERIES_TERMS; k++) {
    const inverseNk = 1 / (n + k);
    const term = coefficient * rest * inverseNk;
    sum += term;
    if (gradient) {
      sumB += term * harmonic;
      sumN -= (term + coefficient * power * logQ) * inverseNk;
      sumQ -= coefficient * power;
      sumZ += slope * rest * inverseNk;
    }
    // Term k+1 is at most z (b + k)/(k + 1) times term k (1 - q^m grows slower than m), and the
    // ratios after it at most the larger of that and z: the rest of the series is a geometric tail.
    const step = z * (b + k) * (reciprocals[k + 1] as number);
    // The tail is at least term x step: look closer only once that is negligible.
    if (term * step <= 1e-17 * sum) {
      const bound = Math.max(step, z);
      let tail = (term * bound) / (1 - bound);
      if (gradient) {
        // The gradient's sums: harmonic-weighted terms (used times b at most), and the z-derivative's
        // terms, whose next is at most b term_0 (k = 0) or z (b + k)/k times the last.
        tail *= Math.max(1, b * (harmonic + 1 / (b + k)));
        const next = k === 0 ? b * term : slope * rest * inverseNk * z * (b + k) * (reciprocals[k] as number);
        const boundZ = Math.max(z * (b + k + 1) * (reciprocals[k + 1] as number), z);
        tail = boundZ < 1 ? Math.max(tail, next / (1 - boundZ)) : Number.POSITIVE_INFINITY;
      }
      if (bound < 1 && tail <= 1e-17 * sum) break;
    }
    if (gradient) {
      harmonic += 1 / (b + k);
      slope = k === 0 ? b : slope * (b + k) * z * (reciprocals[k] as number);
    }
    coefficient *= step;
    rest += power * oneMinusQ;
    power *= q;
  }
  if (k === SERIES_TERMS) return -1;
  const logSum = Math.log(sum);
  if (first) {
    // ln(1 + t_x/alpha) and ln((alpha + t_x)/beta) = ln(alpha/beta) + ln(1 + t_x/alpha).
    const nearA = logs.recencyAlpha;
    const farB = logs.logRatio + nearA;
    out[LOG_Q] = logs.logS - (r + x) * nearA - s * farB + logSum;
    if (gradient) {
      out[DQ] = r * (-nearA + sumN / sum);
      out[DQ + 1] =
        (r * t - (x + s) * alpha) / (alpha + t) +
        ((alpha * (beta + t)) / ((alpha + t) * (alpha + t))) * (sumZ / sum) +
        ((alpha * (T - t)) / ((alpha + t) * (alpha + T))) * (sumQ / sum);
      out[DQ + 2] = 1 + s * (-farB + (sumN + sumB) / sum);
      out[DQ + 3] = s - (beta / (alpha + t)) * (sumZ / sum);
    }
  } else {
    const nearB = logs.recencyBeta;
    const farA = nearB - logs.logRatio;
    out[LOG_Q] = logs.logS - (r + x) * farA - s * nearB + logSum;
    if (gradient) {
      out[DQ] = r * (-farA + (sumN + sumB) / sum);
      out[DQ + 1] = r - (alpha / (beta + t)) * (sumZ / sum);
      out[DQ + 2] = 1 + s * (-nearB + sumN / sum);
      out[DQ + 3] =
        (s * t - (r + x) * beta) / (beta + t) +
        ((beta * (alpha + t)) / ((beta + t) * (beta + t))) * (sumZ / sum) +
        ((beta * (T - t)) / ((beta + t) * (beta + T))) * (sumQ / sum);
    }
  }
  return k / 4 + 1;
}

function quadratureTerms(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  T: number,
  out: Float64Array,
  gradient: boolean,
): number {
  const onAlpha = alpha <= beta;
  const c = onAlpha ? alpha : beta;
  const o = onAlpha ? beta : alpha;
  // The integrand in v = ln(1 + y/c) (dy = (c + y) dv): exp(-a v - b ln(1 + y/o)).
  // x - 1 + r, not r + x - 1: for x = 1 and a tiny r the latter rounds r away.
  const a = onAlpha ? x - 1 + r : s;
  const b = onAlpha ? s + 1 : r + x;
  const gap = o - c;
  // v = v0 + w, v0 = ln(1 + t_x/c): offsets w from the last purchase, so that a span short against
  // c + t_x keeps its digits; c + y = (c + t_x) e^w.
  const base = c + t;
  const v0 = Math.log1p(t / c);
  const span = Math.log1p((T - t) / base);
  if (!Number.isFinite(span)) return -1;
  // E(w) = -a w - b ln(1 + y/o), E'(w) = -a - b (c + y)/(o + y), |E''(w)| = b (c + y)(o - c)/(o + y)^2,
  // with y = t_x + (c + t_x)(e^w - 1).
  const exponent = (w: number): number => -a * w - b * Math.log1p((t + base * Math.expm1(w)) / o);
  const slope = (w: number): number => {
    const y = t + base * Math.expm1(w);
    return -a - (b * (c + y)) / (o + y);
  };
  // The maximum of the concave E: at 0 unless E' > 0 there (a < 0: x = 0 and r < 1).
  let top = 0;
  if (a < 0) {
    const share = -a / b; // (c + y)/(o + y) at the maximum
    const y = (share * o - c) / (1 - share);
    top = y <= t ? 0 : y >= T ? span : Math.log1p((y - t) / base);
  }
  const high = exponent(top);
  const floor = high - DROP;
  // Cut where E has fallen DROP below its maximum: Newton from outside stays outside for a concave E.
  let upper = span;
  if (exponent(span) < floor) {
    let w = span;
    for (let i = 0; i < 100; i++) {
      const below = exponent(w) - floor;
      if (below >= -1) break;
      w -= below / slope(w);
    }
    upper = Math.max(w, top);
  }
  let lower = 0;
  if (top > 0 && exponent(0) < floor) {
    let w = 0;
    for (let i = 0; i < 100; i++) {
      const below = exponent(w) - floor;
      if (below >= -1) break;
      w -= below / slope(w);
    }
    lower = Math.min(w, top);
  }
  // Where |E''| peaks (c + y = (o + y)/2), if it lies inside.
  const peak = gap > 0 ? Math.log(gap / base) : Number.NEGATIVE_INFINITY;
  const { nodes, weights } = gl();
  let sum = 0;
  let sumL = 0;
  let sumM = 0;
  let sumA = 0;
  let sumB = 0;
  let panels = 0;
  let left = lower;
  const yLeft = t + base * Math.expm1(left);
  let slopeLeft = Math.abs(a + (b * (c + yLeft)) / (o + yLeft));
  let curveLeft = (b * (c + yLeft) * (gap / (o + yLeft))) / (o + yLeft);
  let width = WIDTH_LIMIT;
  while (left < upper) {
    if (++panels > MAX_PANELS) return -1;
    let h = Math.min(2 * width, WIDTH_LIMIT, upper - left);
    if (slopeLeft * h > SLOPE_LIMIT) h = SLOPE_LIMIT / slopeLeft;
    if (curveLeft * h * h > CURVATURE_LIMIT) h = Math.sqrt(CURVATURE_LIMIT / curveLeft);
    let right = left + h;
    let slopeRight = 0;
    let curveRight = 0;
    for (let tries = 0; ; tries++) {
      if (right >= upper) right = upper;
      h = right - left;
      const y = t + base * Math.expm1(right);
      const oy = o + y;
      slopeRight = Math.abs(a + (b * (c + y)) / oy);
      curveRight = (b * (c + y) * (gap / oy)) / oy;
      const curve = peak >= left && peak <= right ? b / 4 : Math.max(curveLeft, curveRight);
      if ((Math.max(slopeLeft, slopeRight) * h <= SLOPE_LIMIT && curve * h * h <= CURVATURE_LIMIT) || tries > 60) break;
      right = left + h / 2;
    }
    if (!(right > left)) return -1;
    const middle = (left + right) / 2;
    const halfWidth = (right - left) / 2;
    for (let j = 0; j < NODES; j++) {
      const w = middle + halfWidth * (nodes[j] as number);
      const y = t + base * Math.expm1(w);
      const other = Math.log1p(y / o);
      const f = (weights[j] as number) * halfWidth * Math.exp(-a * w - b * other - high);
      sum += f;
      if (gradient) {
        sumL += f * (onAlpha ? v0 + w : other);
        sumM += f * (onAlpha ? other : v0 + w);
        sumA += (f * (r * y - x * alpha)) / (alpha + y);
        sumB += (f * (s * y - beta)) / (beta + y);
      }
    }
    width = h;
    left = right;
    slopeLeft = slopeRight;
    curveLeft = curveRight;
  }
  if (!(sum > 0) || !Number.isFinite(sum)) return -1;
  out[LOG_Q] = Math.log(s) + (onAlpha ? Math.log(alpha / beta) : 0) - a * v0 + high + Math.log(sum);
  if (gradient) {
    out[DQ] = (-r * sumL) / sum;
    out[DQ + 1] = sumA / sum;
    out[DQ + 2] = 1 - (s * sumM) / sum;
    out[DQ + 3] = sumB / sum;
  }
  return panels * NODES + 8;
}

/** psi(p + x) - psi(p) for whole x >= 0: a sum for small x, digamma (or its asymptotic difference) beyond. */
function digammaRise(p: number, x: number): number {
  if (x <= 64) {
    let sum = 0;
    for (let i = 0; i < x; i++) sum += 1 / (p + i);
    return sum;
  }
  if (p < 10) return digamma(p + x) - digamma(p);
  const q = p + x;
  const tail = (y: number) => {
    const i2 = 1 / (y * y);
    return i2 * (1 / 12 - i2 * (1 / 120 - i2 * (1 / 252 - i2 * (1 / 240 - i2 / 132))));
  };
  return Math.log1p(x / p) - (0.5 / q - 0.5 / p) - (tail(q) - tail(p));
}

/** A running count of the work of likelihood evaluations, for a fit's work limit. */
export interface WorkCounter {
  work: number;
}

/**
 * The Pareto/NBD log-likelihood of merged summaries and, when `gradient` is
 * given, its gradient with respect to (ln r, ln alpha, ln s, ln beta) written
 * into it. NaN when a row cannot be evaluated (never expected; a guard).
 */
export function paretoNbdLikelihoodTerms(
  data: FrequencyRecencyData,
  r: number,
  alpha: number,
  s: number,
  beta: number,
  gradient?: number[],
  counter?: WorkCounter,
): number {
  const { frequency, recency, age, weight } = data;
  const out = new Float64Array(10);
  const logAlpha = Math.log(alpha);
  const wantGradient = gradient !== undefined;
  // Per distinct age and recency: ln(1 + T/alpha), ln(1 + T/beta), ln(1 + t_x/alpha), ln(1 + t_x/beta).
  const ageAlpha = data.distinctAges.map((T) => Math.log1p(T / alpha));
  const ageBeta = data.distinctAges.map((T) => Math.log1p(T / beta));
  const recencyAlpha = data.distinctRecencies.map((t) => Math.log1p(t / alpha));
  const recencyBeta = data.distinctRecencies.map((t) => Math.log1p(t / beta));
  const logs: RowLogs = {
    ageAlpha: 0,
    ageBeta: 0,
    recencyAlpha: 0,
    recencyBeta: 0,
    logRatio: Math.log(alpha / beta),
    logS: Math.log(s),
  };
  const { ageIndex, recencyIndex } = data;
  let value = 0;
  let gr = 0;
  let ga = 0;
  let gs = 0;
  let gb = 0;
  let work = 0;
  // Rows come sorted by frequency: ln Gamma(r + x) - ln Gamma(r) and psi(r + x) - psi(r) once per x.
  let lastX = -1;
  let rise = 0;
  let riseDigamma = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i] as number;
    const n = weight[i] as number;
    const ageAt = ageIndex[i] as number;
    const recencyAt = recencyIndex[i] as number;
    logs.ageAlpha = ageAlpha[ageAt] as number;
    logs.ageBeta = ageBeta[ageAt] as number;
    logs.recencyAlpha = recencyAlpha[recencyAt] as number;
    logs.recencyBeta = recencyBeta[recencyAt] as number;
    const done = rowTerms(r, alpha, s, beta, x, recency[i] as number, age[i] as number, logs, out, wantGradient);
    if (done < 0) {
      if (counter !== undefined) counter.work += work;
      return Number.NaN;
    }
    work += done;
    if (x !== lastX) {
      rise = logRising(r, x);
      if (wantGradient) riseDigamma = digammaRise(r, x);
      lastX = x;
    }
    const logF = out[LOG_F] as number;
    const logQ = out[LOG_Q] as number;
    // ln(F + Q) = the larger + log1p(e^-(difference)); the weights of the two terms from the same exponential.
    const fFirst = logF >= logQ;
    const e = Math.exp(fFirst ? logQ - logF : logF - logQ);
    value += n * (rise - x * logAlpha + (fFirst ? logF : logQ) + Math.log1p(e));
    if (wantGradient) {
      const wF = fFirst ? 1 / (1 + e) : e / (1 + e);
      const wQ = fFirst ? e / (1 + e) : 1 / (1 + e);
      gr += n * (r * riseDigamma + wF * (out[DF] as number) + wQ * (out[DQ] as number));
      ga += n * (wF * (out[DF + 1] as number) + wQ * (out[DQ + 1] as number));
      gs += n * (wF * (out[DF + 2] as number) + wQ * (out[DQ + 2] as number));
      gb += n * (wF * (out[DF + 3] as number) + wQ * (out[DQ + 3] as number));
    }
  }
  if (counter !== undefined) counter.work += work;
  if (gradient !== undefined) {
    gradient[0] = gr;
    gradient[1] = ga;
    gradient[2] = gs;
    gradient[3] = gb;
  }
  return value;
}
