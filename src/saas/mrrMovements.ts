import { formatInstant, indexStart, PERIOD_UNITS, type PeriodUnit, periodIndex, readInstant } from '../data/periods';
import { type Decimal, Exact, toResult } from '../internal/decimal';
import { describeValue, readDecimal, readWholeNumber } from '../internal/numeric';
import { refuseUnknownKeys } from '../internal/read';
import { customerRuns } from '../internal/rows';
import { fail, type MetricSchema, optionsWith, parseInput, readerSchema } from '../internal/schema';
import { readSubscriptions, type Subscription, type SubscriptionTable } from './subscriptions';

/**
 * One kind of MRR movement in one period: its amount, how many customers
 * made it, and (when asked for) which.
 *
 * @expand
 * @category SaaS metrics
 */
export interface MrrMovement {
  /** The MRR it added (new, expansion, reactivation) or removed (contraction, churn), 0 or more. */
  amount: Decimal;
  /** Customers behind it. */
  customers: number;
  /** Their ids, in order of first appearance in the rows; only with `customerIds: true`. */
  customerIds?: (string | number)[];
}

/**
 * MRR and its movements over one period, with the rates derived from them.
 * Every customer who pays at the period's start or end is in exactly one of
 * the movements or in neither (unchanged), so that
 * endingMrr = startingMrr + new + expansion + reactivation - contraction - churn.
 *
 * @expand
 * @category SaaS metrics
 */
export interface MrrPeriod {
  /** First instant of the period (ISO 8601, UTC). */
  periodStart: string;
  /** First instant after the period (ISO 8601, UTC). */
  periodEnd: string;
  /** MRR at the period's start (the previous period's endingMrr). */
  startingMrr: Decimal;
  /** MRR at the period's end. */
  endingMrr: Decimal;
  /** Paying customers (MRR above 0) at the start. */
  customersAtStart: number;
  /** Paying customers at the end. */
  customersAtEnd: number;
  /** Customers paying for the first time at the end (none at the start, none at any earlier period's end). */
  new: MrrMovement;
  /** Customers paying more at the end than at the start (the increase). */
  expansion: MrrMovement;
  /** Customers paying less, but above 0, at the end (the decrease). */
  contraction: MrrMovement;
  /** Customers paying at the start and not at the end (their starting MRR). */
  churn: MrrMovement;
  /** Customers paying at the end, not at the start, who paid at an earlier period's end. */
  reactivation: MrrMovement;
  /** new + expansion + reactivation - contraction - churn = endingMrr - startingMrr. */
  netNewMrr: Decimal;
  /** Average revenue per account: endingMrr / customersAtEnd; null without paying customers. */
  arpa: Decimal | null;
  /** Customers who started paying after the period's start and stopped before its end: in no movement. */
  joinedAndLeftCustomers: number;
  /** Customer churn rate under the result's convention (see {@link MrrConvention}); null when its base is 0. */
  customerChurnRate: Decimal | null;
  /** (contraction + churn) / startingMrr; null when startingMrr is 0. */
  grossMrrChurnRate: Decimal | null;
  /** (contraction + churn - expansion) / startingMrr, below 0 when expansion outweighs the losses (ChartMogul also takes off reactivation); null when startingMrr is 0. */
  netMrrChurnRate: Decimal | null;
  /** NRR: (startingMrr + expansion - contraction - churn) / startingMrr; null when startingMrr is 0. */
  netRevenueRetention: Decimal | null;
  /** GRR: (startingMrr - contraction - churn) / startingMrr; null when startingMrr is 0. */
  grossRevenueRetention: Decimal | null;
  /** (new + expansion + reactivation) / (contraction + churn), without reactivation under 'baremetrics' and 'profitwell'; null when nothing was lost. */
  quickRatio: Decimal | null;
  /** ARPA x grossMargin / customerChurnRate; null when either is null or the churn rate is 0. */
  lifetimeValue: Decimal | null;
  /** ARPA x grossMargin / the mean customerChurnRate of the `trailingPeriods` periods before this one; null until there are that many, or when a rate is null or the mean is 0. */
  trailingLifetimeValue: Decimal | null;
}

