/** Up to this horizon every unit is evaluated; beyond, units from EXACT_UNITS / 2 on are interpolated. */
const EXACT_UNITS = 64;
/** Chebyshev points of the first and the last interpolant. */
const FIRST_POINTS = 16;
const LAST_POINTS = 256;

/**
 * The discounted expected purchases over a horizon of H units (H > 0, whole
 * or not): the purchases of each unit discounted to its end, those of the
 * last, partial unit to the horizon's end,
 * sum_{k=1}^{K} (Y(t_k) - Y(t_{k-1})) v^(t_k) with t_k = min(k, H), K = ceil(H),
 * v = 1/(1 + d) and Y(0) = 0. Summed by parts, as
 * v^H Y(H) + (1 - v) sum_{k=1}^{K-1} v^k Y(k) + v^(K-1) (v - v^(H-K+1)) Y(K - 1),
 * every term positive but the last, which is 0 for a whole H. Up to 64 units
 * every Y(k) is evaluated; beyond, Y(k) from k = 32 on comes from an
 * interpolant in ln k (see interpolateInLog). Y must be non-decreasing.
 */
export function discountedPurchases(Y: (k: number) => number, H: number, d: number): number {
  const v = 1 / (1 + d);
  const last = Y(H);
  if (d === 0) return last;
  const oneMinusV = d / (1 + d);
  const discountAt = (k: number) => Math.exp(-k * Math.log1p(d));
  const full = Math.ceil(H) - 1;
  // The last whole unit before a fractional horizon: its weight is v^full - v^H, not v^full (1 - v).
  const partial = () =>
    full >= 1 && !Number.isInteger(H) ? discountAt(full) * (v - discountAt(H - full)) * Y(full) : 0;
  let sum = 0;
  if (H <= EXACT_UNITS) {
    for (let k = 1; k <= full; k++) sum += discountAt(k) * Y(k);
    return discountAt(H) * last + oneMinusV * sum + partial();
  }
  const start = EXACT_UNITS / 2;
  let power = 1;
  for (let k = 1; k <= start; k++) {
    power *= v;
    sum += power * Y(k);
  }
  // (1 - v) sum_{k > K} v^k Y(k) <= v^(K+1) Y(H): beyond the K where that is below 1e-17 of the
  // value so far, the units add nothing, and the interpolant need not reach them.
  const sofar = oneMinusV * sum + discountAt(H) * last;
  const negligible = sofar > 0 && last > 0 ? Math.ceil(Math.log(last / (1e-17 * sofar)) / Math.log1p(d)) : H;
  const end = Math.min(H, Math.max(2 * start, negligible));
  const curve = interpolateInLog(Y, start, end, end === H ? last : Y(end));
  for (let k = start + 1; k < Math.min(H, end + 1); k++) sum += discountAt(k) * curve(k);
  return discountAt(H) * last + oneMinusV * sum + (end >= full ? partial() : 0);
}

/**
 * A polynomial interpolant of Y on [from, to] in ln t, through Chebyshev
 * points (the extrema, which nest as their number doubles): 17 points, then
 * 33, 65, ..., 257, until the interpolant on the previous points matches the
 * new ones to 1e-13 of Y(to). Returns it as a function of t.
 */
function interpolateInLog(Y: (t: number) => number, from: number, to: number, atTo: number): (t: number) => number {
  const low = Math.log(from);
  const high = Math.log(to);
  const middle = (low + high) / 2;
  const half = (high - low) / 2;
  const pointAt = (j: number, n: number) => middle + half * Math.cos((Math.PI * j) / n);
  // Values at the points of the current n, j = 0..n (j = 0 is `to`).
  let n = FIRST_POINTS;
  let values: number[] = [];
  for (let j = 0; j <= n; j++) values.push(j === 0 ? atTo : Y(Math.exp(pointAt(j, n))));
  let nodes = values.map((_, j) => pointAt(j, n));
  const scale = Math.max(Math.abs(atTo), Number.MIN_VALUE);
  while (n < LAST_POINTS) {
    const next = 2 * n;
    const merged: number[] = [];
    let worst = 0;
    for (let j = 0; j <= next; j++) {
      if (j % 2 === 0) merged.push(values[j / 2] as number);
      else {
        const s = pointAt(j, next);
        const exact = Y(Math.exp(s));
        worst = Math.max(worst, Math.abs(barycentric(nodes, values, s) - exact));
        merged.push(exact);
      }
    }
    n = next;
    values = merged;
    nodes = values.map((_, j) => pointAt(j, n));
    if (worst <= 1e-13 * scale) break;
  }
  const finalNodes = nodes;
  const finalValues = values;
  return (t: number) => barycentric(finalNodes, finalValues, Math.log(t));
}

/**
 * The polynomial through (nodes[j], values[j]) at s, for Chebyshev extrema
 * nodes: the barycentric formula with weights (-1)^j, halved at the ends.
 */
function barycentric(nodes: readonly number[], values: readonly number[], s: number): number {
  let top = 0;
  let bottom = 0;
  const last = nodes.length - 1;
  for (let j = 0; j <= last; j++) {
    const gap = s - (nodes[j] as number);
    if (gap === 0) return values[j] as number;
    const w = (j % 2 === 0 ? 1 : -1) * (j === 0 || j === last ? 0.5 : 1);
    top += (w / gap) * (values[j] as number);
    bottom += w / gap;
  }
  return top / bottom;
}
