import { type Decimal, Exact, type Numeric, toResult } from '../internal/decimal';
import { all, fraction, nonNegative, positiveCount, wholeCount } from '../internal/rules';
import { decimalField, type MetricSchema, objectSchema, optionalDecimalField, parseInput } from '../internal/schema';

/**
 * Input of {@link projectCustomerBase}.
 *
 * @expand
 * @category Projection
 */
export interface ProjectCustomerBaseOptions {
  /** Customers acquired at the start of every period, a whole number. */
  newCustomersPerPeriod: Numeric;
  /** Share of a period's customers still active in the next period, in [0, 1]. */
  retentionRate: Numeric;
  /** Number of periods to project, a whole number from 1 to 100,000. */
  periods: Numeric;
  /** Customers already active at the start of period 1 (before its new customers). Default 0. */
  initialCustomers?: Numeric;
  /** Margin of one active customer per period. Default 0. */
  margin?: Numeric;
  /** Cost of acquiring one customer, at least 0. Default 0. */
  acquisitionCost?: Numeric;
}

/**
 * One period of a {@link projectCustomerBase} projection. Counts are expected values, so they may be fractional.
 *
 * @expand
 * @category Projection
 */
export interface CustomerBaseRow {
  /** Period number, from 1. */
  period: number;
  /** Customers carried over from the previous period (initialCustomers in period 1). */
  customersAtStart: Decimal;
  /** Customers acquired at the start of the period. */
  newCustomers: Decimal;
  /** Customers active during the period: customersAtStart + newCustomers. */
  customers: Decimal;
  /** Customers who leave at the end of the period: customers x (1 - retentionRate). */
  lostCustomers: Decimal;
  /** Customers carried into the next period: customers - lostCustomers. */
  customersAtEnd: Decimal;
  /** Margin earned in the period: customers x margin. */
  margin: Decimal;
  /** Spent on acquisition in the period: newCustomers x acquisitionCost. */
  acquisitionSpend: Decimal;
  /** margin - acquisitionSpend. */
  profit: Decimal;
  /** Profit of this and all earlier periods. */
  cumulativeProfit: Decimal;
}

const MAX_PERIODS = 100_000;

const schema = /* @__PURE__ */ buildProjectCustomerBaseSchema();

/**
 * The zod schema {@link projectCustomerBase} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const projectCustomerBaseSchema: MetricSchema = schema;

function buildProjectCustomerBaseSchema() {
  return objectSchema({
    newCustomersPerPeriod: decimalField(wholeCount),
    retentionRate: decimalField(fraction),
    periods: decimalField(
      all(positiveCount(), (v) => (v.gt(MAX_PERIODS) ? `must be at most ${MAX_PERIODS}, got ${v}` : undefined)),
    ),
    initialCustomers: optionalDecimalField(wholeCount),
    margin: optionalDecimalField(),
    acquisitionCost: optionalDecimalField(nonNegative),
  });
}

/**
 * Projects a customer base period by period from steady acquisition and a
 * constant retention rate, with margin, acquisition spend and profit: the way
 * to compare "40 new customers a year who leave the next year" with "20 who
 * stay for decades".
 *
 * @remarks
 * Timing matches customerLifetimeValue with timing `'start'`: new customers
 * join at the start of a period and pay its margin; at its end a share
 * 1 - r of the period's customers leaves. So customers_t is as below,
 * tending to the limit on the right when r < 1.
 *
 * ```math
 * \text{customers}_t = r\, \text{customers}_{t-1} + N, \qquad \text{tending to } \frac{N}{1 - r}
 * ```
 *
 * Counts are expected values and may be fractional; they are exact Decimals.
 *
 * Cost: O(periods).
 *
 * @param options - acquisition per period, retention, horizon, and optional economics.
 * @returns one row per period.
 * @throws {@link MetricInputError} when a count is not whole, the rate is outside
 *   [0, 1], or `periods` is not between 1 and 100,000.
 * @see Claim [C08](../../docs/sources.md#c08), from a Persian web article on winning new customers or keeping the ones you have.
 *
 * @example
 * ```ts
 * import { projectCustomerBase } from 'retention-metrics';
 *
 * const churners = projectCustomerBase({ newCustomersPerPeriod: 40, retentionRate: 0, periods: 10, margin: 100, acquisitionCost: 150 });
 * const stayers = projectCustomerBase({ newCustomersPerPeriod: 20, retentionRate: 0.95, periods: 10, margin: 100, acquisitionCost: 150 });
 * churners[9]?.cumulativeProfit.toString();
 * //=> '-20000'
 * stayers[9]?.customers.toFixed(1);
 * //=> '160.5'
 * ```
 *
 * @category Projection
 */
export function projectCustomerBase(options: ProjectCustomerBaseOptions): CustomerBaseRow[] {
  const v = parseInput('projectCustomerBase', schema, options);
  const zero = new Exact(0);
  const margin = v.margin ?? zero;
  const spend = v.newCustomersPerPeriod.times(v.acquisitionCost ?? zero);
  const leaving = v.retentionRate.negated().plus(1);
  const rows: CustomerBaseRow[] = [];
  let carried = v.initialCustomers ?? zero;
  let cumulative = zero;
  const periods = v.periods.toNumber();
  for (let period = 1; period <= periods; period++) {
    const customers = carried.plus(v.newCustomersPerPeriod);
    const lost = customers.times(leaving);
    const earned = customers.times(margin);
    const profit = earned.minus(spend);
    cumulative = cumulative.plus(profit);
    rows.push({
      period,
      customersAtStart: toResult(carried),
      newCustomers: toResult(v.newCustomersPerPeriod),
      customers: toResult(customers),
      lostCustomers: toResult(lost),
      customersAtEnd: toResult(customers.minus(lost)),
      margin: toResult(earned),
      acquisitionSpend: toResult(spend),
      profit: toResult(profit),
      cumulativeProfit: toResult(cumulative),
    });
    carried = customers.minus(lost);
  }
  return rows;
}
