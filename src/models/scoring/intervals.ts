import { cellNumber, describeValue } from '../../internal/numeric';
import { readFailure, readKey } from '../../internal/read';
import { fail, isOptionsObject } from '../../internal/schema';
import { optionalNumberField } from '../internal/inputs';
import { type RandomStream, randomStream } from '../internal/random';

/**
 * A lower and an upper bound.
 *
 * @category Batch scoring
 */
export interface Interval {
  /** The lower bound. */
  lower: number;
  /** The upper bound. */
  upper: number;
}

/**
 * The bounds of a column's intervals, one pair per customer in the table's order.
 *
 * @category Batch scoring
 */
export interface ColumnInterval {
  /** Each customer's lower bound. */
  lower: Float64Array;
  /** Each customer's upper bound. */
  upper: Float64Array;
}

/**
 * How the intervals were made: the level, the number of parameter draws and the seed.
 *
 * @category Batch scoring
 */
export interface IntervalSettings {
  /** The level of the intervals, as asked (`intervalLevel`). */
  level: number;
  /** Parameter sets drawn from the fit's sampling distribution. */
  draws: number;
  /** The seed of the draws: the same seed gives the same intervals. */
  seed: number;
}

/** Draws used when `draws` is not given. */
export const DEFAULT_DRAWS = 200;
const MAX_DRAWS = 100_000;

/** The option fields that ask for intervals. */
export function intervalFields() {
  return {
    intervalLevel: optionalNumberField((v) =>
      v > 0 && v < 1 ? undefined : `must be a level between 0 and 1 (0.9 for 90 % intervals), got ${v}`,
    ),
    draws: optionalNumberField((v) =>
      Number.isInteger(v) && v >= 2 && v <= MAX_DRAWS
        ? undefined
        : `must be a whole number of parameter draws from 2 to ${MAX_DRAWS.toLocaleString('en-US')}, got ${v}`,
    ),
    seed: optionalNumberField((v) =>
      Number.isInteger(v) && v >= 0 && v <= 0xffffffff
        ? undefined
        : `must be a whole number from 0 to 4294967295, got ${v}`,
    ),
  };
}

/** The interval settings asked for, or undefined when no intervals are; `draws` and `seed` alone are refused. */
export function intervalSettings(
  functionName: string,
  v: { intervalLevel?: number | undefined; draws?: number | undefined; seed?: number | undefined },
): IntervalSettings | undefined {
  if (v.intervalLevel === undefined) {
    for (const name of ['draws', 'seed'] as const) {
      if (v[name] !== undefined) {
        fail(
          functionName,
          name,
          'is used only for intervals: give intervalLevel (0.95 for 95 % intervals) to ask for them',
        );
      }
    }
    return undefined;
  }
  const level = v.intervalLevel;
  const draws = v.draws ?? DEFAULT_DRAWS;
  // Each tail of the interval must rest on at least one draw.
  const fewest = Math.ceil(2 / (1 - level) - 1e-9);
  if (draws < fewest) {
    fail(
      functionName,
      'draws',
      `must be at least ${fewest} for ${level} intervals (2 / (1 - level), so that each tail rests on a draw), got ${draws}`,
    );
  }
  return { level, draws, seed: v.seed ?? 1 };
}

/** The most customers whose futures the outcome intervals simulate, once per draw each. */
const MAX_SIMULATED = 100_000_000;

/**
 * Refuses outcome intervals for more customers than can be simulated in a
 * reasonable time: grouped rows stand for many customers each, and each of
 * them lives its own simulated future under every draw.
 */
export function checkSimulatedCustomers(functionName: string, customers: number, draws: number): void {
  if (customers > MAX_SIMULATED) {
    fail(
      functionName,
      'intervalLevel',
      `asks for intervals of ${customers} customers, whose outcome simulates each customer under each of the ${draws} draws: at most ${MAX_SIMULATED} customers; score without intervals, or score a sample of the groups`,
    );
  }
}

/**
 * The stream of a purpose: 0 for the purchase (or subscriber) parameters, 1
 * for the spend parameters, 2 + d for the outcome simulated under draw d.
 */
export function streamOf(settings: IntervalSettings, stream: number): RandomStream {
  return randomStream(settings.seed | 0, stream);
}

/**
 * The lower Cholesky factor of a symmetric matrix, or undefined when it is
 * not positive definite.
 */
function cholesky(matrix: readonly (readonly number[])[]): number[][] | undefined {
  const k = matrix.length;
  const factor = matrix.map(() => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = (matrix[i] as number[])[j] as number;
      for (let l = 0; l < j; l++)
        sum -= ((factor[i] as number[])[l] as number) * ((factor[j] as number[])[l] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        (factor[i] as number[])[i] = Math.sqrt(sum);
      } else (factor[i] as number[])[j] = sum / ((factor[j] as number[])[j] as number);
    }
  }
  return factor;
}

/** One value read from a fit's diagnostics, refused with the field named when it cannot be read. */
function readPart(functionName: string, object: object, key: string, path: string): unknown {
  const read = readKey(object, key);
  if (read.rule !== undefined) fail(functionName, `${path}.${key}`, read.rule);
  return read.value;
}

/** A plain copy of an array read from the user's object (each index read once), or undefined for anything else. */
function copyArray(functionName: string, value: unknown, path: string): unknown[] | undefined {
  try {
    return Array.isArray(value) ? Array.from(value as unknown[]) : undefined;
  } catch (error) {
    throw readFailure(functionName, path, error);
  }
}

/**
 * The fit's covariance on the log scale, in the order of `names`: the
 * covariance a fit reports (of the parameters) divided by theta_i theta_j.
 * Refused when the fit has none, with the reason the fit gives.
 */
