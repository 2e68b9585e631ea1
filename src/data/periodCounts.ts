import { LIMIT_MS } from '../internal/calendar';

import { type Decimal, Exact, toResult } from '../internal/decimal';
import { describeValue, readWholeNumber } from '../internal/numeric';
import { refuseUnknownKeys } from '../internal/read';
import { fail, type MetricSchema, optionsWith, parseInput, readerSchema } from '../internal/schema';
import type { ColumnTable } from './columns';
import { type CustomerIntervals, type Lifecycle, type LifecycleColumns, readLifecycles } from './lifecycles';
import { addPeriods, formatInstant, PERIOD_UNITS, type PeriodUnit, periodStart, readInstant } from './periods';

/**
 * Customer counts for one period, ready for retentionRate and churnRate.
 *
 * @expand
 * @category Customer data
 */
export interface PeriodCounts {
  /** First instant of the period (ISO 8601, UTC). */
  periodStart: string;
  /** First instant after the period (ISO 8601, UTC). */
  periodEnd: string;
  /** Customers active when the period starts (who started before it): S. */
  customersAtStart: number;
  /** Customers active when the period ends (still active at its end instant): E. */
  customersAtEnd: number;
  /** Customers who started during the period, returning customers included: N. */
  newCustomers: number;
  /** Customers lost during the period: S + N - E, new customers who left within it included. */
  lostCustomers: number;
  /** Starting customers still active at the end. */
  retainedCustomers: number;
  /** Customers who started and left within the period. */
  newAndLostCustomers: number;
  /** New customers of the period who had been customers before (and left). */
  returningCustomers: number;
  /** The documents' retention rate (E - N) / S = (retained - newAndLost) / S; null when S is 0. */
  retentionRate: Decimal | null;
  /** The share of starting customers still active at the end, retained / S; null when S is 0. */
  startingCustomerRetention: Decimal | null;
}

function countPeriod({ customers, offsets, bounds }: CustomerIntervals, from: number, to: number): PeriodCounts {
  let atStart = 0;
  let atEnd = 0;
  let started = 0;
  let retained = 0;
  let newAndLost = 0;
  let returning = 0;
  for (let c = 0; c < customers; c++) {
    let s = false;
    let e = false;
    let n = false;
    let before = false;
    for (let k = offsets[c] as number; k < (offsets[c + 1] as number); k += 2) {
      const begin = bounds[k] as number;
      const end = bounds[k + 1] as number;
      if (begin < from && end > from) s = true;
      if (begin < to && end > to) e = true;
      if (begin >= from && begin < to) n = true;
      // A customer here before the period: only read when new in it, so not active at its start.
      if (begin < from) before = true;
    }
    // A customer active at the start who left and came back within the period is retained, not new.
    if (s) n = false;
    if (s) atStart++;
    if (e) atEnd++;
    if (n) {
      started++;
      if (before) returning++;
      if (!e) newAndLost++;
    }
    if (s && e) retained++;
  }
  const rate = (numerator: number): Decimal | null =>
    atStart === 0 ? null : toResult(new Exact(numerator).div(atStart));
  return {
    periodStart: formatInstant(from),
    periodEnd: formatInstant(to),
    customersAtStart: atStart,
    customersAtEnd: atEnd,
    newCustomers: started,
    lostCustomers: atStart + started - atEnd,
    retainedCustomers: retained,
    newAndLostCustomers: newAndLost,
    returningCustomers: returning,
    retentionRate: rate(atEnd - started),
    startingCustomerRetention: rate(retained),
  };
}

/**
 * Options of {@link periodCounts}.
 *
 * @expand
 * @category Customer data
 */
export interface PeriodCountsOptions {
  /** First instant of the period (UTC). */
  from: Date | string | number;
  /** First instant after the period (UTC). */
  to: Date | string | number;
}

