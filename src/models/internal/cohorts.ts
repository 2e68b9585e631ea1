import * as z from 'zod/mini';
import { describeValue, readDecimal } from '../../internal/numeric';
import { unreadableRule } from '../../internal/read';

/**
 * One cohort: the customers still active at the start of periods 0, 1, 2, ...
 * (`survivors`), or the customers acquired and how many were lost in each
 * period (`customers` with `lostPerPeriod`).
 *
 * @category Errors and numbers
 */
export type Cohort = readonly number[] | CohortSurvivors | CohortLosses;

/**
 * A cohort as the customers still active at the start of periods 0, 1, 2, ...
 *
 * @category Errors and numbers
 */
export interface CohortSurvivors {
  /** Customers still active at the start of each period, from period 0. */
  survivors: readonly number[];
}

/**
 * A cohort as its starting customers and the customers lost in each period.
 *
 * @category Errors and numbers
 */
export interface CohortLosses {
  /** Customers at period 0. */
  customers: number;
  /** Customers lost in periods 1, 2, ... */
  lostPerPeriod: readonly number[];
}

/**
 * Cohorts as the fitting functions take them: one cohort, or a list of cohorts.
 *
 * @category Errors and numbers
 */
export type CohortInput = Cohort | readonly Cohort[];

/** Survivor counts of every cohort, read and checked. */
export interface CohortData {
  /** survivors[c][t]: customers of cohort c active at the start of period t. */
  survivors: number[][];
  /** Customers at period 0, summed over cohorts. */
  customers: number;
  /** The longest cohort's number of observed periods. */
  periods: number;
}

function readCount(value: unknown): number | string {
  const parsed = readDecimal(value);
  if (typeof parsed === 'string') return parsed;
  if (!parsed.isInteger() || parsed.isNegative())
    return `must be a whole number of customers, 0 or more, got ${parsed}`;
  const n = parsed.toNumber();
  return Number.isSafeInteger(n) ? n : `must be at most ${Number.MAX_SAFE_INTEGER}, got ${parsed}`;
}

/**
 * The elements of an array, each read once, or [index, reason] when reading
 * one throws (a getter or Proxy); `undefined` when `value` is no array.
 */
function copyList(value: unknown): unknown[] | Unreadable | undefined {
  let i = 0;
  try {
    if (!Array.isArray(value)) return undefined;
    const copy = new Array<unknown>(value.length);
    for (; i < copy.length; i++) copy[i] = value[i];
    return copy;
  } catch (error) {
    return new Unreadable([i], unreadableRule(error));
  }
}

/** An element that could not be read: where, and why. */
class Unreadable {
  constructor(
    readonly path: number[],
    readonly reason: string,
  ) {}
}

/** Whether an item of a list of cohorts is one cohort (an array or a cohort object), read without trusting it. */
function isCohortItem(item: unknown): boolean {
  try {
    return (
      Array.isArray(item) ||
      (typeof item === 'object' && item !== null && ('survivors' in item || 'lostPerPeriod' in item))
    );
  } catch {
    return false;
  }
}

/** Reads one cohort into survivor counts; returns [path, reason] when it cannot. */
function readCohort(value: unknown, at: PropertyKey[]): number[] | [PropertyKey[], string] {
  try {
    return readCohortFields(value, at);
  } catch (error) {
    return [at, unreadableRule(error)];
  }
}

