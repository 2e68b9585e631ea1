/**
 * projectCustomerBase: a customer base period by period, from steady
 * acquisition and a constant retention rate, with margin, acquisition spend
 * and profit.
 *
 * Expected values come from hand calculations in comments, from the closed
 * form customers_t = I r^(t-1) + N (1 - r^t) / (1 - r) (I initial customers,
 * N new per period), and from an independent loop for the money, with a
 * decimal.js clone at 60 digits.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  type CustomerBaseRow,
  Decimal,
  MetricInputError,
  type ProjectCustomerBaseOptions,
  projectCustomerBase,
} from '../../src';

const D = DecimalJs.clone({ precision: 60 });

/** Rounds an exact expectation the way the library rounds a result: 34 digits, half even. */
const rounded = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

const shown = (value: Decimal): string => new D(value).toString();

interface Plan {
  newCustomersPerPeriod: number;
  retentionRate: number | string;
  periods: number;
  initialCustomers?: number;
  margin?: number | string;
  acquisitionCost?: number | string;
}

/** Customers active in period t (from 1), by the closed form. */
function customersInPeriod(plan: Plan, t: number): DecimalJs {
  const r = new D(plan.retentionRate);
  const n = new D(plan.newCustomersPerPeriod);
  const initial = new D(plan.initialCustomers ?? 0);
  if (r.eq(1)) return initial.plus(n.times(t));
  return initial.times(r.pow(t - 1)).plus(n.times(new D(1).minus(r.pow(t))).div(new D(1).minus(r)));
}

/** Every row, as strings, from the closed form for customers and a plain loop for the money. */
function expectedRows(plan: Plan) {
  const r = new D(plan.retentionRate);
  const n = new D(plan.newCustomersPerPeriod);
  const margin = new D(plan.margin ?? 0);
  const spend = n.times(plan.acquisitionCost ?? 0);
  const rows = [];
  let cumulative = new D(0);
  for (let t = 1; t <= plan.periods; t++) {
    const customers = customersInPeriod(plan, t);
    const lost = customers.times(new D(1).minus(r));
    const earned = customers.times(margin);
    const profit = earned.minus(spend);
    cumulative = cumulative.plus(profit);
    rows.push({
      period: t,
      customersAtStart: rounded(customers.minus(n)),
      newCustomers: rounded(n),
      customers: rounded(customers),
      lostCustomers: rounded(lost),
      customersAtEnd: rounded(customers.minus(lost)),
      margin: rounded(earned),
      acquisitionSpend: rounded(spend),
      profit: rounded(profit),
      cumulativeProfit: rounded(cumulative),
    });
  }
  return rows;
}

function plain(row: CustomerBaseRow) {
  return {
    period: row.period,
    customersAtStart: shown(row.customersAtStart),
    newCustomers: shown(row.newCustomers),
    customers: shown(row.customers),
    lostCustomers: shown(row.lostCustomers),
    customersAtEnd: shown(row.customersAtEnd),
    margin: shown(row.margin),
    acquisitionSpend: shown(row.acquisitionSpend),
    profit: shown(row.profit),
    cumulativeProfit: shown(row.cumulativeProfit),
  };
}

/** Runs `run`, expecting a MetricInputError, and returns it. */
function inputError(run: () => unknown): MetricInputError {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(MetricInputError);
    expect(MetricInputError.is(error)).toBe(true);
    return error as MetricInputError;
  }
  throw new Error(`expected a MetricInputError, but the call returned ${String(result)}`);
}

const loose = projectCustomerBase as (options: unknown) => CustomerBaseRow[];