/**
 * Counts customers for one period from customer lifecycles: at the start, at
 * the end, new, lost, retained, and new-and-lost, ready to pass to
 * retentionRate and churnRate.
 *
 * @remarks
 * A lifecycle is active from `startedAt` up to, not including, `endedAt`
 * (UTC). For a period [from, to):
 * - S: customers active at `from` who started before it;
 * - N: customers who started in [from, to) (a customer who left and comes
 *   back is new again, and counted in `returningCustomers`);
 * - E: customers active at `to` who started before it; one whose lifecycle
 *   ends exactly at `to` is lost in this period;
 * - lost, as below.
 * The documents' retention rate, below, equals its second form: it counts
 * every new customer who also left within the period against the starting
 * customers. The share of starting customers still active, retained / S,
 * does not; both are returned.
 *
 * ```math
 * \begin{aligned}
 * \text{lost} &= S + N - E, \\
 * \frac{E - N}{S} &= \frac{\text{retained} - \text{newAndLost}}{S}
 * \end{aligned}
 * ```
 *
 * Cost: O(lifecycles).
 *
 * @param customers - lifecycles `{ customerId, startedAt, endedAt? }`, as
 *   rows or as columns ({@link LifecycleColumns}: `{ customerId: [...],
 *   startedAt: Float64Array, endedAt?: [...] }`, an Arrow table too).
 * @param options - the period, `from` (included) and `to` (excluded).
 * @returns the counts, both retention rates, and the period's bounds.
 * @throws {@link MetricInputError} naming the row and field for a missing id,
 *   an unparseable date, or an end before a start; or when `to` is not after `from`.
 *
 * @example
 * ```ts
 * import { periodCounts } from 'retention-metrics';
 *
 * const counts = periodCounts(
 *   [
 *     { customerId: 'a', startedAt: '2026-01-15' },
 *     { customerId: 'b', startedAt: '2026-01-20', endedAt: '2026-02-10' },
 *     { customerId: 'c', startedAt: '2026-02-03', endedAt: '2026-02-20' },
 *     { customerId: 'd', startedAt: '2026-02-05' },
 *   ],
 *   { from: '2026-02-01', to: '2026-03-01' },
 * );
 * [counts.customersAtStart, counts.newCustomers, counts.customersAtEnd, counts.lostCustomers];
 * //=> [2, 2, 2, 2]
 * counts.retentionRate?.toString();
 * //=> '0'
 * counts.startingCustomerRetention?.toString();
 * //=> '0.5'
 * ```
 *
 * @category Customer data
 */
export function periodCounts(
  customers: readonly Lifecycle[] | LifecycleColumns | ColumnTable,
  options: PeriodCountsOptions,
): PeriodCounts {
  const v = parseInput(
    'periodCounts',
    periodCountsInput,
    optionsWith('periodCounts', options, { customers }, '{ from, to }', true),
  );
  return countPeriod(v.lifecycles, v.from, v.to);
}

const periodCountsInput = /* @__PURE__ */ readerSchema((input) => {
  const fn = 'periodCounts';
  refuseUnknownKeys(fn, input, ['customers', 'from', 'to']);
  const lifecycles = readLifecycles(fn, input.customers);
  const from = readInstant(input.from);
  if (typeof from === 'string') fail(fn, 'from', from);
  const to = readInstant(input.to);
  if (typeof to === 'string') fail(fn, 'to', to);
  if (to <= from) fail(fn, 'to', 'must be after from');
  return { lifecycles, from, to };
});

/**
 * The zod schema {@link periodCounts} validates its arguments with, as `{ customers, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const periodCountsSchema: MetricSchema = periodCountsInput;

const EDGE = 'is in a period that';
const EDGE_LAST = 'take the series to a period that';
const EDGE_ADVICE =
  ', so its bound could not be read back as a date; use shorter periods or dates further inside the range';

/**
 * Options of {@link periodCountsSeries}.
 *
 * @expand
 * @category Customer data
 */
