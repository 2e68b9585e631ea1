import type { Minimum } from './nelderMead';

/** Settings of {@link bfgs}. */
export interface BfgsSettings {
  /** Stop when every gradient component is below this in absolute value. Default 1e-6. */
  gradientTolerance?: number;
  /** Iteration limit. Default 500. */
  maxIterations?: number;
  /**
   * Work limit: the search stops, unconverged, once `exhausted()` answers
   * true (checked after every evaluation). Default: never.
   */
  exhausted?: () => boolean;
}

/**
 * Minimises f with the BFGS quasi-Newton method and a backtracking (Armijo)
 * line search, given `fg(x)` returning the value and the gradient. Steps that
 * would break the positive-definiteness of the inverse-Hessian estimate are
 * not used to update it. Non-finite values count as +Infinity, so the line
 * search backs away from them.
 */
export function bfgs(fg: (x: number[]) => [number, number[]], start: number[], settings: BfgsSettings = {}): Minimum {
  const tolerance = settings.gradientTolerance ?? 1e-6;
  const maxIterations = settings.maxIterations ?? 500;
  const n = start.length;
  let x = start.slice();
  const exhausted = settings.exhausted ?? (() => false);
  let [f, g] = fg(x);
  // Inverse Hessian estimate, starting as the identity.
  let h: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !exhausted()) {
    if (g.every((gi) => Math.abs(gi) <= tolerance)) {
      converged = true;
      break;
    }
    iterations++;
    // Direction p = -H g; fall back to steepest descent if it is not downhill.
    let p = h.map((row) => -row.reduce((s, hij, j) => s + hij * (g[j] as number), 0));
    let slope = p.reduce((s, pi, i) => s + pi * (g[i] as number), 0);
    if (!(slope < 0)) {
      p = g.map((gi) => -gi);
      slope = p.reduce((s, pi, i) => s + pi * (g[i] as number), 0);
      h = h.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
    }
    // The first step moves at most one unit along any coordinate (the identity
    // is a poor guess of the inverse Hessian's scale); later steps trust it.
    const largest = p.reduce((m, pi) => Math.max(m, Math.abs(pi)), 0);
    let step = iterations === 1 && largest > 1 ? 1 / largest : 1;
    let next: number[] = x;
    let fNext = Number.POSITIVE_INFINITY;
    let gNext: number[] = g;
    for (let tries = 0; tries < 60; tries++) {
      next = x.map((xi, i) => xi + step * (p[i] as number));
      [fNext, gNext] = fg(next);
      if (Number.isFinite(fNext) && fNext <= f + 1e-4 * step * slope) break;
      step *= 0.5;
      fNext = Number.POSITIVE_INFINITY;
      if (exhausted()) break;
    }
    if (!Number.isFinite(fNext)) break; // no step improves: stop where we are
    const s = next.map((ni, i) => ni - (x[i] as number));
    const y = gNext.map((gi, i) => gi - (g[i] as number));
    const sy = s.reduce((acc, si, i) => acc + si * (y[i] as number), 0);
    if (sy > 1e-12 && iterations === 1) {
      // Rescale the first estimate to the curvature just seen (Nocedal and Wright, equation 6.20).
      const yy = y.reduce((acc, yi) => acc + yi * yi, 0);
      h = h.map((row, i) => row.map((_, j) => (i === j ? sy / yy : 0)));
    }
    if (sy > 1e-12) {
      // H <- (I - rho s y') H (I - rho y s') + rho s s'
      const rho = 1 / sy;
      const hy = h.map((row) => row.reduce((acc, hij, j) => acc + hij * (y[j] as number), 0));
      const yhy = y.reduce((acc, yi, i) => acc + yi * (hy[i] as number), 0);
      h = h.map((row, i) =>
        row.map(
          (hij, j) =>
            hij -
            rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
            (rho * rho * yhy + rho) * (s[i] as number) * (s[j] as number),
        ),
      );
    }
    const improvement = f - fNext;
    x = next;
    f = fNext;
    g = gNext;
    if (
      improvement >= 0 &&
      improvement <= 1e-14 * Math.max(1, Math.abs(f)) &&
      g.every((gi) => Math.abs(gi) <= tolerance * 1e3)
    ) {
      converged = true;
      break;
    }
  }
  return { point: x, value: f, iterations, converged };
}