/**
 * Whose definition of the churn rates to follow:
 *
 * - `'default'`: the source documents' churn, 1 - (E - N) / S = (S + N - E) / S,
 *   where N counts every customer who started paying in the period, so a
 *   customer who joined and left within it counts as lost;
 * - `'chartmogul'`: churned customers less those who joined and churned and
 *   those who churned and came back within the period, over S (ChartMogul,
 *   "Churn rate formulas", standard formula); net MRR churn also takes off
 *   reactivation ("Chart: Net MRR Churn Rate");
 * - `'baremetrics'`: customers who cancelled in the 30 days up to the
 *   period's end, those who signed up and cancelled within them included,
 *   over the customers paying 30 days before its end (Baremetrics, "User and
 *   Revenue Churn" and the "Churn Update" changelog); quick ratio without
 *   reactivation ("New Quick Ratio Metric");
 * - `'profitwell'`: customers who signed up and cancelled in the same
 *   calendar period are left out entirely (Paddle, "Are cancellations in the
 *   first month counted as churn?"), so churned customers over S; quick
 *   ratio without reactivation (ProfitWell, "SaaS Quick Ratio").
 *
 * @category SaaS metrics
 */
export type MrrConvention = 'default' | 'chartmogul' | 'baremetrics' | 'profitwell';

/**
 * Options of {@link mrrMovements}.
 *
 * @expand
 * @category SaaS metrics
 */
export interface MrrMovementsOptions {
  /** Any instant in the first period reported (UTC). Default: the period of the earliest start. */
  from?: Date | string | number;
  /** Number of periods, 1 to 10,000. Default: up to the period of the latest date in the rows. */
  periods?: number;
  /** Period length: 'day', 'week' (ISO, from Monday), 'month', 'quarter' or 'year'. Default 'month'. */
  period?: PeriodUnit;
  /** Also list the ids of the customers behind each movement. Default false. */
  customerIds?: boolean;
  /** Whose churn definitions the rates follow (see {@link MrrConvention}). Default 'default'. */
  convention?: MrrConvention;
  /** Gross margin as a fraction above 0 and at most 1, for the lifetime values. Default 1 (revenue, as the vendors show it). */
  grossMargin?: number | string | bigint | Decimal;
  /** Periods in the trailing average of trailingLifetimeValue, 1 to 120. Default 6 (ChartMogul's six months). */
  trailingPeriods?: number;
}

/**
 * Result of {@link mrrMovements}.
 *
 * @expand
 * @category SaaS metrics
 */
export interface MrrMovements {
  /** The period length. */
  period: PeriodUnit;
  /** The convention the rates follow. */
  convention: MrrConvention;
  /** One entry per period, in order. */
  periods: MrrPeriod[];
}

/** The sums a customer's MRR is compared in: numbers (whole units below 2^53) or Decimals. */
interface Arithmetic<T> {
  zero: T;
  plus(a: T, b: T): T;
  minus(a: T, b: T): T;
  positive(a: T): boolean;
  greater(a: T, b: T): boolean;
  value(a: T): Decimal;
}

const numbers: Arithmetic<number> = {
  zero: 0,
  plus: (a, b) => a + b,
  minus: (a, b) => a - b,
  positive: (a) => a > 0,
  greater: (a, b) => a > b,
  value: (a) => new Exact(a),
};

const decimals: Arithmetic<Decimal> = {
  zero: /* @__PURE__ */ new Exact(0),
  plus: (a, b) => a.plus(b),
  minus: (a, b) => a.minus(b),
  positive: (a) => a.gt(0),
  greater: (a, b) => a.gt(b),
  value: (a) => a,
};

/** The five movements, in the order of the totals below. */
const MOVES = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
const NEW = 0;
const EXPANSION = 1;
const CONTRACTION = 2;
const CHURN = 3;
const REACTIVATION = 4;

/**
 * Per-period totals, in units: MRR at each boundary j = 0..K, paying
 * customers at each, each movement's amount and count per period, and the
 * customers who joined and left within one.
 *
 * A customer's MRR is a step function of the boundary: each priced row adds
 * its monthly amount from the first boundary after its start to the last at
 * or before its end. So a customer is walked through its change points only
 * (two per row, sorted), not through every period: a movement can only happen
 * where the MRR changes, and the totals per boundary come from differences
 * summed once over all customers.
 */
