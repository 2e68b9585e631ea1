import * as z from 'zod/mini';
import type { Numeric } from '../../internal/decimal';
import { cellNumber, describeValue } from '../../internal/numeric';
import { ownKeys, readKey, unreadableRule } from '../../internal/read';
import { isRow } from '../../internal/rows';
import type { FrequencyRecency, FrequencyRecencyData } from '../nbd/summaryData';
import { readFrequencyRecency, readSummaryRows } from '../nbd/summaryData';

/**
 * One customer's summary with its time-invariant covariates: what
 * {@link fitBgNbdWithCovariates} and {@link fitParetoNbdWithCovariates} take.
 *
 * @expand
 * @category Purchasing models with covariates
 */
export interface CovariateCustomer extends FrequencyRecency {
  /**
   * The customer's covariates by name, numbers that stay the same over the
   * calibration period (a 0/1 flag for a channel or a region, the value of the
   * first order): `{ channelWeb: 1, firstOrder: 35.2 }`. Every row has the
   * same names. Numeric strings, bigints and Decimals are read as numbers.
   */
  covariates: Readonly<Record<string, Numeric>>;
}

/**
 * Customers with covariates: an array of rows, or `{ customers }` holding them
 * (an rfmSummary result whose rows were given their covariates).
 *
 * @category Purchasing models with covariates
 */
export type CovariateCustomers =
  | readonly CovariateCustomer[]
  | {
      /** The rows, as in a summary object. */
      readonly customers: readonly CovariateCustomer[];
    };

/** Customer summaries read with their covariates. */
export interface CovariateData {
  /** Every row's summary, merged, as the plain models take them (for warnings, the mean age, the plain fit). */
  summaries: FrequencyRecencyData;
  /** The covariate names, in the first row's order. */
  names: string[];
  /** Each row's covariates, row-major: values[row * names.length + k]. */
  values: Float64Array;
  /** Rows read (before merging). */
  rows: number;
}

const ROW_SHAPE = '{ frequency, recency, age, covariates }';

/** The largest covariate in absolute value: beyond it squares (for the standardisation) leave the range of a float. */
export const MAX_COVARIATE = 1e15;

/**
 * Reads customers with covariates: the summaries as readFrequencyRecency
 * reads them, and each row's `covariates` record, which must hold the same
 * names on every row, each a finite number. Each row and cell is read once.
 * Returns the data or [path, reason].
 */
export function readCovariateCustomers(value: unknown): CovariateData | [PropertyKey[], string] {
  const read = readSummaryRows(value, ROW_SHAPE);
  if (Array.isArray(read)) return read;
  const { rows, count } = read;
  if (count === 0) return [[], 'must hold at least one customer, got none'];
  const copies: Record<string, unknown>[] = new Array(count);
  let names: string[] = [];
  let values = new Float64Array(0);
  let i = 0;
  let cell = '';
  try {
    for (; i < count; i++) {
      cell = '';
      const row = rows[i];
      if (!isRow(row)) return [[i], `must be ${ROW_SHAPE}, got ${describeValue(row)}`];
      const copy: Record<string, unknown> = {};
      for (const key of ['frequency', 'recency', 'age', 'customerId', 'customers']) {
        cell = key;
        copy[key] = row[key];
      }
      cell = 'covariates';
      const covariates = row.covariates;
      cell = '';
      copies[i] = copy;
      const id = copy.customerId;
      const note = id === undefined ? '' : ` (customerId ${describeValue(id)})`;
      if (!isRow(covariates)) {
        return [
          [i, 'covariates'],
          `must be a record of the customer's covariates by name, such as { channelWeb: 1, firstOrder: 35.2 }, got ${describeValue(covariates)}${note}`,
        ];
      }
      const keys = ownKeys(covariates);
      if (!Array.isArray(keys)) return [[i, 'covariates'], unreadableRule(keys.error)];
      if (i === 0) {
        names = keys;
        values = new Float64Array(count * names.length);
      } else {
        const extra = keys.find((key) => !names.includes(key));
        if (extra !== undefined) {
          return [
            [i, 'covariates', extra],
            `is a covariate the first row does not have${note}: every customer needs the same covariates (${listed(names)})`,
          ];
        }
      }
      for (let k = 0; k < names.length; k++) {
        const name = names[k] as string;
        const field = readKey(covariates, name);
        if (field.rule !== undefined) return [[i, 'covariates', name], field.rule];
        const raw = field.value;
        if (raw === undefined && !keys.includes(name)) {
          return [
            [i, 'covariates', name],
            `is missing${note}: every customer needs the same covariates (${listed(names)}); give 0 where it does not apply`,
          ];
        }
        const number = cellNumber(raw);
        if (!Number.isFinite(number)) {
          return [
            [i, 'covariates', name],
            `must be a finite number${typeof raw === 'boolean' ? ' (give 1 for yes and 0 for no)' : ''}, got ${describeValue(raw)}${note}`,
          ];
        }
        if (Math.abs(number) > MAX_COVARIATE) {
          return [
            [i, 'covariates', name],
            `must be between -${MAX_COVARIATE} and ${MAX_COVARIATE}, got ${describeValue(raw)}${note}: give it in a larger unit (thousands, millions) or as its logarithm`,
          ];
        }
        values[i * names.length + k] = number;
      }
    }
  } catch (error) {
    return [cell === '' ? [i] : [i, cell], unreadableRule(error)];
  }
  const summaries = readFrequencyRecency(
    read.unitDays === undefined ? copies : { customers: copies, unitDays: read.unitDays },
  );
  if (Array.isArray(summaries)) return summaries;
  return { summaries, names, values, rows: count };
}

