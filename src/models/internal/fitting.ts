import { normalUpperQuantile } from '../special/normal';
import { bfgs } from './bfgs';
import { symmetricEigen } from './symmetricEigen';

/**
 * Which end of its range a parameter ran to.
 *
 * @category Errors and numbers
 */
export type BoundaryDirection = 'zero' | 'infinity';

/**
 * A parameter that ran to a boundary of its range: the likelihood keeps rising, or stays flat, that way.
 *
 * @category Errors and numbers
 */
export interface FitBoundary<P extends string = string> {
  /** The parameter's name. */
  parameter: P;
  /** Towards 0 or towards infinity. */
  towards: BoundaryDirection;
}

/**
 * A confidence interval of one parameter.
 *
 * @category Errors and numbers
 */
export interface ParameterInterval {
  /** Lower end. */
  lower: number;
  /** Upper end. */
  upper: number;
}

/**
 * How far a fit can be trusted: where the optimiser stopped, whether that is
 * an interior maximum of the likelihood, and how precisely the data pin the
 * parameters down. Plain numbers, safe to store as JSON.
 *
 * @category Errors and numbers
 */
export interface FitDiagnostics<P extends string = string> {
  /**
   * Largest absolute component of the gradient of the log-likelihood per
   * customer, with respect to the logs of the parameters, at the estimate.
   * Below 1e-6 at a maximum.
   */
  gradientNorm: number;
  /**
   * Ratio of the largest to the smallest absolute eigenvalue of the Hessian
   * of the negative log-likelihood (in the logs of the parameters); `null`
   * when an eigenvalue is 0 or the Hessian could not be computed. Large values
   * (1e8 and more) mean some combination of parameters is barely determined.
   */
  hessianConditionNumber: number | null;
  /**
   * Whether that Hessian is positive definite: every eigenvalue positive and
   * the condition number at most 1e10, beyond which its finite-difference
   * computation cannot tell it from singular.
   */
  hessianPositiveDefinite: boolean;
  /** Parameters that ran to a boundary (towards 0 or infinity); empty at an interior maximum. */
  boundary: FitBoundary<P>[];
  /** Parameters the data do not determine at all: the likelihood is flat both ways along them. */
  unidentified: P[];
  /** What the data lack and what to do, in plain words; empty for a clean fit. */
  warnings: string[];
  /** The level of `intervals`, 0.95 unless asked otherwise. */
  confidenceLevel: number;
  /** The order of the rows and columns of `covariance`. */
  parameterOrder: P[];
  /**
   * Covariance of the estimates from the observed information: the inverse
   * Hessian of the negative log-likelihood in the logs of the parameters,
   * carried to the parameters by the delta method. Absent (with a warning)
   * when the Hessian is not positive definite or a parameter is at a boundary.
   */
  covariance?: number[][];
  /** Standard error of each parameter (square roots of the covariance's diagonal). Absent with `covariance`. */
  standardErrors?: Record<P, number>;
  /**
   * Confidence intervals at `confidenceLevel`: Wald intervals on the log
   * scale, ln(theta) +/- z se(ln theta), mapped back, so they stay positive
   * and are wider above the estimate than below. Absent with `covariance`.
   */
  intervals?: Record<P, ParameterInterval>;
}

/** A model's log-likelihood as the fitting routine needs it. */
export interface LikelihoodProblem<P extends string> {
  /** Parameter names, in the order of every vector. */
  names: readonly P[];
  /** Customers (or members of cohorts) the log-likelihood sums over; the optimiser works on the mean. */
  count: number;
  /** The total log-likelihood and its gradient with respect to the logs of the parameters; not finite where it cannot be evaluated. */
  evaluate(logParameters: readonly number[]): [number, number[]];
  /** The model's public log-likelihood at natural parameters: the value the fit reports. */
  logLikelihood(parameters: readonly number[]): number;
  /** Starting points, as logs of the parameters; the best result is kept. */
  starts: readonly (readonly number[])[];
  /** Each parameter's natural size (1 for a shape, the data's time or money scale for a scale), to judge "far". */
  scales: readonly number[];
  /** Whether a work budget of the model's own is spent (checked after every evaluation). */
  exhausted?: () => boolean;
  /** A plain-words warning for a parameter at a boundary. */
  describeBoundary(parameter: P, towards: BoundaryDirection): string;
}

/** Settings of a fit, as the user gives them. */
export interface FitSettings {
  maxIterations: number;
  confidenceLevel: number;
  /** Work limit: likelihood evaluations the optimiser may use, all starts together. */
  maxEvaluations: number;
}