function tally<T>(
  table: SubscriptionTable,
  monthly: ArrayLike<T>,
  ops: Arithmetic<T>,
  first: number,
  unit: PeriodUnit,
  K: number,
  withIds: boolean,
) {
  // Differences over all customers, summed at the end: MRR and paying customers per boundary.
  const levelDiff: T[] = new Array(K + 2).fill(ops.zero);
  const payingDiff = new Int32Array(K + 2);
  const amounts = MOVES.map(() => new Array<T>(K).fill(ops.zero));
  const counts = MOVES.map(() => new Int32Array(K));
  const ids = withIds ? MOVES.map(() => Array.from({ length: K }, () => [] as (string | number)[])) : undefined;
  const joinedAndLeft = new Int32Array(K);
  // One customer's change points, the first `points` of these: boundary index and the change in MRR there
  // (unsorted, then sorted by index); kept from customer to customer, never shrunk.
  const at: number[] = [];
  const by: T[] = [];
  let points = 0;
  // The periods in which one of the customer's rows both started and stopped (1-based, the boundary
  // that ends them), the first `starts`: where the customer may have joined and left.
  const joinedIn: number[] = [];
  let starts = 0;
  const { first: bounds, order } = customerRuns(table.owner, table.customers);
  for (let c = 0; c < table.customers; c++) {
    points = 0;
    starts = 0;
    // The first boundary (relative to the first reported) at which the customer paid, before the range or in it.
    let firstPaid = Number.POSITIVE_INFINITY;
    for (let k = bounds[c] as number; k < (bounds[c + 1] as number); k++) {
      const row = order === undefined ? k : (order[k] as number);
      const m = monthly[row] as T;
      if (!ops.positive(m)) continue;
      const start = table.starts[row] as number;
      const end = table.ends[row] as number;
      if (!(end > start)) continue;
      // The row is billed at boundary j (MRR at the last instant before it) when start < b_j <= end.
      const from = periodIndex(start, unit) + 1 - first;
      const to = end === Number.POSITIVE_INFINITY ? K : periodIndex(end, unit) - first;
      if (to < from) {
        // Started and stopped within period `from`: the customer may have joined and left in it.
        if (from >= 1 && from <= K) joinedIn[starts++] = from;
        continue;
      }
      if (from < firstPaid) firstPaid = from;
      const lo = Math.max(from, 0);
      const hi = Math.min(to, K);
      if (lo > hi) continue;
      at[points] = lo;
      by[points++] = m;
      at[points] = hi + 1;
      by[points++] = ops.minus(ops.zero, m);
      levelDiff[lo] = ops.plus(levelDiff[lo] as T, m);
      levelDiff[hi + 1] = ops.minus(levelDiff[hi + 1] as T, m);
    }
    if (points > 2) sortPoints(at, by, points);
    // Walk the change points: the MRR is `level` from the previous point up to the next.
    let level = ops.zero;
    let paid = false;
    let p = 0;
    while (p < points) {
      const j = at[p] as number;
      const s = level;
      while (p < points && at[p] === j) level = ops.plus(level, by[p++] as T);
      const e = level;
      const paidAtEnd = ops.positive(e);
      if (paidAtEnd !== paid) payingDiff[j] = (payingDiff[j] as number) + (paidAtEnd ? 1 : -1);
      // The movement of period j (boundary j - 1 to j); boundary 0 starts the range, K + 1 is past it.
      if (j >= 1 && j <= K) {
        let move = -1;
        let amount = ops.zero;
        if (!paid) {
          // Paid after this point: a row starts here, and the MRR of running rows is above 0.
          move = firstPaid < j ? REACTIVATION : NEW;
          amount = e;
        } else if (!paidAtEnd) {
          move = CHURN;
          amount = s;
        } else if (ops.greater(e, s)) {
          move = EXPANSION;
          amount = ops.minus(e, s);
        } else if (ops.greater(s, e)) {
          move = CONTRACTION;
          amount = ops.minus(s, e);
        }
        if (move >= 0) {
          const t = j - 1;
          const sums = amounts[move] as T[];
          sums[t] = ops.plus(sums[t] as T, amount);
          const count = counts[move] as Int32Array;
          count[t] = (count[t] as number) + 1;
          ids?.[move]?.[t]?.push(table.ids[c] as string | number);
        }
      }
      paid = paidAtEnd;
    }
    // Joined and left between two boundaries: unpaid at both ends of a period a priced row started and
    // stopped in (a row that runs past the period's end makes the customer paid there); once per customer
    // and period, however many rows.
    if (starts > 1) sortPoints(joinedIn, joinedIn, starts);
    for (let k = 0; k < starts; k++) {
      const j = joinedIn[k] as number;
      if (k > 0 && joinedIn[k - 1] === j) continue;
      if (!paidAt(at, by, points, ops, j - 1) && !paidAt(at, by, points, ops, j))
        joinedAndLeft[j - 1] = (joinedAndLeft[j - 1] as number) + 1;
    }
  }
  const level: Decimal[] = [];
  const paying = new Int32Array(K + 1);
  let running = ops.zero;
  let customers = 0;
  for (let j = 0; j <= K; j++) {
    running = ops.plus(running, levelDiff[j] as T);
    customers += payingDiff[j] as number;
    level.push(ops.value(running));
    paying[j] = customers;
  }
  return {
    joinedAndLeft,
    level,
    paying,
    amounts: amounts.map((list) => list.map((x) => ops.value(x))),
    counts,
    ids,
  };
}