function logCovariance(
  functionName: string,
  fit: Record<string, unknown>,
  path: string,
  names: readonly string[],
  estimate: readonly number[],
): number[][] {
  const diagnostics = readPart(functionName, fit, 'diagnostics', path);
  if (!isOptionsObject(diagnostics)) {
    fail(
      functionName,
      path,
      "has no diagnostics: intervals draw parameters from the fit's sampling distribution, so pass the fit's result itself (with its diagnostics.covariance), not only its parameters",
    );
  }
  const covariancePath = `${path}.diagnostics.covariance`;
  const covariance = copyArray(
    functionName,
    readPart(functionName, diagnostics, 'covariance', `${path}.diagnostics`),
    covariancePath,
  );
  if (covariance === undefined) {
    const warnings = copyArray(
      functionName,
      readPart(functionName, diagnostics, 'warnings', `${path}.diagnostics`),
      `${path}.diagnostics.warnings`,
    );
    const first = typeof warnings?.[0] === 'string' ? ` (the fit says: ${warnings[0]})` : '';
    fail(
      functionName,
      covariancePath,
      `is missing: the fit has no covariance, so its parameters' uncertainty is unknown and no interval can be drawn${first}`,
    );
  }
  const orderPath = `${path}.diagnostics.parameterOrder`;
  const order = copyArray(
    functionName,
    readPart(functionName, diagnostics, 'parameterOrder', `${path}.diagnostics`),
    orderPath,
  );
  const k = names.length;
  const position = names.map((name) => (order === undefined ? -1 : order.indexOf(name)));
  if (order === undefined || order.length !== k || position.some((p) => p < 0)) {
    fail(
      functionName,
      orderPath,
      `must list the parameters ${names.join(', ')} in the order of the covariance, got ${describeValue(order)}`,
    );
  }
  const matrix = covariance.map((row, i) => copyArray(functionName, row, `${covariancePath}[${i}]`));
  const rows: number[][] = [];
  for (let i = 0; i < k; i++) {
    const row = matrix.length === k ? matrix[position[i] as number] : undefined;
    const values: number[] = [];
    for (let j = 0; j < k; j++) {
      const cell = row !== undefined && row.length === k ? cellNumber(row[position[j] as number]) : Number.NaN;
      if (!Number.isFinite(cell)) {
        fail(
          functionName,
          covariancePath,
          `must be a ${k} x ${k} matrix of finite numbers, as the fit reports it, got ${describeValue(covariance)}`,
        );
      }
      values.push(cell / ((estimate[i] as number) * (estimate[j] as number)));
    }
    rows.push(values);
  }
  return rows;
}

/**
 * `count` parameter sets drawn from the fit's sampling distribution: the logs
 * of the parameters are normal around the logs of the estimate with the
 * fit's covariance carried to the log scale (the scale the fit's Wald
 * intervals use), so every draw is positive.
 */
export function parameterDraws<P extends { [K in keyof P]: number }>(
  functionName: string,
  fit: Record<string, unknown>,
  path: string,
  names: readonly (keyof P & string)[],
  estimate: P,
  settings: IntervalSettings,
  stream: number,
): P[] {
  const centre = names.map((name) => estimate[name] as number);
  const factor = cholesky(logCovariance(functionName, fit, path, names, centre));
  if (factor === undefined) {
    fail(
      functionName,
      `${path}.diagnostics.covariance`,
      'must be positive definite to draw parameters from it, and it is not: the fit does not pin its parameters down',
    );
  }
  const rng = streamOf(settings, stream);
  const k = names.length;
  const normals = new Array<number>(k);
  const draws: P[] = [];
  for (let d = 0; d < settings.draws; d++) {
    for (let i = 0; i < k; i++) normals[i] = rng.normal();
    const draw = {} as Record<string, number>;
    for (let i = 0; i < k; i++) {
      let shift = 0;
      for (let j = 0; j <= i; j++) shift += ((factor[i] as number[])[j] as number) * (normals[j] as number);
      draw[names[i] as string] = (centre[i] as number) * Math.exp(shift);
    }
    draws.push(draw as P);
  }
  return draws;
}

/**
 * The interval at `level` of a sample, sorted in place: its (1 - level) / 2
 * and (1 + level) / 2 quantiles, interpolated between order statistics
 * (Hyndman and Fan's type 7, the default of R and numpy).
 */
export function sampleInterval(sample: Float64Array, level: number): Interval {
  sample.sort();
  return { lower: quantile(sample, (1 - level) / 2), upper: quantile(sample, (1 + level) / 2) };
}

function quantile(sorted: Float64Array, probability: number): number {
  const h = (sorted.length - 1) * probability;
  const below = Math.floor(h);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return high === low ? low : low + (h - below) * (high - low);
}

/**
 * The intervals of a block of `count` items (customers or tenures), whose
 * `width` columns of `draws` values each sit in `store` at
 * ((k * width + c) * draws + d): each sorted in place, its bounds written to
 * `bounds[c]` at the item's index `at(k)`.
 */
export function blockIntervals(
  store: Float64Array,
  count: number,
  width: number,
  draws: number,
  level: number,
  bounds: readonly ColumnInterval[],
  at: (k: number) => number,
): void {
  for (let k = 0; k < count; k++) {
    const index = at(k);
    for (let c = 0; c < width; c++) {
      const start = (k * width + c) * draws;
      const interval = sampleInterval(store.subarray(start, start + draws), level);
      (bounds[c] as ColumnInterval).lower[index] = interval.lower;
      (bounds[c] as ColumnInterval).upper[index] = interval.upper;
    }
  }
}

/** How many customers' draws are held at once: about 8 MB of draws, whatever the table's size. */
export function blockSize(customers: number, draws: number, width: number): number {
  return Math.max(1, Math.min(customers, Math.floor(1_048_576 / (draws * width))));
}
