import { fail, type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { nonNegativeNumber, numberField, optionalNumberField, positiveNumber } from '../internal/inputs';
import { type PurchaseModelFit, purchaseFitField } from './purchaseModels';

/**
 * Options of {@link probabilityAliveGrid}.
 *
 * @expand
 * @category Model diagnostics
 */
export interface ProbabilityAliveGridOptions {
  /** The customers' age T (time from the first purchase to now), in the fit's time unit. */
  age: number;
  /** The largest frequency of the grid, a whole number from 0 to 1000; default 10. */
  maxFrequency?: number;
  /** The step of the recency grid, in the fit's time unit, greater than 0; default 1. */
  recencyStep?: number;
}

/**
 * One cell of the probability-alive grid.
 *
 * @expand
 * @category Model diagnostics
 */
export interface ProbabilityAliveCell {
  /** Repeat purchases x. */
  frequency: number;
  /** Time of the last purchase t_x, from the first purchase. */
  recency: number;
  /** P(alive | x, t_x, T) at the grid's age T. */
  probabilityAlive: number;
}

/** The most cells a grid may have. */
const MAX_CELLS = 1_000_000;

const schema = /* @__PURE__ */ buildSchema();

function buildSchema() {
  return objectSchema({
    fit: purchaseFitField(),
    age: numberField(nonNegativeNumber),
    maxFrequency: optionalNumberField((v) =>
      Number.isInteger(v) && v >= 0 && v <= 1000 ? undefined : `must be a whole number from 0 to 1000, got ${v}`,
    ),
    recencyStep: optionalNumberField(positiveNumber),
  });
}

/**
 * The zod schema {@link probabilityAliveGrid} validates its arguments with, as `{ fit, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const probabilityAliveGridSchema: MetricSchema = schema;

/**
 * Probability alive over a grid of frequency and recency at one age, for the
 * BG/NBD or the Pareto/NBD: the data of the usual heat map.
 *
 * @remarks
 * Rows run over frequency x = 0..maxFrequency and, for each, recency
 * t_x = 0, step, 2 step, ... up to the age T, with T itself as the last
 * point (a customer who bought on the last day). Only possible histories are
 * listed: a recency beyond the age cannot happen and is never a cell, and a
 * customer without repeat purchases has recency 0 by definition, so
 * frequency 0 has the one cell (0, 0); a chart shows the cells it lacks as
 * blank. The BG/NBD gives that cell 1 (its customers drop out only after a
 * purchase; Fader, Hardie and Lee 2005, equation 13), the Pareto/NBD less
 * than 1 (Schmittlein, Morrison and Colombo 1987). Cost: O(cells).
 *
 * @param fit - a {@link fitBgNbd} or {@link fitParetoNbd} result, or `{ model, ...parameters }`.
 * @param options - the age, the largest frequency (default 10) and the recency step (default 1 unit).
 * @returns one row per cell, by frequency then recency.
 * @throws {@link MetricInputError} when the fit or an option is invalid, or the grid would exceed a million cells.
 *
 * @example
 * ```ts
 * import { probabilityAliveGrid } from 'retention-metrics';
 *
 * const fit = { model: 'bgnbd', r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 } as const;
 * const grid = probabilityAliveGrid(fit, { age: 38.86, maxFrequency: 2, recencyStep: 10 });
 * grid.length;
 * //=> 11
 * grid.map((cell) => cell.probabilityAlive.toFixed(3)).slice(-2);
 * //=> ['0.721', '0.812']
 * ```
 *
 * @category Model diagnostics
 */
export function probabilityAliveGrid(
  fit: PurchaseModelFit,
  options: ProbabilityAliveGridOptions,
): ProbabilityAliveCell[] {
  const fn = 'probabilityAliveGrid';
  const v = parseInput(fn, schema, optionsWith(fn, options, { fit }, 'an object with age'));
  const { age } = v;
  const top = v.maxFrequency ?? 10;
  const step = v.recencyStep ?? 1;
  const steps = Math.floor(age / step);
  // The cells are counted before any is made: a tiny step or a huge age must not build the grid first.
  const columns = steps + (steps * step < age ? 2 : 1);
  if (!(top * columns + 1 <= MAX_CELLS)) {
    fail(
      fn,
      v.recencyStep === undefined ? 'age' : 'recencyStep',
      `makes ${top * columns + 1} cells (age ${age} in recency steps of ${step}): at most ${MAX_CELLS}, use a longer recencyStep`,
    );
  }
  const recencies: number[] = [];
  for (let j = 0; j <= steps; j++) recencies.push(j * step);
  if ((recencies[recencies.length - 1] as number) < age) recencies.push(age);
  const cells: ProbabilityAliveCell[] = [];
  const cell = (x: number, tx: number) => {
    const p = v.fit.probabilityAlive(v.fit.parameters, x, tx, age);
    if (p === undefined || !(p >= 0 && p <= 1)) {
      fail(
        fn,
        'fit',
        `cannot give P(alive) at frequency ${x}, recency ${tx}, age ${age}: the parameters are too extreme`,
      );
    }
    cells.push({ frequency: x, recency: tx, probabilityAlive: p });
  };
  cell(0, 0);
  for (let x = 1; x <= top; x++) for (const tx of recencies) cell(x, tx);
  return cells;
}