/** Sorts the first n change points by boundary, `by` alongside (insertion sort: a customer has a few). */
function sortPoints<T>(at: number[], by: T[], n: number): void {
  for (let i = 1; i < n; i++) {
    const j = at[i] as number;
    const d = by[i] as T;
    let k = i - 1;
    while (k >= 0 && (at[k] as number) > j) {
      at[k + 1] = at[k] as number;
      by[k + 1] = by[k] as T;
      k--;
    }
    at[k + 1] = j;
    by[k + 1] = d;
  }
}

/** Whether the customer of these `n` sorted change points pays at boundary j. */
function paidAt<T>(at: readonly number[], by: readonly T[], n: number, ops: Arithmetic<T>, j: number): boolean {
  let level = ops.zero;
  for (let p = 0; p < n && (at[p] as number) <= j; p++) level = ops.plus(level, by[p] as T);
  return ops.positive(level);
}

/** x / y rounded to a result, or null when y is 0. */
function ratio(x: Decimal, y: Decimal): Decimal | null {
  return y.isZero() ? null : toResult(x.div(y));
}

/**
 * MRR and its movements per calendar period from subscription rows with
 * prices: new, expansion, contraction, churn and reactivation, each as an
 * amount and a customer count, with ARPA, customer and MRR churn rates, NRR,
 * GRR and the quick ratio of each period.
 *
 * @remarks
 * A row bills `amount - discount` every `intervalCount` intervals; its MRR
 * is that divided by the interval's months (an annual plan of 1,200 is 100 a
 * month), kept as an exact fraction. A customer's MRR at an instant is the
 * sum over the rows running then (from `startedAt`, up to, not including,
 * `endedAt`). A period's MRR is its MRR at its last instant, which is also
 * the next period's starting MRR: a row that starts exactly at a boundary is
 * billed from the period it starts, and one that ends exactly at a boundary
 * (billed through the last day) is churned in the period after it; a plan
 * change at a boundary (one row ends where the next starts) is no churn.
 *
 * Each customer's MRR at the period's start, s, and end, e, gives one
 * movement: s = 0 < e is new, or a reactivation if the customer paid at the
 * end of an earlier period (also before `from`); e = 0 < s is churn (of s);
 * 0 < s < e expansion (e - s); 0 < e < s contraction (s - e). A customer who
 * starts and cancels within a period is never paying at a boundary and is in
 * no movement (counted in `joinedAndLeftCustomers`); neither is a plan change
 * within a period that ends at the same price. So the movements add up
 * exactly:
 *
 * ```math
 * \begin{aligned}
 * \text{MRR}_{\text{end}} = \text{MRR}_{\text{start}}
 *   &+ \text{new} + \text{expansion} + \text{reactivation} \\
 *   &- \text{contraction} - \text{churn}
 * \end{aligned}
 * ```
 *
 * The rates of each period, with S and E the paying customers at its start
 * and end (customer churn and the variants of net MRR churn and the quick
 * ratio by {@link MrrConvention}):
 *
 * ```math
 * \begin{aligned}
 * \text{ARPA} &= \frac{\text{MRR}_{\text{end}}}{E} \\
 * \text{gross MRR churn} &= \frac{\text{contraction} + \text{churn}}{\text{MRR}_{\text{start}}} \\
 * \text{net MRR churn} &= \frac{\text{contraction} + \text{churn} - \text{expansion}}{\text{MRR}_{\text{start}}} \\
 * \text{NRR} &= \frac{\text{MRR}_{\text{start}} + \text{expansion} - \text{contraction} - \text{churn}}{\text{MRR}_{\text{start}}} \\
 * \text{GRR} &= 1 - \text{gross MRR churn} \\
 * \text{quick ratio} &= \frac{\text{new} + \text{expansion} + \text{reactivation}}{\text{contraction} + \text{churn}}
 * \end{aligned}
 * ```
 *
 * NRR leaves new and reactivated revenue out under every convention (as
 * ChartMogul's NRR chart does), so under 'chartmogul', whose net MRR churn
 * takes reactivation off, NRR is not 1 - net MRR churn. The lifetime values
 * are ARPA x gross margin over the period's customer churn, and over the
 * mean churn of the `trailingPeriods` periods before it (ChartMogul's LTV with
 * a margin of 1 and six periods).
 *
 * Every figure is an exact Decimal, rounded once to 34 significant digits; a
 * monthly amount that is not a terminating decimal (1,000 a year is 83.33...
 * a month) is carried exactly and rounded only in the result, so the rounded
 * figures then add up to within a unit of their 34th digit.
 *
 * Cost: O(rows + customers x periods they paid in), one number addition per
 * step when every amount has at most nine decimal places (Decimals otherwise).
 *
 * @param subscriptions - rows `{ customerId, startedAt, endedAt?, amount, interval?, intervalCount?, discount? }`.
 * @param options - the periods to report and whether to list ids.
 * @returns one entry per period.
 * @throws {@link MetricInputError} naming the row and cell for a missing id, an
 *   unreadable date or amount, an end before a start, a discount above its
 *   amount; or for bad options.
 *
 * @example
 * ```ts
 * import { mrrMovements } from 'retention-metrics';
 *
 * const { periods } = mrrMovements(
 *   [
 *     { customerId: 'a', startedAt: '2026-01-10', endedAt: '2026-02-15', amount: 50 },
 *     { customerId: 'a', startedAt: '2026-02-15', amount: 80 },
 *     { customerId: 'b', startedAt: '2026-01-20', endedAt: '2026-02-05', amount: 1200, interval: 'year' },
 *     { customerId: 'c', startedAt: '2026-02-03', amount: 30 },
 *   ],
 *   { from: '2026-01-01', periods: 2 },
 * );
 * periods.map((p) => p.endingMrr.toString());
 * //=> ['150', '110']
 * const feb = periods[1];
 * [feb.new.amount, feb.expansion.amount, feb.churn.amount].map(String);
 * //=> ['30', '30', '100']
 * feb.customerChurnRate?.toString();
 * //=> '0.5'
 * ```
 *
 * @category SaaS metrics
 */