function listed(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

/** A zod schema for customers with covariates, read by readCovariateCustomers. */
export function covariateCustomersField(): z.ZodMiniType<CovariateData, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): CovariateData => {
      const read = readCovariateCustomers(value);
      if (!Array.isArray(read)) return read;
      ctx.issues.push({ code: 'custom', message: read[1], input: value, path: read[0] });
      return read as unknown as CovariateData;
    }),
  );
}

/** A zod schema for an optional list of covariate names: distinct, non-empty strings. */
export function covariateNamesField(): z.ZodMiniOptional<z.ZodMiniType<string[], unknown>> {
  return z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value, ctx): string[] => {
        const fault = (message: string, path: PropertyKey[] = []) => {
          ctx.issues.push({ code: 'custom', message, input: value, path });
          return [];
        };
        let list: unknown[];
        try {
          if (!Array.isArray(value)) {
            return fault(
              `must be an array of covariate names, such as ['channelWeb'] ([] for none), got ${describeValue(value)}`,
            );
          }
          list = Array.from(value as unknown[]);
        } catch (error) {
          return fault(unreadableRule(error));
        }
        const names: string[] = [];
        for (let i = 0; i < list.length; i++) {
          const name = list[i];
          if (typeof name !== 'string' || name === '')
            return fault(`must be a covariate name (a non-empty string), got ${describeValue(name)}`, [i]);
          if (names.includes(name)) return fault(`names ${describeValue(name)} twice`, [i]);
          names.push(name);
        }
        return names;
      }),
    ),
  );
}

/**
 * Which covariates move which process: for each process, the columns (into
 * CovariateData.names) of its covariates.
 */
export interface CovariateChoice {
  purchase: number[];
  dropout: number[];
}

/**
 * The columns a fit uses: those the options name, or every covariate for
 * both processes (the fit's schema has already refused names the customers lack).
 */
export function chooseCovariates(
  names: readonly string[],
  purchase: readonly string[] | undefined,
  dropout: readonly string[] | undefined,
): CovariateChoice {
  const all = names.map((_, k) => k);
  return {
    purchase: purchase === undefined ? all : purchase.map((name) => names.indexOf(name)),
    dropout: dropout === undefined ? all : dropout.map((name) => names.indexOf(name)),
  };
}

/** The covariates (columns) whose value is the same for every customer fitted (rows with customers 0 do not count). */
export function constantColumns(data: CovariateData): Set<number> {
  const width = data.names.length;
  const weight = data.summaries.rows.weight;
  const constant = new Set<number>();
  for (let k = 0; k < width; k++) {
    let first: number | undefined;
    let same = true;
    for (let i = 0; i < data.rows && same; i++) {
      if ((weight[i] as number) === 0) continue;
      const v = data.values[i * width + k] as number;
      if (first === undefined) first = v;
      else if (v !== first) same = false;
    }
    if (same) constant.add(k);
  }
  return constant;
}

/**
 * Customers grouped for evaluation: those who share every covariate value
 * used share their individual parameters, and their summaries are merged as
 * the plain models merge them. `covariates[g]` holds group g's values of the
 * used covariates (purchase ones, then drop-out ones).
 */
export interface CovariateGroups {
  /** The summaries of each group. */
  data: FrequencyRecencyData[];
  /** Per group: the purchase covariates then the drop-out covariates, as given or standardised. */
  covariates: Float64Array[];
}

/**
 * Groups the rows by their values of the chosen covariates, each value
 * transformed by `transform(column, value)` (standardisation for the fit, the
 * identity for the likelihood). One group (the summaries as they are) when no
 * covariate is used.
 */
export function groupCustomers(
  data: CovariateData,
  choice: CovariateChoice,
  transform: (column: number, value: number) => number = (_, v) => v,
): CovariateGroups {
  const columns = [...choice.purchase, ...choice.dropout];
  if (columns.length === 0) return { data: [data.summaries], covariates: [new Float64Array(0)] };
  const width = data.names.length;
  const rows = data.summaries.rows;
  const byKey = new Map<string, { rows: Record<string, number>[]; values: Float64Array }>();
  for (let i = 0; i < data.rows; i++) {
    const weight = rows.weight[i] as number;
    if (weight === 0) continue;
    const values = Float64Array.from(columns, (k) => transform(k, data.values[i * width + k] as number));
    const key = values.join(',');
    let group = byKey.get(key);
    if (group === undefined) {
      group = { rows: [], values };
      byKey.set(key, group);
    }
    group.rows.push({
      frequency: rows.frequency[i] as number,
      recency: rows.recency[i] as number,
      age: rows.age[i] as number,
      customers: weight,
    });
  }
  const groups: CovariateGroups = { data: [], covariates: [] };
  for (const group of byKey.values()) {
    // Rows already read and checked: this only merges and indexes them.
    groups.data.push(readFrequencyRecency(group.rows) as FrequencyRecencyData);
    groups.covariates.push(group.values);
  }
  return groups;
}