/** The maximum-likelihood estimate and everything known about it. */
export interface MaximumLikelihood<P extends string> {
  /** The estimate, natural scale, in the order of `names`. */
  parameters: number[];
  /** The model's public log-likelihood at `parameters`. */
  logLikelihood: number;
  /** Optimiser iterations, all starts and restarts together. */
  iterations: number;
  /** True only at an interior maximum: small gradient, positive-definite Hessian, no boundary. */
  converged: boolean;
  diagnostics: FitDiagnostics<P>;
}

/** Largest gradient (per customer, log parameters) at which a point counts as a maximum. */
const GRADIENT_LIMIT = 1e-6;
/** Largest condition number at which a Hessian counts as positive definite. */
const CONDITION_LIMIT = 1e10;
/** How far (in logs) the flatness probes look, and how little the log-likelihood may fall there to count as flat. */
const PROBE_STEP = 12;
const FLAT_DROP = 0.5;
/** A parameter further than this factor from its natural size is probed outwards. */
const FAR = Math.log(1e4);

type Evaluation = [number, number[]];

/**
 * Maximises a log-likelihood over positive parameters and reports whether the
 * result deserves trust.
 *
 * BFGS on the logs of the parameters (so they stay positive) from each start,
 * minimising the mean negative log-likelihood per customer. At the best point
 * the Hessian is taken by central differences of the analytic gradient
 * (refined by Richardson extrapolation when it is ill-conditioned). Along
 * every direction the Hessian calls weak, and outwards along every parameter
 * far from its natural size, the log-likelihood is probed 12 log-units away:
 * a better point there restarts the search from it (the supremum lies that
 * way), and a fall of less than 0.5 marks the parameters of that direction as
 * at a boundary (one way) or not identified (both ways). At an interior
 * maximum, Newton steps with that Hessian polish the estimate, and its
 * inverse gives the covariance.
 */