export function mrrMovements(subscriptions: readonly Subscription[], options: MrrMovementsOptions = {}): MrrMovements {
  const fn = 'mrrMovements';
  const v = parseInput(fn, mrrMovementsInput, optionsWith(fn, options, { subscriptions }));
  const { table, unit, convention } = v;
  if (table.rows === 0 && v.from === undefined) return { period: unit, convention, periods: [] };
  const first = periodIndex(v.from ?? table.earliest, unit);
  let K = v.periods;
  if (K === undefined) {
    K = Math.max(periodIndex(table.latest, unit), first) - first + 1;
    if (K > 10_000)
      fail(fn, 'subscriptions', `span ${K} ${unit}s, more than 10,000: give from and periods, or a longer period`);
  }
  const t = table.monthly
    ? tally(table, table.monthly, numbers, first, unit, K, v.customerIds)
    : tally(table, table.exact as Decimal[], decimals, first, unit, K, v.customerIds);
  const rolling = convention === 'baremetrics' ? rollingChurn(table, first, unit, K) : undefined;
  const withReactivation = convention === 'default' || convention === 'chartmogul';
  const periods: MrrPeriod[] = [];
  const churnRates: (Decimal | null)[] = [];
  for (let p = 0; p < K; p++) {
    const start = t.level[p] as Decimal;
    const end = t.level[p + 1] as Decimal;
    const atStart = t.paying[p] as number;
    const atEnd = t.paying[p + 1] as number;
    const move = (k: number): MrrMovement => {
      const m: MrrMovement = {
        amount: toResult(((t.amounts[k] as Decimal[])[p] as Decimal).div(table.divisor)),
        customers: (t.counts[k] as Int32Array)[p] as number,
      };
      if (t.ids) m.customerIds = (t.ids[k] as (string | number)[][])[p] as (string | number)[];
      return m;
    };
    const [gained, expansion, contraction, churn, regained] = t.amounts.map((list) => list[p]) as [
      Decimal,
      Decimal,
      Decimal,
      Decimal,
      Decimal,
    ];
    const lost = contraction.plus(churn);
    const churned = (t.counts[CHURN] as Int32Array)[p] as number;
    const joinedAndLeft = t.joinedAndLeft[p] as number;
    // Customer churn: [numerator, base] under the convention.
    const [lostCustomers, base] =
      rolling !== undefined
        ? [rolling.cancelled[p] as number, rolling.base[p] as number]
        : [convention === 'default' ? churned + joinedAndLeft : churned, atStart];
    const customerChurnRate = base === 0 ? null : toResult(new Exact(lostCustomers).div(base));
    const arpa = ratio(end, table.divisor.times(atEnd));
    const offset = convention === 'chartmogul' ? expansion.plus(regained) : expansion;
    const gains = withReactivation ? gained.plus(expansion).plus(regained) : gained.plus(expansion);
    periods.push({
      periodStart: formatInstant(indexStart(first + p, unit)),
      periodEnd: formatInstant(indexStart(first + p + 1, unit)),
      startingMrr: toResult(start.div(table.divisor)),
      endingMrr: toResult(end.div(table.divisor)),
      customersAtStart: atStart,
      customersAtEnd: atEnd,
      new: move(NEW),
      expansion: move(EXPANSION),
      contraction: move(CONTRACTION),
      churn: move(CHURN),
      reactivation: move(REACTIVATION),
      netNewMrr: toResult(end.minus(start).div(table.divisor)),
      joinedAndLeftCustomers: joinedAndLeft,
      arpa,
      customerChurnRate,
      grossMrrChurnRate: ratio(lost, start),
      netMrrChurnRate: ratio(lost.minus(offset), start),
      netRevenueRetention: ratio(start.plus(expansion).minus(lost), start),
      grossRevenueRetention: ratio(start.minus(lost), start),
      quickRatio: ratio(gains, lost),
      lifetimeValue: lifetimeValue(arpa, v.grossMargin, [customerChurnRate]),
      trailingLifetimeValue:
        p < v.trailingPeriods ? null : lifetimeValue(arpa, v.grossMargin, churnRates.slice(p - v.trailingPeriods, p)),
    });
    churnRates.push(customerChurnRate);
  }
  return { period: unit, convention, periods };
}

