/** Result of a minimisation. */
export interface Minimum {
  /** The point found. */
  point: number[];
  /** The objective there. */
  value: number;
  /** Iterations used. */
  iterations: number;
  /** Whether the tolerances were met before the iteration limit. */
  converged: boolean;
}

/** Settings of {@link nelderMead}. */
export interface NelderMeadSettings {
  /** Stop when the simplex's values differ by less than this (absolute). Default 1e-10. */
  valueTolerance?: number;
  /** Stop when the simplex's points differ by less than this in every coordinate. Default 1e-10. */
  pointTolerance?: number;
  /** Iteration limit. Default 5000. */
  maxIterations?: number;
  /** Size of the first simplex around the start, per coordinate. Default 0.1. */
  step?: number;
}

/**
 * Minimises `f` by the Nelder-Mead simplex method (standard coefficients:
 * reflection 1, expansion 2, contraction 0.5, shrink 0.5). A non-finite
 * objective counts as +Infinity, so the simplex walks away from it. The search
 * is restarted once from the point found, which guards against a collapsed
 * simplex stopping early.
 */
export function nelderMead(f: (x: number[]) => number, start: number[], settings: NelderMeadSettings = {}): Minimum {
  const first = simplexSearch(f, start, settings);
  // The restart shares the iteration budget, so maxIterations is a hard limit.
  const left = (settings.maxIterations ?? 5000) - first.iterations;
  const second =
    left > 0 ? simplexSearch(f, first.point, { ...settings, maxIterations: left }) : { ...first, iterations: 0 };
  return {
    point: second.point,
    value: second.value,
    iterations: first.iterations + second.iterations,
    converged: first.converged && second.converged,
  };
}

function simplexSearch(f: (x: number[]) => number, start: number[], settings: NelderMeadSettings): Minimum {
  const valueTolerance = settings.valueTolerance ?? 1e-10;
  const pointTolerance = settings.pointTolerance ?? 1e-10;
  const maxIterations = settings.maxIterations ?? 5000;
  const step = settings.step ?? 0.1;
  const n = start.length;
  const safe = (x: number[]): number => {
    const y = f(x);
    return Number.isFinite(y) ? y : Number.POSITIVE_INFINITY;
  };
  let points: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] = (p[i] as number) + step;
    points.push(p);
  }
  let values = points.map(safe);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    // Order best to worst.
    const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
    points = order.map((i) => points[i] as number[]);
    values = order.map((i) => values[i] as number);
    const best = values[0] as number;
    const worst = values[n] as number;
    let spread = 0;
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j < n; j++) {
        const gap = ((points[i] as number[])[j] as number) - ((points[0] as number[])[j] as number);
        spread = Math.max(spread, Math.abs(gap));
      }
    }
    if (Math.abs(worst - best) <= valueTolerance && spread <= pointTolerance) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + ((points[i] as number[])[j] as number) / n;
    }
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (((points[n] as number[])[j] as number) - c));
    const reflected = along(-1);
    const fr = safe(reflected);
    if (fr < best) {
      const expanded = along(-2);
      const fe = safe(expanded);
      if (fe < fr) {
        points[n] = expanded;
        values[n] = fe;
      } else {
        points[n] = reflected;
        values[n] = fr;
      }
      continue;
    }
    if (fr < (values[n - 1] as number)) {
      points[n] = reflected;
      values[n] = fr;
      continue;
    }
    const outside = fr < worst;
    const contracted = along(outside ? -0.5 : 0.5);
    const fc = safe(contracted);
    if (fc < (outside ? fr : worst)) {
      points[n] = contracted;
      values[n] = fc;
      continue;
    }
    // Shrink towards the best point.
    for (let i = 1; i <= n; i++) {
      points[i] = (points[i] as number[]).map((x, j) => {
        const b = (points[0] as number[])[j] as number;
        return b + 0.5 * (x - b);
      });
      values[i] = safe(points[i] as number[]);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if ((values[i] as number) < (values[bestIndex] as number)) bestIndex = i;
  return { point: points[bestIndex] as number[], value: values[bestIndex] as number, iterations, converged };
}