export function maximiseLikelihood<P extends string>(
  problem: LikelihoodProblem<P>,
  settings: FitSettings,
  dataWarnings: readonly string[] = [],
): MaximumLikelihood<P> {
  const n = problem.count;
  let evaluations = 0;
  const exhausted = () => evaluations >= settings.maxEvaluations || (problem.exhausted?.() ?? false);
  const objective = (phi: number[]): Evaluation => {
    evaluations++;
    const [value, gradient] = problem.evaluate(phi);
    return [-value / n, gradient.map((g) => -g / n)];
  };
  let iterations = 0;
  let ranOut = false;
  let best: { point: number[]; value: number } | undefined;
  const search = (start: readonly number[]) => {
    const left = settings.maxIterations - iterations;
    if (left <= 0 || exhausted()) {
      ranOut = true;
      return;
    }
    const found = bfgs(objective, start.slice(), { maxIterations: left, gradientTolerance: 1e-9, exhausted });
    iterations += found.iterations;
    if (!found.converged && (iterations >= settings.maxIterations || exhausted())) ranOut = true;
    if (best === undefined || found.value < best.value || !Number.isFinite(best.value)) {
      best = { point: found.point, value: found.value };
    }
  };
  for (const start of problem.starts) search(start);
  // There is always a start, so best is set.
  let point = (best as { point: number[] }).point;
  let at = objective(point);

  let curvature = hessian(objective, point);
  let eigen = curvature === undefined ? undefined : symmetricEigen(curvature);
  const boundary = new Map<P, BoundaryDirection>();
  const unidentified = new Set<P>();
  // Where the probes keep finding better points round after round, the supremum lies that way: the
  // parameters of the last such direction are at a boundary, on the side the search kept moving to.
  let still: Improvement | undefined;
  for (let round = 0; round < 4; round++) {
    boundary.clear();
    unidentified.clear();
    still = probe(problem, objective, point, at[0], eigen, n, boundary, unidentified);
    const better = still?.point;
    if (better === undefined || ranOut) break;
    const before = at[0];
    best = undefined;
    search(better);
    const found = best as { point: number[]; value: number } | undefined;
    if (found === undefined || !(found.value < before)) break;
    point = found.point;
    at = objective(point);
    curvature = hessian(objective, point);
    eigen = curvature === undefined ? undefined : symmetricEigen(curvature);
  }
  if (still !== undefined) {
    const { direction, sign } = still;
    direction.forEach((component, i) => {
      if (Math.abs(component) >= 0.3) boundary.set(problem.names[i] as P, sign * component > 0 ? 'infinity' : 'zero');
    });
  }

  const spectrum = eigen === undefined ? undefined : eigen.values;
  const largest = spectrum === undefined ? 0 : Math.max(...spectrum.map(Math.abs));
  const smallest = spectrum === undefined ? 0 : Math.min(...spectrum.map(Math.abs));
  const condition = spectrum === undefined || smallest === 0 ? null : largest / smallest;
  const positiveDefinite =
    spectrum?.every((value) => value > 0) === true &&
    condition !== null &&
    condition <= CONDITION_LIMIT &&
    Math.min(...(spectrum as number[])) * n > 1e-12;

  const interior = boundary.size === 0 && unidentified.size === 0;
  if (positiveDefinite && interior && eigen !== undefined) {
    // Newton steps with the Hessian found: the optimiser's 1e-9 gradient
    // tolerance leaves an ill-conditioned estimate short of its maximum.
    for (let step = 0; step < 3 && Math.max(...at[1].map(Math.abs)) > 1e-13; step++) {
      const newton = solve(eigen, at[1]);
      const next = point.map((p, i) => p - (newton[i] as number));
      const there = objective(next);
      if (!(there[0] <= at[0])) break;
      point = next;
      at = there;
    }
  }

  const gradientNorm = Math.max(...at[1].map(Math.abs));
  // A search cut short by its budget is not called converged, even where the polish then lands on the maximum.
  const converged = !ranOut && positiveDefinite && interior && gradientNorm <= GRADIENT_LIMIT;
  const parameters = point.map(Math.exp);
  const names = problem.names.slice();
  const warnings = [...dataWarnings];
  if (ranOut) {
    warnings.push(
      iterations >= settings.maxIterations
        ? `the optimiser used all ${settings.maxIterations} iterations (maxIterations) before it reached a maximum: raise maxIterations, or look at the other warnings`
        : evaluations >= settings.maxEvaluations
          ? `the optimiser stopped at its work limit (${settings.maxEvaluations} likelihood evaluations) before it reached a maximum: the likelihood is hard to climb here; look at the other warnings`
          : "the optimiser stopped at the model's work limit (the terms and quadrature nodes its likelihood may use) before it reached a maximum: the likelihood is hard to climb here; look at the other warnings",
    );
  }
  for (const [parameter, towards] of boundary) warnings.push(problem.describeBoundary(parameter, towards));
  if (unidentified.size > 0) {
    warnings.push(
      `the data do not determine ${[...unidentified].join(', ')}: the likelihood is flat whichever way they move, so their values here are arbitrary`,
    );
  }
  const level = settings.confidenceLevel;
  const diagnostics: FitDiagnostics<P> = {
    gradientNorm,
    hessianConditionNumber: condition,
    hessianPositiveDefinite: positiveDefinite,
    boundary: [...boundary].map(([parameter, towards]) => ({ parameter, towards })),
    unidentified: [...unidentified],
    warnings,
    confidenceLevel: level,
    parameterOrder: names,
  };
  if (positiveDefinite && interior && eigen !== undefined) {
    const logCovariance = inverse(eigen).map((row) => row.map((value) => value / n));
    diagnostics.covariance = logCovariance.map((row, i) =>
      row.map((value, j) => value * (parameters[i] as number) * (parameters[j] as number)),
    );
    const z = normalUpperQuantile((1 - level) / 2);
    const standardErrors = {} as Record<P, number>;
    const intervals = {} as Record<P, ParameterInterval>;
    names.forEach((name, i) => {
      const logError = Math.sqrt((logCovariance[i] as number[])[i] as number);
      const value = parameters[i] as number;
      standardErrors[name] = value * logError;
      intervals[name] = { lower: value * Math.exp(-z * logError), upper: value * Math.exp(z * logError) };
    });
    diagnostics.standardErrors = standardErrors;
    diagnostics.intervals = intervals;
    if (gradientNorm > GRADIENT_LIMIT) {
      warnings.push(
        `the gradient at the estimate is not small (${gradientNorm.toPrecision(3)} per customer): the optimiser stopped short of the maximum; raise maxIterations`,
      );
    }
  } else if (interior) {
    warnings.push(
      spectrum === undefined
        ? 'the curvature of the likelihood could not be computed around the estimate (it cannot be evaluated there): no standard errors or intervals'
        : 'the likelihood is not curved downwards in every direction at the estimate (its Hessian is not positive definite): this is not a maximum the data pin down, and there are no standard errors or intervals',
    );
  } else {
    warnings.push('no standard errors or intervals: they mean nothing for a parameter at a boundary or not determined');
  }
  return {
    parameters,
    logLikelihood: problem.logLikelihood(parameters),
    iterations,
    converged,
    diagnostics,
  };
}

type EigenSystem = ReturnType<typeof symmetricEigen>;

/** A better point a probe found, and the direction and sign it moved along. */
interface Improvement {
  point: number[];
  direction: number[];
  sign: number;
}

/**
 * The Hessian of f at x by central differences of its gradient, step 1e-4 in
 * each log-parameter (error about 1e-9 of its size); when that is
 * ill-conditioned, Richardson extrapolation with the step doubled removes the
 * h^2 term (error about 1e-12). Undefined when f cannot be evaluated nearby.
 */