/** ARPA x margin / the mean of `rates`; null when ARPA or a rate is null, or the mean is 0. */
function lifetimeValue(arpa: Decimal | null, margin: Decimal, rates: readonly (Decimal | null)[]): Decimal | null {
  if (arpa === null || rates.some((r) => r === null)) return null;
  const sum = (rates as Decimal[]).reduce((total, r) => total.plus(r), new Exact(0));
  return sum.isZero() ? null : toResult(new Exact(arpa).times(margin).times(rates.length).div(sum));
}

const WINDOW_MS = 30 * 86_400_000;

/**
 * Baremetrics' rolling customer churn at each period's end t: customers
 * paying 30 days before t (the base), and those who stopped paying within
 * the 30 days and do not pay at t, sign-ups within them included.
 * A customer pays at instant x when a row with a price runs at the last
 * moment before x (start < x <= end), as at the period boundaries.
 */
function rollingChurn(table: SubscriptionTable, first: number, unit: PeriodUnit, K: number) {
  const base = new Int32Array(K);
  const cancelled = new Int32Array(K);
  const { first: bounds, order } = customerRuns(table.owner, table.customers);
  const priced = (row: number) =>
    table.monthly ? (table.monthly[row] as number) > 0 : ((table.exact as Decimal[])[row] as Decimal).gt(0);
  for (let c = 0; c < table.customers; c++) {
    const rows: number[] = [];
    for (let k = bounds[c] as number; k < (bounds[c + 1] as number); k++) {
      const row = order === undefined ? k : (order[k] as number);
      if (priced(row) && (table.ends[row] as number) > (table.starts[row] as number)) rows.push(row);
    }
    if (rows.length === 0) continue;
    const paysAt = (x: number) =>
      rows.some((row) => (table.starts[row] as number) < x && x <= (table.ends[row] as number));
    for (let p = 0; p < K; p++) {
      const end = indexStart(first + p + 1, unit);
      const windowStart = end - WINDOW_MS;
      if (paysAt(windowStart)) base[p] = (base[p] as number) + 1;
      if (paysAt(end)) continue;
      // A row billed through `stop` is paid at instants up to it: its stop falls in the window when
      // windowStart <= stop < end (one ending exactly at end is still paid at end, and skipped above).
      const stopped = rows.some((row) => {
        const stop = table.ends[row] as number;
        return stop >= windowStart && stop < end;
      });
      if (stopped) cancelled[p] = (cancelled[p] as number) + 1;
    }
  }
  return { base, cancelled };
}