describe('projectCustomerBase', () => {
  describe('known values', () => {
    it('returns one row per period, numbered from 1', () => {
      for (const periods of [1, 7, 100]) {
        const rows = projectCustomerBase({ newCustomersPerPeriod: 5, retentionRate: 0.8, periods });
        expect(rows).toHaveLength(periods);
        expect(rows.map((row) => row.period)).toEqual(Array.from({ length: periods }, (_, i) => i + 1));
      }
    });

    it('works out three short periods by hand', () => {
      // 4 initial, 10 new a period, retention 0.5, margin 2, acquisition cost 3 (spend 30 a period).
      // Period 1: 4 + 10 = 14 active, 7 lost, margin 28, profit -2.
      // Period 2: 7 + 10 = 17 active, 8.5 lost, margin 34, profit 4, cumulative 2.
      // Period 3: 8.5 + 10 = 18.5 active, 9.25 lost, margin 37, profit 7, cumulative 9.
      const rows = projectCustomerBase({
        newCustomersPerPeriod: 10,
        retentionRate: 0.5,
        periods: 3,
        initialCustomers: 4,
        margin: 2,
        acquisitionCost: 3,
      });
      expect(rows.map((row) => row.customers.toString())).toEqual(['14', '17', '18.5']);
      expect(rows.map((row) => row.lostCustomers.toString())).toEqual(['7', '8.5', '9.25']);
      expect(rows.map((row) => row.margin.toString())).toEqual(['28', '34', '37']);
      expect(rows.map((row) => row.acquisitionSpend.toString())).toEqual(['30', '30', '30']);
      expect(rows.map((row) => row.profit.toString())).toEqual(['-2', '4', '7']);
      expect(rows.map((row) => row.cumulativeProfit.toString())).toEqual(['-2', '2', '9']);
      expect(rows[0]?.customersAtStart.toString()).toBe('4');
      expect(rows[0]?.newCustomers.toString()).toBe('10');
    });

    it('matches the closed form for customers and an independent loop for margin, spend and profit', () => {
      const plan: Plan = {
        newCustomersPerPeriod: 20,
        retentionRate: 0.9,
        periods: 60,
        initialCustomers: 7,
        margin: 12.5,
        acquisitionCost: 40,
      };
      expect(projectCustomerBase(plan).map(plain)).toEqual(expectedRows(plan));
      const other: Plan = { newCustomersPerPeriod: 3, retentionRate: '0.3333', periods: 25, margin: '-1.75' };
      expect(projectCustomerBase(other).map(plain)).toEqual(expectedRows(other));
    });

    it('compares 40 customers who leave after a year with 20 who stay, as in claim C08', () => {
      const churners = projectCustomerBase({
        newCustomersPerPeriod: 40,
        retentionRate: 0,
        periods: 10,
        margin: 100,
        acquisitionCost: 150,
      });
      // Every year 40 customers: margin 4000, spend 6000, profit -2000; ten years -20000.
      expect(churners.every((row) => row.customers.toString() === '40')).toBe(true);
      expect(churners[9]?.cumulativeProfit.toString()).toBe('-20000');
      const stayers = projectCustomerBase({
        newCustomersPerPeriod: 20,
        retentionRate: 0.95,
        periods: 10,
        margin: 100,
        acquisitionCost: 150,
      });
      // Year 10: 20 (1 - 0.95^10) / 0.05 = 400 (1 - 0.95^10) = 160.505...
      expect(shown(stayers[9]?.customers ?? new Decimal(0))).toBe(
        rounded(new D(400).times(new D(1).minus(new D('0.95').pow(10)))),
      );
      expect(stayers[9]?.customers.toFixed(1)).toBe('160.5');
    });

    it('tends to the steady state N / (1 - r)', () => {
      const rows = projectCustomerBase({ newCustomersPerPeriod: 10, retentionRate: 0.5, periods: 200 });
      // 20 - 20 x 0.5^200 rounds to 20 at 34 digits.
      expect(rows[199]?.customers.toString()).toBe('20');
      expect(rows[199]?.lostCustomers.toString()).toBe('10');
      const slow = projectCustomerBase({ newCustomersPerPeriod: 20, retentionRate: 0.95, periods: 3000 });
      // 400 (1 - 0.95^3000), and 0.95^3000 is about 1e-67.
      expect(slow[2999]?.customers.toString()).toBe('400');
      // Starting at the steady state, the base stays there.
      const steady = projectCustomerBase({
        newCustomersPerPeriod: 20,
        retentionRate: 0.95,
        periods: 5,
        initialCustomers: 380,
      });
      expect(steady.map((row) => row.customers.toString())).toEqual(['400', '400', '400', '400', '400']);
    });

    it('starts period 1 with the initial customers and lets them decay without acquisition', () => {
      const rows = projectCustomerBase({
        newCustomersPerPeriod: 0,
        retentionRate: 0.9,
        periods: 4,
        initialCustomers: 1000,
      });
      // 1000, 900, 810, 729.
      expect(rows.map((row) => row.customers.toString())).toEqual(['1000', '900', '810', '729']);
      expect(rows[0]?.customersAtStart.toString()).toBe('1000');
      expect(rows[3]?.customersAtEnd.toString()).toBe('656.1');
    });

    it('keeps only each period’s new customers at retention 0', () => {
      const rows = projectCustomerBase({ newCustomersPerPeriod: 8, retentionRate: 0, periods: 3, initialCustomers: 5 });
      expect(rows.map((row) => row.customers.toString())).toEqual(['13', '8', '8']);
      expect(rows.map((row) => row.lostCustomers.toString())).toEqual(['13', '8', '8']);
      expect(rows.every((row) => row.customersAtEnd.isZero())).toBe(true);
    });

    it('loses nobody at retention 1', () => {
      const rows = projectCustomerBase({ newCustomersPerPeriod: 8, retentionRate: 1, periods: 4, initialCustomers: 5 });
      // I + N t: 13, 21, 29, 37.
      expect(rows.map((row) => row.customers.toString())).toEqual(['13', '21', '29', '37']);
      expect(rows.every((row) => row.lostCustomers.isZero())).toBe(true);
    });

    it('defaults margin and acquisition cost to 0', () => {
      const rows = projectCustomerBase({ newCustomersPerPeriod: 8, retentionRate: 0.7, periods: 3 });
      for (const row of rows) {
        expect(row.margin.toString()).toBe('0');
        expect(row.acquisitionSpend.toString()).toBe('0');
        expect(row.profit.toString()).toBe('0');
        expect(row.cumulativeProfit.toString()).toBe('0');
      }
    });

    it('accepts a negative margin, which makes every period a loss', () => {
      const rows = projectCustomerBase({ newCustomersPerPeriod: 2, retentionRate: 0.5, periods: 2, margin: -5 });
      // Customers 2 and 3: margins -10 and -15, cumulative -25.
      expect(rows.map((row) => row.profit.toString())).toEqual(['-10', '-15']);
      expect(rows[1]?.cumulativeProfit.toString()).toBe('-25');
    });

    it('keeps every row consistent with the one before', () => {
      const rows = projectCustomerBase({
        newCustomersPerPeriod: 13,
        retentionRate: '0.87',
        periods: 50,
        initialCustomers: 40,
        margin: '9.99',
        acquisitionCost: '35.5',
      });
      // Each figure is rounded once to 34 significant digits, so sums of rounded figures may differ
      // from the rounded sum in the last digit: compare to 32 significant digits.
      const close = (actual: DecimalJs, wanted: DecimalJs): boolean =>
        actual.minus(wanted).abs().lte(D.max(wanted.abs(), 1).times('1e-32'));
      let cumulative = new D(0);
      let previousEnd = new D(40);
      for (const row of rows) {
        expect(close(new D(row.customers), new D(row.customersAtStart).plus(row.newCustomers))).toBe(true);
        expect(close(new D(row.customersAtEnd), new D(row.customers).minus(row.lostCustomers))).toBe(true);
        expect(new D(row.customersAtStart).eq(previousEnd)).toBe(true);
        expect(close(new D(row.profit), new D(row.margin).minus(row.acquisitionSpend))).toBe(true);
        cumulative = cumulative.plus(row.profit);
        expect(close(new D(row.cumulativeProfit), cumulative)).toBe(true);
        previousEnd = new D(row.customersAtEnd);
      }
    });

    it('accepts the inputs as strings, bigints and Decimals', () => {
      const fromNumbers = projectCustomerBase({
        newCustomersPerPeriod: 10,
        retentionRate: 0.5,
        periods: 3,
        initialCustomers: 4,
        margin: 2,
        acquisitionCost: 3,
      });
      const fromOthers = projectCustomerBase({
        newCustomersPerPeriod: 10n,
        retentionRate: '0.5',
        periods: new Decimal(3),
        initialCustomers: new D(4),
        margin: '2.00',
        acquisitionCost: 3n,
      });
      expect(fromOthers.map(plain)).toEqual(fromNumbers.map(plain));
      expect(fromNumbers[0]?.customers).toBeInstanceOf(Decimal);
    });

    it('projects the longest allowed horizon, 100,000 periods', () => {
      const rows = projectCustomerBase({ newCustomersPerPeriod: 1, retentionRate: 0.5, periods: 100_000 });
      expect(rows).toHaveLength(100_000);
      expect(rows[99_999]?.period).toBe(100_000);
      expect(rows[99_999]?.customers.toString()).toBe('2');
    });
  });

  describe('bad input', () => {
    it('refuses more than 100,000 periods', () => {
      for (const periods of [100_001, 1e9, '1e6']) {
        const error = inputError(() => loose({ newCustomersPerPeriod: 1, retentionRate: 0.5, periods }));
        expect(error.message).toMatch(/^projectCustomerBase: periods must be at most 100000, got /);
      }
    });

    const valid: ProjectCustomerBaseOptions = {
      newCustomersPerPeriod: 10,
      retentionRate: 0.8,
      periods: 12,
      initialCustomers: 5,
      margin: 20,
      acquisitionCost: 30,
    };
    const required = ['newCustomersPerPeriod', 'retentionRate', 'periods'] as const;
    const numericFields = [...required, 'initialCustomers', 'margin', 'acquisitionCost'] as const;
    const junk: Array<[unknown, RegExp]> = [
      [Number.NaN, /must be a number, got NaN$/],
      [Number.POSITIVE_INFINITY, /must be finite/],
      [Number.NEGATIVE_INFINITY, /must be finite/],
      ['', /must be a plain decimal number/],
      ['1,000', /must be a plain decimal number.*"1,000"$/],
      [null, /got null$/],
      [true, /got true$/],
      [false, /got false$/],
      [{}, /got an object$/],
      [[10], /got an array$/],
    ];

    for (const field of required) {
      it(`says ${field} is required when it is missing`, () => {
        const options: Record<string, unknown> = { ...valid };
        delete options[field];
        expect(inputError(() => loose(options)).message).toBe(`projectCustomerBase: ${field} is required`);
      });
    }

    for (const field of numericFields) {
      it(`refuses NaN, infinities, malformed strings, null, booleans, objects and arrays as ${field}`, () => {
        for (const [value, rule] of junk) {
          const error = inputError(() => loose({ ...valid, [field]: value }));
          expect(error.message).toMatch(new RegExp(`^projectCustomerBase: ${field} `));
          expect(error.message).toMatch(rule);
          expect(error.field).toBe(field);
        }
      });
    }

    const outOfRange: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'a fractional number of new customers',
        { newCustomersPerPeriod: 1.5 },
        /^projectCustomerBase: newCustomersPerPeriod must be a whole number, got 1.5$/,
      ],
      [
        'a negative number of new customers',
        { newCustomersPerPeriod: -1 },
        /^projectCustomerBase: newCustomersPerPeriod must not be negative, got -1$/,
      ],
      [
        'a negative retention rate',
        { retentionRate: -0.1 },
        /^projectCustomerBase: retentionRate must be between 0 and 1, got -0.1$/,
      ],
      [
        'a retention rate above 1',
        { retentionRate: 1.1 },
        /^projectCustomerBase: retentionRate must be between 0 and 1/,
      ],
      ['a retention rate in percent', { retentionRate: 95 }, /^projectCustomerBase: retentionRate .*a fraction/],
      ['zero periods', { periods: 0 }, /^projectCustomerBase: periods must be greater than 0, got 0$/],
      ['a negative number of periods', { periods: -1 }, /^projectCustomerBase: periods must not be negative, got -1$/],
      [
        'a fractional number of periods',
        { periods: 2.5 },
        /^projectCustomerBase: periods must be a whole number, got 2.5$/,
      ],
      [
        'a negative number of initial customers',
        { initialCustomers: -5 },
        /^projectCustomerBase: initialCustomers must not be negative, got -5$/,
      ],
      [
        'a fractional number of initial customers',
        { initialCustomers: 0.5 },
        /^projectCustomerBase: initialCustomers must be a whole number, got 0.5$/,
      ],
      [
        'a negative acquisition cost',
        { acquisitionCost: -1 },
        /^projectCustomerBase: acquisitionCost must not be negative, got -1$/,
      ],
    ];

    for (const [name, change, message] of outOfRange) {
      it(`refuses ${name}`, () => {
        expect(inputError(() => loose({ ...valid, ...change })).message).toMatch(message);
      });
    }

    it('refuses options that are not an object', () => {
      for (const options of [undefined, null, 12, 'periods', [10, 0.8, 12], true]) {
        expect(inputError(() => loose(options)).message).toMatch(
          /^projectCustomerBase: expects an options object, got /,
        );
      }
    });
  });
});