function hessian(f: (x: number[]) => Evaluation, x: number[]): number[][] | undefined {
  const central = (h: number): number[][] | undefined => {
    const columns: number[][] = [];
    for (let j = 0; j < x.length; j++) {
      const up = f(x.map((v, i) => (i === j ? v + h : v)))[1];
      const down = f(x.map((v, i) => (i === j ? v - h : v)))[1];
      const column = up.map((u, i) => (u - (down[i] as number)) / (2 * h));
      if (!column.every(Number.isFinite)) return undefined;
      columns.push(column);
    }
    return columns.map((row, i) => row.map((v, j) => (v + ((columns[j] as number[])[i] as number)) / 2));
  };
  const fine = central(1e-4);
  if (fine === undefined) return undefined;
  const values = symmetricEigen(fine).values.map(Math.abs);
  if (Math.max(...values) <= 1e6 * Math.min(...values)) return fine;
  const coarse = central(2e-4);
  if (coarse === undefined) return fine;
  return fine.map((row, i) => row.map((v, j) => (4 * v - ((coarse[i] as number[])[j] as number)) / 3));
}

/**
 * Probes the log-likelihood 12 log-units away along weak directions (those
 * whose curvature, over all customers, is below 1) and outwards along
 * parameters far from their natural size. Records flat directions in
 * `boundary` and `unidentified`; returns a better point when one is found.
 */
function probe<P extends string>(
  problem: LikelihoodProblem<P>,
  f: (x: number[]) => Evaluation,
  x: number[],
  value: number,
  eigen: EigenSystem | undefined,
  n: number,
  boundary: Map<P, BoundaryDirection>,
  unidentified: Set<P>,
): Improvement | undefined {
  const names = problem.names;
  // Total log-likelihood change moving by `step` along `direction`.
  const change = (direction: number[], sign: number): [number, number[]] => {
    const moved = x.map((v, i) => v + sign * PROBE_STEP * (direction[i] as number));
    const there = f(moved)[0];
    return [Number.isFinite(there) ? (value - there) * n : Number.NEGATIVE_INFINITY, moved];
  };
  const tolerance = 1e-9 * Math.max(1, Math.abs(value * n));
  const directions: Array<[number[], number[]]> = [];
  if (eigen !== undefined) {
    eigen.values.forEach((lambda, k) => {
      if (lambda * n < 1) directions.push([eigen.vectors[k] as number[], [1, -1]]);
    });
  } else {
    // No curvature: every parameter on its own, both ways.
    for (let i = 0; i < x.length; i++) directions.push([x.map((_, j) => (j === i ? 1 : 0)), [1, -1]]);
  }
  x.forEach((v, i) => {
    const offset = v - Math.log(problem.scales[i] as number);
    if (Math.abs(offset) > FAR) directions.push([x.map((_, j) => (j === i ? 1 : 0)), [Math.sign(offset)]]);
  });
  for (const [direction, signs] of directions) {
    const flat: number[] = [];
    for (const sign of signs) {
      const [gain, moved] = change(direction, sign);
      if (gain > tolerance) return { point: moved, direction, sign };
      if (gain > -FLAT_DROP) flat.push(sign);
    }
    if (flat.length === 0) continue;
    direction.forEach((component, i) => {
      if (Math.abs(component) < 0.3) return;
      const name = names[i] as P;
      const offset = (x[i] as number) - Math.log(problem.scales[i] as number);
      if (flat.length === 1) {
        unidentified.delete(name);
        boundary.set(name, (flat[0] as number) * component > 0 ? 'infinity' : 'zero');
      } else if (Math.abs(offset) > FAR) {
        // Flat both ways, far out: at a boundary on the side it ran to.
        unidentified.delete(name);
        boundary.set(name, offset > 0 ? 'infinity' : 'zero');
      } else if (!boundary.has(name)) unidentified.add(name);
    });
  }
  return undefined;
}

/** H^-1 g from the eigen-decomposition H = V diag(lambda) V'. */
function solve(eigen: EigenSystem, g: number[]): number[] {
  const out = g.map(() => 0);
  eigen.values.forEach((lambda, k) => {
    const v = eigen.vectors[k] as number[];
    const along = v.reduce((s, vi, i) => s + vi * (g[i] as number), 0) / lambda;
    v.forEach((vi, i) => {
      out[i] = (out[i] as number) + along * vi;
    });
  });
  return out;
}

/** H^-1 from the eigen-decomposition. */
function inverse(eigen: EigenSystem): number[][] {
  const size = eigen.values.length;
  return Array.from({ length: size }, (_, i) =>
    Array.from({ length: size }, (_, j) =>
      eigen.values.reduce((s, lambda, k) => {
        const v = eigen.vectors[k] as number[];
        return s + ((v[i] as number) * (v[j] as number)) / lambda;
      }, 0),
    ),
  );
}