const CONVENTIONS: readonly MrrConvention[] = ['default', 'chartmogul', 'baremetrics', 'profitwell'];

const mrrMovementsInput = /* @__PURE__ */ readerSchema((input) => {
  const fn = 'mrrMovements';
  refuseUnknownKeys(fn, input, [
    'subscriptions',
    'from',
    'periods',
    'period',
    'customerIds',
    'convention',
    'grossMargin',
    'trailingPeriods',
  ]);
  let from: number | undefined;
  if (input.from !== undefined) {
    const read = readInstant(input.from);
    if (typeof read === 'string') fail(fn, 'from', read);
    from = read;
  }
  let periods: number | undefined;
  if (input.periods !== undefined) {
    const read = readWholeNumber(input.periods, 1, 10_000, 'must be a whole number from 1 to 10,000');
    if (typeof read === 'string') fail(fn, 'periods', read);
    periods = read;
  }
  const unit = (input.period ?? 'month') as PeriodUnit;
  if (!PERIOD_UNITS.includes(unit))
    fail(fn, 'period', `must be one of ${PERIOD_UNITS.join(', ')}, got ${describeValue(unit)}`);
  const customerIds = input.customerIds ?? false;
  if (typeof customerIds !== 'boolean')
    fail(fn, 'customerIds', `must be true or false, got ${describeValue(customerIds)}`);
  const table = readSubscriptions(fn, input.subscriptions, customerIds);
  const convention = (input.convention ?? 'default') as MrrConvention;
  if (!CONVENTIONS.includes(convention))
    fail(fn, 'convention', `must be one of ${CONVENTIONS.join(', ')}, got ${describeValue(convention)}`);
  let grossMargin = new Exact(1);
  if (input.grossMargin !== undefined) {
    const read = readDecimal(input.grossMargin);
    if (typeof read === 'string') fail(fn, 'grossMargin', read);
    if (!(read.gt(0) && read.lte(1)))
      fail(
        fn,
        'grossMargin',
        `must be a fraction above 0 and at most 1 (0.8 for 80 %), got ${describeValue(input.grossMargin)}`,
      );
    grossMargin = read;
  }
  const trailingPeriods =
    input.trailingPeriods === undefined
      ? 6
      : readWholeNumber(input.trailingPeriods, 1, 120, 'must be a whole number from 1 to 120');
  if (typeof trailingPeriods === 'string') fail(fn, 'trailingPeriods', trailingPeriods);
  return { table, from, periods, unit, customerIds, convention, grossMargin, trailingPeriods };
});

/**
 * The zod schema {@link mrrMovements} validates its arguments with, as `{ subscriptions, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const mrrMovementsSchema: MetricSchema = mrrMovementsInput;