export interface PeriodCountsSeriesOptions {
  /** Any instant in the first period; the series starts at that period's beginning (UTC). */
  from: Date | string | number;
  /** Number of consecutive periods, 1 to 10,000. */
  periods: number;
  /** Period length: 'day', 'week' (ISO, from Monday), 'month', 'quarter' or 'year'. Default 'month'. */
  period?: PeriodUnit;
}

/**
 * Counts for consecutive calendar periods in one call (monthly retention for
 * a year, say): each period as {@link periodCounts} counts it, so one
 * period's customersAtEnd is the next one's customersAtStart.
 *
 * @remarks Periods are UTC calendar periods; weeks are ISO weeks from Monday.
 * Cost: O(lifecycles x periods).
 *
 * @param customers - lifecycles `{ customerId, startedAt, endedAt? }`, as
 *   rows or as columns ({@link LifecycleColumns}).
 * @param options - the first period, how many, and their length.
 * @returns one row of counts per period.
 * @throws {@link MetricInputError} for bad rows (naming the row) or options.
 *
 * @example
 * ```ts
 * import { periodCountsSeries } from 'retention-metrics';
 *
 * const rows = periodCountsSeries(
 *   [
 *     { customerId: 'a', startedAt: '2026-01-15' },
 *     { customerId: 'b', startedAt: '2026-01-20', endedAt: '2026-02-10' },
 *   ],
 *   { from: '2026-01-01', periods: 3 },
 * );
 * rows.map((row) => row.customersAtEnd);
 * //=> [2, 1, 1]
 * ```
 *
 * @category Customer data
 */
export function periodCountsSeries(
  customers: readonly Lifecycle[] | LifecycleColumns | ColumnTable,
  options: PeriodCountsSeriesOptions,
): PeriodCounts[] {
  const v = parseInput(
    'periodCountsSeries',
    periodCountsSeriesInput,
    optionsWith('periodCountsSeries', options, { customers }, '{ from, periods, period }', true),
  );
  const first = periodStart(v.from, v.unit);
  // Every bound printed must be a date that reads back: the series stays within the range of dates.
  if (first < -LIMIT_MS)
    fail('periodCountsSeries', 'from', `${EDGE} begins before the first JavaScript date (-271821-04-20)${EDGE_ADVICE}`);
  if (addPeriods(first, v.unit, v.periods) > LIMIT_MS) {
    fail(
      'periodCountsSeries',
      'periods',
      `${EDGE_LAST} ends after the last JavaScript date (+275760-09-13)${EDGE_ADVICE}`,
    );
  }
  const rows: PeriodCounts[] = [];
  for (let i = 0; i < v.periods; i++) {
    rows.push(countPeriod(v.lifecycles, addPeriods(first, v.unit, i), addPeriods(first, v.unit, i + 1)));
  }
  return rows;
}

const periodCountsSeriesInput = /* @__PURE__ */ readerSchema((input) => {
  const fn = 'periodCountsSeries';
  refuseUnknownKeys(fn, input, ['customers', 'from', 'periods', 'period']);
  const lifecycles = readLifecycles(fn, input.customers);
  const from = readInstant(input.from);
  if (typeof from === 'string') fail(fn, 'from', from);
  const periods = readWholeNumber(input.periods, 1, 10_000, 'must be a whole number from 1 to 10,000');
  if (typeof periods === 'string') fail(fn, 'periods', periods);
  const unit = (input.period ?? 'month') as PeriodUnit;
  if (!PERIOD_UNITS.includes(unit))
    fail(fn, 'period', `must be one of ${PERIOD_UNITS.join(', ')}, got ${describeValue(unit)}`);
  return { lifecycles, from, periods, unit };
});

/**
 * The zod schema {@link periodCountsSeries} validates its arguments with, as `{ customers, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const periodCountsSeriesSchema: MetricSchema = periodCountsSeriesInput;