function readCohortFields(value: unknown, at: PropertyKey[]): number[] | [PropertyKey[], string] {
  let survivors: number[];
  if (Array.isArray(value) || (typeof value === 'object' && value !== null && 'survivors' in value)) {
    const where = Array.isArray(value) ? at : [...at, 'survivors'];
    const raw = Array.isArray(value) ? value : (value as { survivors: unknown }).survivors;
    const list = copyList(raw);
    if (list === undefined) return [where, `must be an array of customer counts, got ${describeValue(raw)}`];
    if (list instanceof Unreadable) return [[...where, ...list.path], list.reason];
    survivors = [];
    for (let t = 0; t < list.length; t++) {
      const n = readCount(list[t]);
      if (typeof n === 'string') return [[...where, t], n];
      if (t > 0 && n > (survivors[t - 1] as number)) {
        return [
          [...where, t],
          `must not exceed the count before it (${survivors[t - 1]}): survivors can only fall, got ${n}`,
        ];
      }
      survivors.push(n);
    }
    if (survivors.length < 2) return [where, 'needs at least two counts (the start and one later period)'];
    if (survivors[0] === 0) return [[...where, 0], 'must be greater than 0: a cohort starts with its customers'];
    return survivors;
  }
  if (typeof value === 'object' && value !== null && 'lostPerPeriod' in value) {
    const record = value as { customers: unknown; lostPerPeriod: unknown };
    const customers = record.customers;
    const start = readCount(customers);
    if (typeof start === 'string') return [[...at, 'customers'], start];
    if (start === 0) return [[...at, 'customers'], 'must be greater than 0: a cohort starts with its customers'];
    const raw = record.lostPerPeriod;
    const lostPerPeriod = copyList(raw);
    if (lostPerPeriod instanceof Unreadable)
      return [[...at, 'lostPerPeriod', ...lostPerPeriod.path], lostPerPeriod.reason];
    if (lostPerPeriod === undefined || lostPerPeriod.length === 0) {
      return [[...at, 'lostPerPeriod'], `must be a non-empty array of counts, got ${describeValue(raw)}`];
    }
    survivors = [start];
    for (let t = 0; t < lostPerPeriod.length; t++) {
      const lost = readCount(lostPerPeriod[t]);
      if (typeof lost === 'string') return [[...at, 'lostPerPeriod', t], lost];
      const left = (survivors[t] as number) - lost;
      if (left < 0) return [[...at, 'lostPerPeriod', t], `loses ${lost} customers but only ${survivors[t]} remain`];
      survivors.push(left);
    }
    return survivors;
  }
  return [
    at,
    `must be an array of survivor counts, { survivors } or { customers, lostPerPeriod }, got ${describeValue(value)}`,
  ];
}

/**
 * Reads cohorts for a fit; `minPeriods` is the fewest distinct periods that
 * identify the model. A fit needs some churn; a log-likelihood does not
 * (`requireChurn` false).
 */
export function readCohorts(
  value: unknown,
  minPeriods: number,
  requireChurn = true,
): CohortData | [PropertyKey[], string] {
  // The list and each of its items read once: the shape test and the reading see the same cohorts.
  const copied = copyList(value);
  if (copied instanceof Unreadable) return [copied.path, copied.reason];
  const several = copied !== undefined && copied.length > 0 && copied.every(isCohortItem);
  const list = several ? copied : [copied ?? value];
  const survivors: number[][] = [];
  let customers = 0;
  let periods = 0;
  let churned = 0;
  for (let c = 0; c < list.length; c++) {
    const cohort = readCohort(list[c], several ? [c] : []);
    if (typeof cohort[0] !== 'number') return cohort as [PropertyKey[], string];
    const counts = cohort as number[];
    survivors.push(counts);
    customers += counts[0] as number;
    periods = Math.max(periods, counts.length - 1);
    churned += (counts[0] as number) - (counts[counts.length - 1] as number);
  }
  if (periods < minPeriods) {
    return [[], `must cover at least ${minPeriods} periods to identify the model, got ${periods}`];
  }
  if (churned === 0 && requireChurn)
    return [[], 'show no churn at all: with nobody lost, churn and its spread cannot be estimated'];
  return { survivors, customers, periods };
}

/** A zod schema for cohorts, read by readCohorts. */
export function cohortsField(minPeriods: number, requireChurn = true): z.ZodMiniType<CohortData, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): CohortData => {
      const read = readCohorts(value, minPeriods, requireChurn);
      if (!Array.isArray(read)) return read;
      ctx.issues.push({ code: 'custom', message: read[1], input: value, path: read[0] });
      return { survivors: [], customers: 0, periods: 0 };
    }),
  );
}
